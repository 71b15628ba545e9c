// Ground truth for one generated report: everything the generator decided, so that tests and
// benchmarks can score extraction, metadata, themes and recommendations against it.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace scr::corpus {

struct TruthRecommendation {
  std::string number;                 ///< Canonical number, e.g. "3".
  std::string label;                  ///< As printed: "Recommendation 3:", "R3", "3.", "3)".
  std::string text;                   ///< Full text as printed, sub-items with their letters ("a) ..."), no page furniture.
  std::vector<std::string> agencies;  ///< Addressee agency ids.
  std::string theme;                  ///< Theme the recommendation is about, "" if general.
  bool has_time_frame = false;
  std::vector<std::string> subitems;  ///< Lettered sub-items, each as printed after its letter ("a)").
};

struct TruthFinding {
  std::string number;
  std::string title;
  std::vector<std::string> questions;  ///< "Questions for the board".
};

struct ReportTruth {
  std::string id;                 ///< "gen-000042"
  std::string file;               ///< Path relative to the corpus root.
  std::string title;
  std::string review_type;        ///< "SCR" or "CSPR".
  std::string board;              ///< Canonical area name (boards.csv).
  std::string board_as_written;   ///< As the report names it.
  std::string region;
  int year = 0;                   ///< Publication year.
  int month = 0;                  ///< Publication month, 1-12.
  int incident_year = 0;
  std::string pseudonym;          ///< As in the title: "Child K", "Baby Z", "Jack".
  std::string pseudonym_style;    ///< child-letter, child-letters, baby, family, young-person, first-name.
  std::string child_ref;          ///< How the text names the child.
  int child_age_months = 0;
  std::string age_band;           ///< "<1", "1-5", "6-10", "11-15", "16-17".
  std::string sex;                ///< "female", "male".
  std::string outcome;            ///< "death", "serious-harm".
  std::string author;
  std::vector<std::string> themes;               ///< Present: stated affirmatively.
  std::map<std::string, int> theme_mentions;     ///< Affirmative mentions written per present theme.
  std::vector<std::string> negated_themes;       ///< Mentioned only inside a negation.
  std::vector<std::string> hypothetical_themes;  ///< Mentioned only hypothetically.
  /// Themes absent from the report but named in a way that does not state them, by class:
  /// "question" (terms of reference), "routine" (advice given to every family, training),
  /// "negation-form" (neither/never/ruled out/found absent), "praise" (good practice commended),
  /// "experiencer" (the child's own, a parent's childhood experience or a parent's own overdose), "definition", "criteria"
  /// (the statutory criteria every review quotes).
  std::map<std::string, std::vector<std::string>> distractor_themes;
  std::vector<TruthRecommendation> recommendations;
  std::vector<TruthFinding> findings;
  int pages = 0;
  std::map<std::string, int> section_pages;      ///< Section key -> first page (1-based).
  std::map<std::string, std::string> features;   ///< Layout features used (cover, two_column, ...).
  std::string summary;                           ///< Short catalogue summary (manifest).
};

}  // namespace scr::corpus
