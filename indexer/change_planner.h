// Decides what an indexer run must do: compares the files found now with what the index holds.
//
// A report is identified by its content (SHA-256), not its path: a touched file (new mtime, same
// bytes) is not re-extracted, a moved or renamed file keeps its document, and the same bytes at two
// paths are indexed once with both paths known. Pure: the filesystem is reached only through the
// FileSystem interface, so tests drive it with a fake one.
#pragma once

#include <string>
#include <vector>

#include "file_system.h"

namespace scr {

/// What the index holds for one report (from its document data).
struct IndexedReport {
  std::string id;
  std::string sha256;
  std::vector<FileEntry> files;  ///< Paths with the size and mtime seen when last indexed. Empty for catalogue records.
  std::string status;            ///< Extraction status name ("ok", "corrupt", ...).
  int extractor_version = 0;
};

struct PlanOptions {
  bool retry_failed = false;     ///< Re-extract unchanged files whose extraction failed before.
  int extractor_version = 1;     ///< Reports written by an older extractor are re-extracted.
  /// Deleting more than this share of the indexed reports in one run (or any, when the walk found
  /// none of the indexed files) is refused unless allow_mass_delete: a share that is not mounted,
  /// or a wrong root, must not empty the index.
  double max_delete_share = 0.10;
  bool allow_mass_delete = false;
};

/// Content to extract, with every path it is found at.
struct ExtractJob {
  std::string sha256;
  std::vector<FileEntry> files;
  std::string reason;            ///< "new", "changed", "retry", "reextract"
  std::string replaces_id;       ///< For retry/reextract: the report it replaces (same id).
};

/// A report keeps its document but its list of paths changes (touched, moved, duplicated, a path gone).
struct FileListUpdate {
  std::string report_id;
  std::vector<FileEntry> files;
};

struct PlanCounts {
  int added = 0;       ///< new content
  int replaced = 0;    ///< paths whose content changed
  int unchanged = 0;   ///< paths with the same size and mtime
  int touched = 0;     ///< paths with a new mtime but the same content (not re-extracted)
  int moved = 0;       ///< content found at a new path after its old path vanished
  int duplicates = 0;  ///< content already indexed under another path that still exists
  int deleted = 0;     ///< reports whose every path is gone
  int retried = 0;     ///< failed files tried again (--retry-failed)
  int reextracted = 0; ///< reports written by an older extractor
  int failed_kept = 0; ///< unchanged files that failed before and are not retried
};

struct Plan {
  std::vector<ExtractJob> extract;
  std::vector<FileListUpdate> updates;
  std::vector<std::string> deletes;      ///< report ids
  PlanCounts counts;
  bool deletions_skipped = false;        ///< a folder could not be read: nothing below it was deleted
  int mass_delete_refused = 0;           ///< reports not deleted because of PlanOptions::max_delete_share
  std::string mass_delete_reason;        ///< why, in words
  std::vector<std::string> hash_errors;  ///< files that could not be read to hash (skipped this run)
};

/// Plans a run over `walk` (the files found now) against `indexed` (what the index holds).
/// Hashes only files that are new or whose size/mtime changed.
Plan plan_changes(const WalkResult& walk, const std::vector<IndexedReport>& indexed, const FileSystem& fs,
                  const std::string& root, const PlanOptions& options);

}  // namespace scr
