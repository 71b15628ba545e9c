#include "indexer.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <thread>

#include "extract_pool.h"
#include "index_writer.h"
#include "metadata.h"
#include "scr/boards.h"
#include "scr/schema.h"
#include "scr/text_cache.h"

namespace scr {

namespace fs = std::filesystem;

bool is_failure_status(const std::string& status) {
  return status != "ok" && status != "ocr" && status != "partial";
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
  IndexWriter writer(options.index_dir);
  TextCache cache(options.index_dir + "/text-cache");
  std::vector<IndexedReport> state = writer.load_state();

  RealFileSystem rfs;
  WalkResult walk = rfs.walk(root);
  summary.walk_errors = walk.errors;
  PlanOptions po;
  po.retry_failed = options.retry_failed;
  po.extractor_version = schema::kExtractorVersion;
  summary.plan = plan_changes(walk, state, rfs, root, po);
  const Plan& plan = summary.plan;
  summary.counts = plan.counts;
  summary.deletions_skipped = plan.deletions_skipped;
  for (const auto& e : plan.hash_errors) summary.walk_errors.push_back(e);
  if (options.dry_run) {
    summary.documents = writer.document_count();
    summary.seconds = elapsed();
    return summary;
  }

  // Changes that need no extraction first: deletions and new path lists.
  std::map<std::string, std::string> sha_of;
  for (const auto& r : state) sha_of[r.id] = r.sha256;
  for (const auto& id : plan.deletes) {
    writer.delete_report(id);
    if (auto it = sha_of.find(id); it != sha_of.end()) cache.remove(it->second);
  }
  for (const auto& u : plan.updates) writer.set_files(u.report_id, u.files);
  writer.set_metadata(std::string(schema::kMetaCorpusRoot), root);
  writer.set_metadata(std::string(schema::kMetaExtractor), std::to_string(schema::kExtractorVersion));
  writer.commit();

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
  auto handle = [&](size_t i, AnalysedFile a) {
    const ExtractJob& job = plan.extract[i];
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
    writer.put_report(doc);
    ++summary.extracted;
    ++done;
    if (++since_commit >= options.batch_size) {
      writer.commit();
      since_commit = 0;
    }
    auto now = std::chrono::steady_clock::now();
    if (on_progress && (now - last_progress > std::chrono::milliseconds(250) || done == paths.size())) {
      last_progress = now;
      on_progress({done, paths.size(), summary.pages, elapsed()});
    }
  };
  run_extract_pool(pool, paths, handle, stop);
  summary.interrupted = stop.load() && done < paths.size();
  writer.commit();
  summary.documents = writer.document_count();
  summary.seconds = elapsed();
  return summary;
}

}  // namespace scr
