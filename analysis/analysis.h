// Analysis: from a report's text to what the index records about it — its metadata, the themes it
// mentions and the recommendations it makes. Text in, an analysed report out: no PDF library, no
// index, no process boundary (the indexer's workers call this; retagging and upgrades call
// analyse_text on cached pages).
//
// Where a decision is made: themes in tagger.cc (scr/tagger.h, rules from data/taxonomy.json),
// recommendations and findings in recommendations.cc, metadata in metadata.cc.
#pragma once

#include <string>
#include <vector>

#include "recommendations.h"
#include "scr/agencies.h"
#include "scr/boards.h"
#include "scr/extract.h"
#include "scr/report.h"
#include "scr/tagger.h"

namespace scr {

/// What reads the text once it is cleaned: the theme tagger and the agency vocabulary. Either may
/// be null (then that analysis is skipped).
struct TextAnalysers {
  const ThemeTagger* tagger = nullptr;
  const AgencyVocabulary* agencies = nullptr;
  /// False only in the tagging benchmark (SCR_BENCH_NO_TAGGING=themes): recommendations are found
  /// and written, the report's own themes are not, so the two costs can be told apart.
  bool report_themes = true;
};

/// Themes and recommendations of one report.
struct TextAnalysis {
  std::vector<ThemeTag> themes;                 ///< every theme mentioned; `present` says which count
  std::vector<Recommendation> recommendations;  ///< recommendations and findings
  std::string taxonomy_version;                 ///< of the taxonomy that tagged it ("" = not tagged)
};

/// Themes and recommendations of a report's cleaned pages. Without a tagger nothing is found.
TextAnalysis analyse_text(const std::vector<std::string>& pages, const TextAnalysers& analysers);

/// Themes of a catalogue-only record: its summary tagged like report text, and its keywords mapped
/// to themes through the taxonomy's phrasings (an unmapped keyword stays a keyword only).
TextAnalysis analyse_catalogue(const ReportMeta& meta, const ThemeTagger& tagger);

/// A report's extracted text read: cleaned pages, the furniture taken out, and its metadata.
struct ReadReport {
  std::vector<std::string> pages;      ///< cleaned text, one entry per page read
  std::vector<std::string> furniture;  ///< running header/footer lines removed
  ReportMeta meta;
};

/// Cleans `extracted`'s pages and finds the metadata of the file at `relative_path` (cover sheet,
/// PDF Info, file name, folder, opening pages). A file with no text still gets what its name and
/// folder say.
ReadReport read_report(const ExtractResult& extracted, const std::string& relative_path, const BoardRegistry& boards);

}  // namespace scr
