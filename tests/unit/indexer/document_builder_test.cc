// The free-text document the workers build from a report's pages.
#include <catch2/catch.hpp>
#include <xapian.h>

#include <string>
#include <vector>

#include "document_builder.h"

namespace {

std::vector<std::string> terms_of(const std::string& serialised) {
  Xapian::Document d = Xapian::Document::unserialise(serialised);
  std::vector<std::string> out;
  for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) out.push_back(*t);
  return out;
}

bool has(const std::vector<std::string>& terms, const std::string& term) {
  return std::find(terms.begin(), terms.end(), term) != terms.end();
}

}  // namespace

TEST_CASE("document: an accented word also gets its accent-free twin", "[indexer][document]") {
  scr::ReportMeta meta;
  auto terms = terms_of(scr::build_text_document(meta, {"The family of Ana\u00efs moved to a r\u00e9fuge."}));
  CHECK(has(terms, "ana\u00efs"));
  CHECK(has(terms, "anais"));
  CHECK(has(terms, "refuge"));
}

TEST_CASE("document: a word of accents alone (damaged text) adds no empty twin", "[indexer][document]") {
  // Text pulled from a damaged PDF can hold combining marks with no letter under them; Xapian
  // indexes them as a word, whose accent-free twin is empty. An empty term is an exception in
  // Xapian, and it killed the worker with the file: found by bench/mutation_bench.sh (seed 1,
  // mutant 1598, a bit-flipped font), reproduced here with the marks alone.
  scr::ReportMeta meta;
  std::string serialised;
  REQUIRE_NOTHROW(serialised = scr::build_text_document(meta, {"before \u0301\u0302 after", "\u0308"}));
  auto terms = terms_of(serialised);
  CHECK(has(terms, "before"));
  CHECK(has(terms, "after"));
  CHECK_FALSE(has(terms, ""));
}
