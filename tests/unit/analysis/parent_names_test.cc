#include <catch2/catch.hpp>

#include "parent_names.h"

namespace {

const std::set<std::string> kRoles = {"mother", "father", "stepfather", "partner"};

std::set<std::string> names_in(std::string_view text) { return scr::parent_names({text}, kRoles); }

}  // namespace

TEST_CASE("parent names: a first name set beside a role word", "[tagger][parent-names]") {
  CHECK(names_in("Alfie lived with his mother, Helen, in a flat. Later Helen moved.") == std::set<std::string>{"helen"});
  CHECK(names_in("Dean (father) was not seen. The nurse visited Dean at home.") == std::set<std::string>{"dean"});
  CHECK(names_in("Helen, Alfie's mother, moved in 2019. The GP wrote to Helen.") == std::set<std::string>{"helen"});
  CHECK(names_in("Ms K, Child K's mother, moved in 2019. The GP wrote to Ms K.") == std::set<std::string>{"ms k"});
  CHECK(names_in("The midwife saw her mother, Ms B, twice. Ms B said little.") == std::set<std::string>{"ms b"});
}

TEST_CASE("parent names: words that only look like names beside a role are not taken", "[tagger][parent-names]") {
  // An adverb before "his mother," is capitalised only where it opens a sentence.
  CHECK(names_in("Afterwards, his mother, who was unwell, visited. Afterwards the GP called.").empty());
  // No closing comma or bracket: "Helen and the baby" is a list, not an appositive.
  CHECK(names_in("The nurse saw his mother, Helen and the baby at the clinic.").empty());
  // A word the report also uses in lower case is a word, not only a name.
  CHECK(names_in("Her mother, Faith, went to church. Her faith mattered to her, Faith said.").empty());
  // A role word with no determiner before it ("Mother, Helen" in a list of people present).
  CHECK(names_in("Present: Mother, Helen, Social Worker. The nurse saw Helen.").empty());
}
