#include "indexer.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "extract_pool.h"
#include "index_writer.h"
#include "scr/agencies.h"
#include "scr/taxonomy.h"
#include "scr/text_cache.h"
#include "manifest.h"
#include "manifest_reconcile.h"
#include "metadata.h"
#include "scr/boards.h"
#include "scr/schema.h"

namespace scr {

namespace fs = std::filesystem;

bool is_failure_status(const std::string& status) {
  return status != "catalogue" && !has_text(status);
}

IndexRunSummary run_indexer(const IndexOptions& options, const std::atomic<bool>& stop,
                            const std::function<void(const Progress&)>& on_progress) {
  auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  IndexRunSummary summary;
  summary.dry_run = options.dry_run;
  std::error_code ec;
  std::string root = fs::absolute(options.corpus_root, ec).lexically_normal().string();
  if (!root.empty() && root.size() > 1 && root.back() == '/') root.pop_back();
  if (!fs::is_directory(root)) throw Error(options.corpus_root + ": not a folder (the corpus root must be a folder of PDFs)");

  BoardRegistry boards = BoardRegistry::load_default();
  // Loaded (and so checked) here, before any work: a broken taxonomy file stops the run with the
  // file and line, instead of every worker failing on its own.
  Taxonomy taxonomy = Taxonomy::load_default();
  AgencyVocabulary agencies = AgencyVocabulary::load_default();
  const ThemeTagger catalogue_tagger(taxonomy);  // catalogue-only records are tagged here, not in a worker
  // A dry run reads the index without opening it for writing: it creates no folder or database
  // and takes no lock, so it can be run beside a writer or on a path that does not exist yet.
  std::optional<IndexWriter> writer_slot;
  std::vector<IndexedReport> state;
  IndexSnapshot snapshot;
  if (options.dry_run) {
    snapshot = read_index_state(options.index_dir);
    state = std::move(snapshot.reports);
  } else {
    writer_slot.emplace(options.index_dir);
    writer_slot->set_taxonomy(taxonomy, agencies);
    state = writer_slot->load_state();
  }
  TextCache cache(options.index_dir + "/text-cache");

  RealFileSystem rfs;
  WalkResult walk = rfs.walk(root);
  std::set<std::string> present_paths;
  for (const auto& f : walk.files) present_paths.insert(f.path);
  summary.walk_errors = walk.errors;
  PlanOptions po;
  po.retry_failed = options.retry_failed;
  po.allow_mass_delete = options.allow_mass_delete;
  po.max_delete_share = options.max_delete_share;
  po.extractor_version = schema::kExtractorVersion;
  summary.plan = plan_changes(walk, state, rfs, root, po);
  const Plan& plan = summary.plan;
  summary.counts = plan.counts;
  summary.deletions_skipped = plan.deletions_skipped;
  summary.mass_delete_refused = plan.mass_delete_refused;
  summary.mass_delete_reason = plan.mass_delete_reason;
  for (const auto& e : plan.hash_errors) summary.walk_errors.push_back(e);
  // The manifest: its metadata overrides the PDFs'; rows with no PDF become catalogue-only records.
  std::optional<Manifest> manifest;
  std::optional<ManifestReconciler> reconciler;
  if (!options.manifest.empty()) {
    ManifestMapping mapping =
        options.manifest_mapping.empty() ? ManifestMapping::defaults() : ManifestMapping::load(options.manifest_mapping);
    manifest = read_manifest(options.manifest, mapping, boards);
    summary.manifest_rows = static_cast<int>(manifest->rows.size());
    summary.manifest_problems = manifest->problems;
    reconciler.emplace(*manifest);
  }
  auto apply_manifest = [&](ReportDocument& doc) {
    doc.found_meta = doc.analysis.meta;
    if (reconciler) reconciler->apply(doc);
  };

  if (options.dry_run) {
    summary.documents = snapshot.documents;
    summary.recommendations = snapshot.recommendations;
    summary.seconds = elapsed();
    return summary;
  }
  IndexWriter& writer = *writer_slot;

  // Changes that need no extraction first: deletions and new path lists.
  std::map<std::string, std::string> sha_of;
  for (const auto& r : state) sha_of[r.id] = r.sha256;
  // The deleted reports' cached text goes only after the deletion is committed: until then readers
  // (and a backup copying the committed index) may still show those reports, and a run that dies
  // before its commit must leave every committed report its text.
  std::vector<std::string> uncached_after_commit;
  for (const auto& id : plan.deletes) {
    writer.delete_report(id);
    if (auto it = sha_of.find(id); it != sha_of.end()) uncached_after_commit.push_back(it->second);
  }
  for (const auto& u : plan.updates) writer.set_files(u.report_id, u.files);
  if (reconciler) {
    auto counts = reconciler->reconcile(writer, plan, state, present_paths, cache, catalogue_tagger);
    summary.catalogue_added += counts.catalogue_added;
    summary.catalogue_deleted += counts.catalogue_deleted;
    summary.manifest_applied += counts.reports_remerged;
  }
  writer.set_metadata(std::string(schema::kMetaCorpusRoot), root);
  writer.set_metadata(std::string(schema::kMetaExtractor), std::to_string(schema::kExtractorVersion));
  // No commit here: these changes go with the first batch (or the final commit), one fsync fewer
  // for a small update; an interruption before then loses nothing a rerun does not redo.

  // Extraction in worker processes; this thread writes what they send back.
  PoolOptions pool;
  pool.worker_exe = options.worker_exe;
  pool.workers = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  pool.timeout = options.timeout;
  pool.memory_limit_mb = options.memory_limit_mb;
  pool.worker_args = {"--worker", "--root", root, "--max-pages", std::to_string(options.extract.max_pages),
                      "--max-file-mb", std::to_string(options.extract.max_bytes >> 20)};
  if (!options.extract.ocr) pool.worker_args.push_back("--no-ocr");
  pool.worker_args.push_back("--cache-dir");
  pool.worker_args.push_back(cache.dir());
  std::vector<ExtractRequest> paths;
  for (const auto& job : plan.extract) paths.push_back({job.files.front().path, job.sha256});

  int since_commit = 0;
  size_t done = 0;
  auto last_progress = std::chrono::steady_clock::now();
  auto write_report = [&](const ExtractJob& job, AnalysedFile a) {
    ReportDocument doc;
    doc.id = job.replaces_id.empty() ? report_id_for_sha(job.sha256) : job.replaces_id;
    doc.sha256 = job.sha256;
    doc.files = job.files;
    long long first = writer.indexed_at(doc.id);
    doc.indexed_at = first ? first : static_cast<long long>(std::time(nullptr));
    if (!a.meta.board.known() && !a.meta.year.known()) {
      // A worker that died or timed out sent no metadata: the file name still tells something.
      MetadataInput in;
      in.relative_path = job.files.front().path;
      a.meta = find_metadata(in, boards);
    }
    std::string status(status_name(a.status));
    summary.pages += std::min(a.page_count, options.extract.max_pages);
    if (status != "ok") summary.failures.push_back({job.files.front().path, status, a.reason});
    doc.analysis = std::move(a);
    apply_manifest(doc);
    if (!doc.manifest_row_hash.empty()) ++summary.manifest_applied;
    writer.put_report(doc);
    ++summary.extracted;
    if (++since_commit >= options.batch_size) {
      writer.commit();
      since_commit = 0;
    }
  };
  auto handle = [&](size_t i, AnalysedFile a) {
    const ExtractJob& job = plan.extract[i];
    if (a.status == ExtractStatus::kReadError) {
      // No verdict on the file: nothing is written, so a report indexed before keeps its record
      // and the next run reads the file again. Listed, and the run exits 3.
      summary.failures.push_back({job.files.front().path, std::string(status_name(a.status)), a.reason});
    } else {
      write_report(job, std::move(a));
    }
    ++done;
    auto now = std::chrono::steady_clock::now();
    if (on_progress && (now - last_progress > std::chrono::milliseconds(250) || done == paths.size())) {
      last_progress = now;
      on_progress({done, paths.size(), summary.pages, elapsed()});
    }
  };
  run_extract_pool(pool, paths, handle, stop);
  summary.interrupted = stop.load() && done < paths.size();
  writer.commit();
  for (const auto& sha : uncached_after_commit) {
    if (!writer.has_document(report_id_for_sha(sha))) cache.remove(sha);  // (unless it came back)
  }
  summary.documents = writer.document_count();
  summary.recommendations = writer.recommendation_count();
  summary.seconds = elapsed();
  return summary;
}

}  // namespace scr

namespace scr {

RetagSummary retag_index(const std::string& index_dir, const std::atomic<bool>& stop,
                         const std::function<void(const Progress&)>& on_progress) {
  auto start = std::chrono::steady_clock::now();
  Taxonomy taxonomy = Taxonomy::load_default();
  AgencyVocabulary agencies = AgencyVocabulary::load_default();
  ThemeTagger tagger(taxonomy);
  TextAnalysers analysers{&tagger, &agencies};
  IndexWriter writer(index_dir);
  writer.set_taxonomy(taxonomy, agencies);
  TextCache cache(index_dir + "/text-cache");
  RetagSummary summary;
  summary.taxonomy_version = taxonomy.version();
  std::vector<IndexedReport> state = writer.load_state();
  Progress progress;
  progress.total = state.size();
  int since_commit = 0;
  for (const auto& r : state) {
    if (stop) {
      summary.interrupted = true;
      break;
    }
    ++progress.done;
    auto doc = writer.load_report(r.id);
    if (!doc) continue;
    if (doc->catalogue_only) {
      doc->analysis.take(analyse_catalogue(doc->analysis.meta, tagger));
      writer.put_report(*doc);
      ++summary.retagged;
      continue;
    }
    auto pages = cache.get(doc->sha256);
    if (!pages) {
      auto st = doc->analysis.status;
      if (has_text(st)) {
        summary.missing_text.push_back(r.id);
      }
      continue;
    }
    doc->analysis.pages = std::move(*pages);
    doc->analysis.take(analyse_text(doc->analysis.pages, analysers));
    writer.put_report(*doc);
    ++summary.retagged;
    if (++since_commit >= 200) {
      writer.commit();
      since_commit = 0;
    }
    progress.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (on_progress) on_progress(progress);
  }
  writer.commit();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace scr
