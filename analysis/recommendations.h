// Recommendations and SCIE-style findings in a report's cleaned pages, each as a record of its own
// with its addressees, themes and a clarity check.
#pragma once

#include <string>
#include <vector>

#include "scr/agencies.h"
#include "scr/tagger.h"

namespace scr {

struct Recommendation {
  std::string kind = "recommendation";  ///< "recommendation" or "finding"
  std::string number;                   ///< canonical: "3"
  std::string label;                    ///< as printed: "Recommendation 3:", "R3", "3.", "3)", "Finding 3:"
  std::string text;                     ///< the recommendation (or the finding's title), furniture-free
  std::vector<std::string> questions;   ///< a finding's questions for the board
  int page = 0;                         ///< 1-based page where it starts
  std::vector<std::string> agencies;    ///< addressee agency ids
  std::vector<std::string> themes;      ///< present themes of its text
  // Clarity (the national panel asks for recommendations "clearly defined and addressed").
  bool addressee_found = false;
  bool action_verb = false;
  bool time_frame = false;
  bool measure = false;
  /// "clear" when addressed, with an action, and a time frame or a measure; else "unclear".
  std::string clarity() const { return addressee_found && action_verb && (time_frame || measure) ? "clear" : "unclear"; }
};

/// Finds the recommendations (in "Recommendations" sections, numbered in any of the usual styles,
/// in lists or tables, across pages) and findings of a report.
std::vector<Recommendation> find_recommendations(const std::vector<std::string>& pages, const AgencyVocabulary& agencies,
                                                 const ThemeTagger& tagger);

/// The numbered items ("1.", "2)", "R3", ...) of a block already known to be a list of
/// recommendations or concerns (a coroner's "matters of concern", a manifest's recommendation
/// text), assessed like find_recommendations' items.
std::vector<Recommendation> find_numbered_items(const std::vector<std::string>& pages, const AgencyVocabulary& agencies,
                                                const ThemeTagger& tagger);

}  // namespace scr
