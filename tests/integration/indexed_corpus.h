// The indexed test corpus the query, trend and daemon tests share (CTest fixture
// "indexed_corpus"): its ground truth and one Searcher over it.
#pragma once

#include <filesystem>
#include <vector>

#include "corpus_writer.h"
#include "scr/search.h"

namespace scr::testing {

inline const std::filesystem::path kCorpus = SCR_TEST_CORPUS;
inline const std::filesystem::path kIndex = SCR_TEST_INDEX;

inline const std::vector<corpus::ReportTruth>& truths() {
  static const auto t = corpus::read_truth_file((kCorpus / "truth.jsonl").string());
  return t;
}

inline Searcher& searcher() {
  static auto s = Searcher::open(kIndex.string());
  return *s;
}

}  // namespace scr::testing
