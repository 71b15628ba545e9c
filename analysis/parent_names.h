// The names a report gives its parents and carers ("his mother, Helen,", "Helen (mother)"), so
// that a sentence naming only "Helen" has a parent for its subject. Internal to scr_analysis.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace scr {

/// The first names (folded, as split_words gives them; a title with what follows it is one name,
/// "ms k") that `texts` (a report's pages) set beside
/// a role word of `roles` (single folded words: "mother", "stepfather", "partner"...) as an
/// appositive: "her mother, Helen,", "the father (Dean)", "Helen, Alfie's mother,", "Dean
/// (father)". A capitalised word is required, with a closing comma, bracket or stop ("his mother,
/// Helen and the baby" gives none), and the word must never stand in lower case in the texts and
/// must stand capitalised at least once inside a sentence: "Afterwards, his mother, who..." gives
/// no name "afterwards".
/// Titles among `roles` ("ms", "mr") are no role here: a title opens a name ("Ms K").
std::set<std::string> parent_names(const std::vector<std::string_view>& texts, const std::set<std::string>& roles);

/// "ms", "mr", "mrs", "miss", "dr" (folded): the first word of a two-word name such as "Ms K".
bool is_title(std::string_view folded_word);

}  // namespace scr
