// The one writer of an scr index: report documents in, state out. Wraps Xapian::WritableDatabase
// so that nothing above it includes <xapian.h>.
//
// Index folder layout: <index>/xapian/ (the Xapian glass database) and <index>/text-cache/.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyse.h"
#include "change_planner.h"
#include "scr/error.h"
#include "scr/taxonomy.h"

namespace scr {

/// Another process holds the index's write lock.
class IndexLockedError : public Error {
 public:
  using Error::Error;
};

/// The index was written with another schema version; it needs a rebuild.
class SchemaMismatchError : public Error {
 public:
  using Error::Error;
};

/// A report to store: its identity, where it is, and what analysis found.
struct ReportDocument {
  std::string id;                ///< "r" + first 16 hex digits of sha256
  std::string sha256;
  std::vector<FileEntry> files;  ///< empty for catalogue-only records
  AnalysedFile analysis;          ///< analysis.meta: the metadata indexed (manifest merged in)
  ReportMeta found_meta;          ///< what the PDF itself said, before the manifest (kept to re-merge)
  std::string manifest_id;        ///< the manifest row applied, "" for none
  std::string manifest_row_hash;  ///< its hash, to notice when the row changes
  long long indexed_at = 0;       ///< unix seconds when first indexed (kept across re-extraction)
  bool catalogue_only = false;    ///< a manifest row without a PDF (status "catalogue")
};

std::string report_id_for_sha(const std::string& sha256);
/// The report a stored record (document data) describes, or nullopt when it is not one. Reads
/// records of every schema version so far (missing fields take their defaults).
std::optional<ReportDocument> report_from_record(const std::string& record);
/// A recommendation's (or finding's) document id: "<report id>-r3" / "<report id>-f2".
std::string recommendation_id(const std::string& report_id, const std::string& kind, const std::string& number);

/// The stored record (JSON) of every report document in the index at `dir`, read-only (no lock;
/// safe while a writer runs). Throws scr::Error when the index cannot be opened.
std::vector<std::string> read_report_records(const std::string& dir);

/// What an index holds, read without the write lock: for `--dry-run`, which must change nothing
/// (no folder, database or lock is created). An index that does not exist yet reads as empty.
struct IndexSnapshot {
  std::vector<IndexedReport> reports;  ///< every report with files (for the change planner)
  size_t documents = 0;                ///< report documents (PDF and catalogue records)
  size_t recommendations = 0;          ///< recommendation and finding documents
};
/// Throws SchemaMismatchError for an index of another schema, scr::Error when it cannot be read.
IndexSnapshot read_index_state(const std::string& dir);

class IndexWriter {
 public:
  /// Opens (creating if needed) the index at `dir` for writing. Throws IndexLockedError when
  /// another writer has it, SchemaMismatchError when it was written by an incompatible version,
  /// scr::Error for anything else (unreadable, corrupt, disk full).
  explicit IndexWriter(const std::string& dir);
  /// Does NOT commit: changes since the last commit() are discarded (an exception part-way
  /// through a batch leaves the index at its last commit).
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  /// What the index holds for every report with files (for the change planner).
  std::vector<IndexedReport> load_state() const;
  /// When report `id` was first indexed (unix seconds), or 0 if it is not in the index.
  long long indexed_at(const std::string& id) const;
  /// The stored report `id` (text not included: that is in the text cache), or nullopt.
  std::optional<ReportDocument> load_report(const std::string& id) const;
  /// Every report id with the manifest row hash it was written with ("" for none): both PDF
  /// reports and catalogue-only records (whose ids start with 'c').
  std::map<std::string, std::string> manifest_state() const;

  /// Records the taxonomy (and its synonym table) that this run tags with; the agency
  /// vocabulary gives recommendation documents their agency groups. Call before put_report.
  void set_taxonomy(const Taxonomy& taxonomy, const AgencyVocabulary& agencies);
  /// Only the agency vocabulary (for rewriting reports without re-tagging them: repair).
  void set_agencies(const AgencyVocabulary& agencies) { agencies_ = &agencies; }
  /// Writes the report and replaces its recommendation/finding documents.
  void put_report(const ReportDocument& doc);
  void set_files(const std::string& id, const std::vector<FileEntry>& files);
  /// Records a recommendation's implementation status (JSON: status, date, owner, note) and
  /// applies it to its document (facet `implementation`). Kept across re-extraction. Returns
  /// whether the recommendation document exists now.
  bool set_implementation(const std::string& recommendation_id, const std::string& json_record);
  bool has_document(const std::string& id) const;
  void delete_report(const std::string& id);
  /// Deletes every recommendation and finding document of `report_id` (also when the report
  /// itself is gone: orphans found by check_index).
  void delete_recommendations(const std::string& report_id);
  /// Records report `id` as written by extractor version 0, so that the next run reads its PDF
  /// again (its text-cache entry is missing or damaged). False if there is no such report.
  bool mark_for_rereading(const std::string& id);
  void set_metadata(const std::string& key, const std::string& value);

  /// Makes everything since the last commit durable and visible to readers, atomically.
  void commit();
  /// Report documents (PDF and catalogue records) in the index, committed or not.
  size_t document_count() const;
  /// Recommendation and finding documents.
  size_t recommendation_count() const;

 private:
  void begin_transaction();
  void put_recommendations(const std::string& report_id, const ReportMeta& m, const std::vector<Recommendation>& recs,
                           const std::string& status);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const AgencyVocabulary* agencies_ = nullptr;
};

}  // namespace scr
