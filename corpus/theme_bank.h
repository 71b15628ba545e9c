// The themes the generator writes about, and the many ways it writes about them.
//
// This bank is the generator's own, written independently of the indexer's taxonomy file: ground
// truth must not be derived from the tagger it is used to test. Only the theme ids are shared.
#pragma once

#include <string>
#include <vector>

namespace scr::corpus {

struct ThemeBank {
  std::string id;     ///< Shared with the taxonomy, e.g. "domestic-abuse".
  std::string group;  ///< harm-type, parental-factor, practice, child-characteristic, context.
  double prevalence;  ///< Share of reports that have the theme (before age adjustments).
  int min_age_months; ///< The theme is only given to children at least this old...
  int max_age_months; ///< ...and at most this old.
  /// Noun phrases that name the theme; they slot into shared sentence frames, affirmative
  /// ("Agencies were aware of {P}"), negated ("There was no evidence of {P}") and hypothetical.
  std::vector<std::string> phrasings;
  /// Whole sentences that state the theme in words of their own. Slots: {C} the child, {Cposs}
  /// the child's ("Child K's"), {he}/{his}/{him} for the child, {M} the mother, {role} a
  /// professional, {date} a date phrase.
  std::vector<std::string> sentences;
  /// Year range in which the theme can occur (the pandemic, for one, only from 2020).
  int first_year = 0;
  int last_year = 9999;
};

/// All themes, in a stable order.
const std::vector<ThemeBank>& theme_bank();

}  // namespace scr::corpus
