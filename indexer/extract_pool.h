// Extraction in worker processes: a PDF that crashes, hangs or eats memory in poppler costs that
// one file, not the run (as Omega's omindex runs its filters in a subprocess).
//
// Each worker is this program re-executed with --worker; it reads one relative path per line on
// stdin and answers with a framed JSON analysis on stdout. The pool hands out paths, enforces a
// per-file time limit (SIGKILL, then a fresh worker) and a memory cap (RLIMIT_AS), and turns a
// worker's death into a status for that file.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "analyse.h"

namespace scr {

struct PoolOptions {
  std::string worker_exe;                     ///< Program to run as a worker (normally /proc/self/exe).
  std::vector<std::string> worker_args;       ///< Its arguments (including --worker).
  int workers = 2;                            ///< Processes extracting at once.
  std::chrono::milliseconds timeout{120000};  ///< Per file.
  long memory_limit_mb = 2048;                ///< Address-space cap per worker; 0 = none.
};

/// One file for a worker: where it is, and the content hash its cleaned text is cached under.
struct ExtractRequest {
  std::string path;    ///< relative to the worker's --root
  std::string sha256;  ///< text cache key; "" = do not cache
};

/// Runs `requests` through the workers. `on_result(i, analysis)` is called on the calling thread for
/// each path as its result arrives (any order). `stop` set to true (e.g. by a signal handler)
/// stops handing out new paths; those in flight still finish. Returns how many results were
/// delivered. Throws scr::Error if no worker can be started at all.
size_t run_extract_pool(const PoolOptions& options, const std::vector<ExtractRequest>& requests,
                        const std::function<void(size_t, AnalysedFile)>& on_result, const std::atomic<bool>& stop);

/// The worker side: serves requests from stdin until it closes, writing each file's cleaned pages
/// to the text cache at `cache_dir` (compression is work better spread over the workers than left
/// to the single index writer). Returns the process exit code.
int serve_worker(const std::string& root, const std::string& cache_dir, const ExtractOptions& options,
                 const BoardRegistry& boards);

}  // namespace scr
