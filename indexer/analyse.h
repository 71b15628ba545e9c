// One file from PDF to analysed record: extract (scr/extract.h), then analyse (analysis.h). This is
// the work a worker process does; the result crosses the process boundary as JSON.
#pragma once

#include <string>
#include <vector>

#include "analysis.h"
#include "scr/boards.h"
#include "scr/extract.h"
#include "scr/report.h"

namespace scr {

struct AnalysedFile {
  ExtractStatus status = ExtractStatus::kOk;
  std::string reason;
  int page_count = 0;
  std::vector<std::string> pages;      ///< Cleaned text, one entry per page read.
  std::vector<int> ocr_pages;          ///< 0-based pages read by OCR.
  std::vector<std::string> furniture;  ///< Running header/footer lines removed.
  PdfInfo info;
  ReportMeta meta;
  /// Serialised Xapian document with the free-text terms (document_builder.h); built by the worker.
  /// Binary: not part of encode_analysis(), carried beside it.
  std::string text_document;
  std::vector<unsigned> page_starts;  ///< term position where each page starts in text_document
  std::vector<ThemeTag> themes;                 ///< every theme mentioned; `present` says which count
  std::vector<Recommendation> recommendations;  ///< recommendations and findings
  std::string taxonomy_version;                 ///< of the taxonomy that tagged it ("" = not tagged)

  /// Replaces the themes, recommendations and taxonomy version with `analysis`'s.
  void take(TextAnalysis analysis);
};

/// Extracts `root`/`relative_path` and analyses it. Never throws for a bad file: the status says.
AnalysedFile analyse_file(const std::string& root, const std::string& relative_path, const ExtractOptions& options,
                          const BoardRegistry& boards, const TextAnalysers& analysers = {});

/// The analysis as a JSON document, and back. decode_analysis throws scr::Error on malformed input.
std::string encode_analysis(const AnalysedFile& a);
AnalysedFile decode_analysis(const std::string& json);

}  // namespace scr
