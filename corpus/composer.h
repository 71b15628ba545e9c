// Decides what one report says: its metadata, themes, recommendations and every sentence, as a
// Document to lay out and the ReportTruth that records it. Pure: the same seed gives the same result.
#pragma once

#include <cstdint>

#include "document.h"
#include "scr/boards.h"
#include "truth.h"

namespace scr::corpus {

struct PageLengths {
  int min = 10;       ///< Shortest report, pages.
  int median = 32;    ///< Median report length, pages (log-normal around it).
  int max = 120;      ///< Longest report, pages.
};

struct ComposedReport {
  ReportTruth truth;
  Document document;
};

/// Composes report number `index` of the corpus made from `seed`. `target_pages` is the length to
/// aim at (the real page count is known only after layout and goes into truth.pages).
ComposedReport compose_report(uint64_t seed, int index, int target_pages, const BoardRegistry& boards);

/// The file name compose_report will give report `index`, without composing the rest (cheap).
std::string planned_file_name(uint64_t seed, int index, const BoardRegistry& boards);

/// The page length to aim at for report `index`, drawn from `lengths`.
int draw_target_pages(uint64_t seed, int index, const PageLengths& lengths);

}  // namespace scr::corpus
