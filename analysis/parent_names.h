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
std::set<std::string> parent_names(const std::vector<std::string_view>& texts, const std::set<std::string>& roles);

}  // namespace scr
