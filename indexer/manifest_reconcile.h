// A run's catalogue manifest matched to the corpus and the index: which row describes a report,
// and what a changed manifest changes without reading a PDF (catalogue-only records for rows with
// no file, reports re-merged from the text cache when their row changed). Pulled out of
// run_indexer, which calls it between planning and extraction.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "change_planner.h"
#include "index_writer.h"
#include "manifest.h"
#include "scr/tagger.h"
#include "scr/text_cache.h"

namespace scr {

/// The id of the catalogue-only record for manifest row `manifest_id`: "c" + 16 hex digits.
std::string catalogue_id(const std::string& manifest_id);

class ManifestReconciler {
 public:
  /// `manifest` must outlive the reconciler (rows are kept by address).
  explicit ManifestReconciler(const Manifest& manifest);

  /// The row describing any of `files` (by corpus-relative path), or null.
  const ManifestRow* row_for(const std::vector<FileEntry>& files) const;
  /// Merges the row of `doc`'s files into its metadata over what the PDF said (kept in found_meta),
  /// and records which row and row version it took.
  void apply(ReportDocument& doc) const;

  struct Counts {
    int catalogue_added = 0;    ///< catalogue-only records written (new or changed rows)
    int catalogue_deleted = 0;  ///< catalogue-only records whose row went
    int reports_remerged = 0;   ///< reports not read this run whose row changed, appeared or went
  };
  /// Writes through `writer` (uncommitted) what the manifest changes for reports this run does not
  /// extract or delete (`plan`): `state` is the index before the run, `present_paths` the files
  /// the walk found, `cache` the text cache the re-merged reports' pages come from.
  Counts reconcile(IndexWriter& writer, const Plan& plan, const std::vector<IndexedReport>& state,
                   const std::set<std::string>& present_paths, const TextCache& cache,
                   const ThemeTagger& catalogue_tagger) const;

 private:
  const Manifest& manifest_;
  std::map<std::string, const ManifestRow*> row_for_path_;
};

}  // namespace scr
