// The bad inputs every indexer run must survive, written beside a generated corpus with the outcome
// each one should get.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scr/boards.h"

namespace scr::corpus {

struct BadInput {
  std::string file;      ///< Relative to the corpus's PDF root.
  std::string expected;  ///< Extraction status the indexer should record: ok, corrupt, encrypted,
                         ///< not-pdf, ocr (no-text with OCR off), partial.
  std::string what;      ///< What is wrong with it, in words.
  int pages = 0;         ///< Pages of the underlying report, where it has any.
};

struct BadInputOptions {
  uint64_t seed = 1;
  int huge_pages = 2000;  ///< Length of the oversized report.
};

/// Writes the bad inputs under `pdf_root`/bad-inputs/ and returns what it wrote, in a stable order.
/// Throws scr::OutputError when a file cannot be written.
std::vector<BadInput> write_bad_inputs(const std::string& pdf_root, const BadInputOptions& options,
                                       const BoardRegistry& boards);

}  // namespace scr::corpus
