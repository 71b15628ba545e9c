// The free-text half of a report's Xapian document, built where the text is (in the extraction
// workers, beside poppler) so that the single index writer only adds filters and stores it.
#pragma once

#include <string>
#include <vector>

#include "scr/report.h"

namespace scr {

/// Title (prefix S, and unprefixed with weight 5), pseudonym (XCHILD, and unprefixed with weight 3),
/// catalogue summary and keywords, then every page, with positions, English stemming (STEM_SOME) and
/// a gap of 100 positions between fields and pages so phrases never match across them.
/// Returns Xapian::Document::serialise(). `page_starts`, if given, receives the term position at
/// which each page starts (snippets find the pages a hit's words are on from their positions).
/// Thread-safe.
std::string build_text_document(const ReportMeta& meta, const std::vector<std::string>& pages,
                                std::vector<unsigned>* page_starts = nullptr);

}  // namespace scr
