// One indexer run: walk the corpus, plan, extract in worker processes, write, commit in batches.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "change_planner.h"
#include "scr/extract.h"

namespace scr {

struct IndexOptions {
  std::string corpus_root;          ///< Folder of PDFs (absolute or relative).
  std::string index_dir;            ///< Index folder (created if missing).
  int jobs = 0;                     ///< Extraction worker processes; 0 = one per core.
  int batch_size = 200;             ///< Commit after this many reports written.
  bool dry_run = false;             ///< Plan only: say what would change, touch nothing.
  bool retry_failed = false;        ///< Try again files that failed and have not changed.
  bool allow_mass_delete = false;   ///< Delete even when the walk found none of / few of the indexed files.
  double max_delete_share = 0.10;   ///< More deletions than this share of the index are refused.
  ExtractOptions extract;           ///< Page limit, OCR, size limit.
  std::chrono::seconds timeout{120};///< Per-file extraction time limit.
  long memory_limit_mb = 2048;      ///< Per-worker address-space cap.
  std::string worker_exe;           ///< The scr-index binary (re-executed as --worker).
  std::string manifest;             ///< Catalogue manifest CSV ("" = none this run).
  std::string manifest_mapping;     ///< Its column mapping (JSON); "" = the default columns.
};

struct FileFailure {
  std::string path;
  std::string status;
  std::string reason;
};

struct IndexRunSummary {
  PlanCounts counts;
  int extracted = 0;                  ///< files read this run
  long pages = 0;                     ///< pages read this run
  std::vector<FileFailure> failures;  ///< files that could not be (fully) read this run
  std::vector<std::string> walk_errors;
  bool deletions_skipped = false;     ///< a folder could not be read: nothing below it was deleted
  int mass_delete_refused = 0;        ///< reports gone from the folder but kept (PlanOptions::max_delete_share)
  std::string mass_delete_reason;
  bool interrupted = false;           ///< stopped by a signal after committing what was done
  bool dry_run = false;
  int manifest_rows = 0;              ///< rows read from the manifest
  int manifest_applied = 0;           ///< reports whose metadata the manifest (re)set this run
  int catalogue_added = 0;            ///< catalogue-only records added or updated
  int catalogue_deleted = 0;          ///< catalogue-only records no longer in the manifest
  std::vector<std::string> manifest_problems;
  Plan plan;                          ///< what was planned (for --dry-run listings)
  size_t documents = 0;               ///< report documents in the index afterwards
  size_t recommendations = 0;         ///< recommendation and finding documents afterwards
  double seconds = 0;
};

struct Progress {
  size_t done = 0, total = 0;
  long pages = 0;
  double seconds = 0;
};

/// Runs the indexer. Throws IndexLockedError / SchemaMismatchError / scr::Error on fatal problems;
/// everything that goes wrong with one file is in the summary instead.
IndexRunSummary run_indexer(const IndexOptions& options, const std::atomic<bool>& stop,
                            const std::function<void(const Progress&)>& on_progress = {});

struct RetagSummary {
  int retagged = 0;                      ///< reports tagged again
  std::vector<std::string> missing_text; ///< readable reports whose cached text is gone (re-extract them)
  std::string taxonomy_version;
  bool interrupted = false;
  double seconds = 0;
};

/// Re-applies the current taxonomy and agency vocabulary to every report of the index, from the
/// text cache (no PDF is read): themes, recommendations and the synonym table are rewritten.
RetagSummary retag_index(const std::string& index_dir, const std::atomic<bool>& stop,
                         const std::function<void(const Progress&)>& on_progress = {});


/// Whether a status means the file's text could not be read at all.
bool is_failure_status(const std::string& status);

}  // namespace scr
