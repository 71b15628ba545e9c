// Writes a whole generated corpus: PDFs, ground truth, catalogue manifest and (optionally) the bad
// inputs, using all cores. Deterministic: the same options give the same files, whatever the
// number of jobs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bad_inputs.h"
#include "composer.h"
#include "truth.h"

namespace scr::corpus {

struct CorpusOptions {
  int reports = 20;         ///< How many good reports.
  uint64_t seed = 1;
  std::string out;          ///< Output directory; PDFs go under out/pdfs.
  bool bad = false;         ///< Also write the bad inputs (out/pdfs/bad-inputs, out/bad-expected.csv).
  int huge_pages = 2000;    ///< Length of the oversized bad input.
  PageLengths lengths;
  int jobs = 0;             ///< Worker threads; 0 = one per core.
};

struct Progress {
  int done = 0;
  int total = 0;
  long pages = 0;
  double seconds = 0;
};

struct CorpusSummary {
  int reports = 0;
  long pages = 0;
  int bad_inputs = 0;
  double seconds = 0;
  std::vector<ReportTruth> truths;
};

/// Generates the corpus. `on_progress` (optional) is called from the calling thread after each
/// report. Throws scr::OutputError on I/O failure.
CorpusSummary write_corpus(const CorpusOptions& options, const std::function<void(const Progress&)>& on_progress = {});

/// One line of truth.jsonl for `truth` (no trailing newline).
std::string truth_json_line(const ReportTruth& truth);
/// Parses a line written by truth_json_line; throws scr::DataFileError if it is not one.
ReportTruth parse_truth_line(const std::string& line);
/// Reads a whole truth.jsonl.
std::vector<ReportTruth> read_truth_file(const std::string& path);

}  // namespace scr::corpus
