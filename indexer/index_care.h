// Care of an index between runs: check its health, repair what the text cache can repair,
// compact it, and back it up, while scr-searchd goes on serving it.
//
// Each operation that writes takes the index's write lock (so no scr-index run changes it
// meanwhile) and publishes its work atomically: a reader sees the index before or after, never
// between. scr-searchd notices a compacted database that has replaced the one it opened and
// opens the new one.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace scr {

/// One thing wrong with an index.
struct IndexProblem {
  /// "xapian" (the database's own structure), "schema", "orphan-recommendations" (documents of
  /// a report that is gone), "missing-recommendations" (a report's recommendation documents
  /// absent or extra), "missing-text" / "damaged-text" (a report's text-cache entry), or
  /// "unreferenced-text" (a cache entry no report uses).
  std::string kind;
  std::string subject;  ///< the report id or cache key concerned ("" for the whole index)
  std::string detail;   ///< what was found, in words
  bool repairable = false;
};

struct IndexHealth {
  enum class Verdict { kHealthy, kRepairable, kBroken };
  size_t reports = 0;          ///< report documents (PDF and catalogue records)
  size_t recommendations = 0;  ///< recommendation and finding documents
  size_t cache_entries = 0;    ///< files in the text cache
  size_t older_extractor = 0;  ///< reports an older extractor wrote: the next run reads them again
  size_t xapian_errors = 0;    ///< as Xapian::Database::check counts them
  std::vector<IndexProblem> problems;
  /// Healthy: no problem. Repairable: every problem is (repair_index). Broken: a problem the text
  /// cache cannot mend (the database's structure, another schema: restore a backup or rebuild).
  Verdict verdict() const;
};

/// Checks the index at `dir`: Xapian's own check of every table, then the project's invariants
/// (schema version; every report's recommendation documents present and no orphans; every report
/// with text has a readable cache entry; every cache entry is some report's). Takes the write
/// lock for the duration (throws IndexLockedError while scr-index runs), changes nothing.
/// Throws scr::Error when there is no index at `dir`.
IndexHealth check_index(const std::string& dir);

struct RepairSummary {
  size_t orphans_deleted = 0;        ///< reports whose orphaned documents were deleted
  size_t reports_rewritten = 0;      ///< reports written again from their record and cached text
  size_t marked_for_rereading = 0;   ///< reports whose PDF the next run reads again
  size_t cache_entries_removed = 0;  ///< unreferenced or damaged cache files deleted
};

/// Repairs the repairable problems of `health` (from check_index on the same index) in one
/// commit. Reports are rewritten with the agency vocabulary of $SCR_AGENCIES or the shipped one;
/// their themes are kept as stored.
RepairSummary repair_index(const std::string& dir, const IndexHealth& health);

/// Rewrites the database compactly (Xapian's compactor) beside the old one and swaps it in.
/// Returns the database's size in bytes before and after.
std::pair<unsigned long long, unsigned long long> compact_index(const std::string& dir);

/// A consistent copy of the index at `dir` in `dest` (which must not exist): the database as of
/// one commit (compacted), then the text cache. Safe while scr-index commits and scr-searchd
/// serves. Restore by putting `dest` where the index was (docs/operations.md).
void backup_index(const std::string& dir, const std::string& dest);

struct UpgradeSummary {
  std::string from_schema;           ///< the schema version the index had ("" for none recorded)
  bool already_current = false;      ///< nothing to do
  size_t reports = 0;                ///< reports written into the new database
  size_t marked_for_rereading = 0;   ///< of them, without cached text or from an older extractor
};

/// Rebuilds an index of an older schema into the current one from its stored records and text
/// cache (no PDF is read): a new database is written beside the old one, with themes and
/// recommendations analysed afresh and implementation statuses carried over, then swapped in.
/// Takes the write lock. Reports without cached text, or extracted by an older extractor, are
/// marked so that the next run reads their PDFs.
UpgradeSummary upgrade_index(const std::string& dir, const std::function<void(size_t done, size_t total)>& progress);

/// Bytes of the files below `path`.
unsigned long long disk_usage(const std::string& path);

}  // namespace scr
