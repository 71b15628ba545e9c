#include "manifest_reconcile.h"

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "analyse.h"

namespace scr {

namespace fs = std::filesystem;

namespace {

std::string normal_path(const std::string& path) { return fs::path(path).lexically_normal().generic_string(); }

}  // namespace

std::string catalogue_id(const std::string& manifest_id) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a: stable across builds and machines
  for (unsigned char ch : manifest_id) h = (h ^ ch) * 1099511628211ull;
  char id[20];
  std::snprintf(id, sizeof id, "c%016llx", static_cast<unsigned long long>(h));
  return id;
}

ManifestReconciler::ManifestReconciler(const Manifest& manifest) : manifest_(manifest) {
  for (const auto& row : manifest_.rows) {
    if (!row.file.empty()) row_for_path_[normal_path(row.file)] = &row;
  }
}

const ManifestRow* ManifestReconciler::row_for(const std::vector<FileEntry>& files) const {
  for (const auto& f : files) {
    if (auto it = row_for_path_.find(f.path); it != row_for_path_.end()) return it->second;
  }
  return nullptr;
}

void ManifestReconciler::apply(ReportDocument& doc) const {
  const ManifestRow* row = row_for(doc.files);
  doc.manifest_id = row ? row->id : "";
  doc.manifest_row_hash = row ? row->row_hash : "";
  if (row) doc.analysis.meta = merge_manifest(doc.found_meta, row->meta);
}

ManifestReconciler::Counts ManifestReconciler::reconcile(IndexWriter& writer, const Plan& plan,
                                                         const std::vector<IndexedReport>& state,
                                                         const std::set<std::string>& present_paths,
                                                         const TextCache& cache,
                                                         const ThemeTagger& catalogue_tagger) const {
  Counts counts;
  std::set<std::string> extracting;
  for (const auto& job : plan.extract) extracting.insert(job.replaces_id.empty() ? report_id_for_sha(job.sha256) : job.replaces_id);
  std::set<std::string> deleting(plan.deletes.begin(), plan.deletes.end());
  auto stored = writer.manifest_state();

  // Rows with no PDF in the folder: catalogue-only records, written when new or changed.
  std::set<std::string> catalogue_ids;
  for (const auto& row : manifest_.rows) {
    const bool has_pdf = !row.file.empty() && present_paths.count(normal_path(row.file));
    if (has_pdf) continue;
    std::string cid = catalogue_id(row.id);
    catalogue_ids.insert(cid);
    if (auto it = stored.find(cid); it != stored.end() && it->second == row.row_hash) continue;
    ReportDocument doc;
    doc.id = cid;
    doc.catalogue_only = true;
    doc.analysis.meta = row.meta;
    doc.analysis.take(analyse_catalogue(doc.analysis.meta, catalogue_tagger));
    doc.found_meta = ReportMeta{};
    doc.manifest_id = row.id;
    doc.manifest_row_hash = row.row_hash;
    long long first = writer.indexed_at(cid);
    doc.indexed_at = first ? first : static_cast<long long>(std::time(nullptr));
    writer.put_report(doc);
    ++counts.catalogue_added;
  }
  // Catalogue-only records whose row went.
  for (const auto& [id, hash] : stored) {
    if (id.starts_with("c") && !catalogue_ids.count(id)) {
      writer.delete_report(id);
      ++counts.catalogue_deleted;
    }
  }
  // Reports not read again this run whose row changed (or appeared, or went): re-merged and
  // rewritten from the text cache, without reading the PDF.
  for (const auto& r : state) {
    if (extracting.count(r.id) || deleting.count(r.id)) continue;
    auto doc = writer.load_report(r.id);
    if (!doc) continue;
    for (const auto& u : plan.updates) {
      if (u.report_id == r.id) doc->files = u.files;
    }
    const ManifestRow* row = row_for(doc->files);
    std::string hash = row ? row->row_hash : "";
    if (hash == doc->manifest_row_hash) continue;
    doc->analysis.meta = doc->found_meta;
    apply(*doc);
    if (auto pages = cache.get(doc->sha256)) doc->analysis.pages = std::move(*pages);
    writer.put_report(*doc);
    ++counts.reports_remerged;
  }
  return counts;
}

}  // namespace scr
