// scr-index: turns a folder of SCR PDFs into a Xapian index, incrementally.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <optional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "config_file.h"
#include "extract_pool.h"
#include "index_care.h"
#include "index_writer.h"
#include "indexer.h"
#include "status_import.h"
#include "scr/boards.h"
#include "scr/extract.h"
#include "scr/schema.h"

namespace po = boost::program_options;

namespace {

// Exit statuses (docs/operations.md).
constexpr int kExitOk = 0;           // every file read
constexpr int kExitFatal = 1;        // nothing could be done (index locked, unreadable, disk full...)
constexpr int kExitUsage = 2;        // bad command line
constexpr int kExitSomeFailed = 3;   // the run completed; some files could not be read (listed)
constexpr int kExitInterrupted = 130;// stopped by SIGINT/SIGTERM after committing what was done
constexpr int kExitRepairable = 4;   // --check: problems that --repair fixes
constexpr int kExitBroken = 5;       // --check: problems it cannot (restore a backup, or rebuild)

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }

std::string fmt_duration(double s) {
  char b[32];
  if (s < 60) std::snprintf(b, sizeof b, "%.0fs", s);
  else std::snprintf(b, sizeof b, "%dm%02ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  return b;
}

void print_plan(const scr::Plan& plan) {
  for (const auto& j : plan.extract) std::printf("%-9s %s\n", j.reason == "new" ? "add" : j.reason.c_str(), j.files.front().path.c_str());
  for (const auto& u : plan.updates) std::printf("%-9s %s (%zu path(s))\n", "update", u.report_id.c_str(), u.files.size());
  for (const auto& d : plan.deletes) std::printf("%-9s %s\n", "delete", d.c_str());
}

}  // namespace

namespace {

// --check, --repair, --compact, --backup: one at a time, in that order of precedence.
int care_for_index(const std::string& dir, bool repair, bool compact, const std::string& backup_dest, bool json_out,
                   bool quiet) {
  try {
    if (compact) {
      auto [before, after] = scr::compact_index(dir);
      if (!quiet) std::printf("compacted %s: %.1f MiB -> %.1f MiB\n", dir.c_str(), before / 1048576.0, after / 1048576.0);
      return kExitOk;
    }
    if (!backup_dest.empty()) {
      scr::backup_index(dir, backup_dest);
      if (!quiet) std::printf("backed up %s to %s (%.1f MiB)\n", dir.c_str(), backup_dest.c_str(), scr::disk_usage(backup_dest) / 1048576.0);
      return kExitOk;
    }
    scr::IndexHealth h = scr::check_index(dir);
    if (repair && h.verdict() == scr::IndexHealth::Verdict::kRepairable) {
      auto r = scr::repair_index(dir, h);
      if (!quiet && !json_out) {
        std::printf("repaired: %zu orphaned report(s) cleared, %zu report(s) rewritten, %zu to be read again on the next "
                    "run, %zu cache entr%s removed\n",
                    r.orphans_deleted, r.reports_rewritten, r.marked_for_rereading, r.cache_entries_removed,
                    r.cache_entries_removed == 1 ? "y" : "ies");
      }
      h = scr::check_index(dir);
    }
    const char* verdicts[] = {"healthy", "repairable", "broken"};
    const char* verdict = verdicts[static_cast<int>(h.verdict())];
    if (json_out) {
      nlohmann::json j = {{"index", dir},          {"verdict", verdict},        {"reports", h.reports},
                          {"recommendations", h.recommendations}, {"cache_entries", h.cache_entries},
                          {"older_extractor", h.older_extractor}, {"xapian_errors", h.xapian_errors},
                          {"problems", nlohmann::json::array()}};
      for (const auto& p : h.problems) {
        j["problems"].push_back({{"kind", p.kind}, {"subject", p.subject}, {"detail", p.detail}, {"repairable", p.repairable}});
      }
      std::cout << j.dump() << "\n";
    } else if (!quiet || !h.problems.empty()) {
      std::printf("%s: %zu reports, %zu recommendation documents, %zu text-cache entries; Xapian check: %zu errors\n",
                  dir.c_str(), h.reports, h.recommendations, h.cache_entries, h.xapian_errors);
      for (const auto& p : h.problems) {
        std::printf("  %-24s %s%s%s%s\n", p.kind.c_str(), p.subject.c_str(), p.subject.empty() ? "" : ": ", p.detail.c_str(),
                    p.repairable ? "" : " (not repairable)");
      }
      if (h.older_extractor) std::printf("  %zu report(s) from an older extractor: the next run reads them again\n", h.older_extractor);
      std::printf("%s%s\n", verdict,
                  h.verdict() == scr::IndexHealth::Verdict::kRepairable ? ": run scr-index --repair"
                  : h.verdict() == scr::IndexHealth::Verdict::kBroken  ? ": restore a backup, or rebuild the index from the PDFs"
                                                                        : "");
    }
    switch (h.verdict()) {
      case scr::IndexHealth::Verdict::kHealthy: return kExitOk;
      case scr::IndexHealth::Verdict::kRepairable: return kExitRepairable;
      case scr::IndexHealth::Verdict::kBroken: return kExitBroken;
    }
  } catch (const std::exception& e) {
    std::cerr << "scr-index: " << e.what() << "\n";
  }
  return kExitFatal;
}

int upgrade_mode(const std::string& dir, bool quiet) {
  bool tty = !quiet && isatty(STDERR_FILENO);
  try {
    auto s = scr::upgrade_index(dir, [&](size_t done, size_t total) {
      if (tty && (done % 50 == 0 || done == total)) std::fprintf(stderr, "\r  %zu/%zu reports rewritten    ", done, total);
    });
    if (tty && s.reports) std::fprintf(stderr, "\n");
    if (s.already_current) {
      if (!quiet) std::printf("%s: already at index schema %s; nothing to do\n", dir.c_str(), s.from_schema.c_str());
    } else if (!quiet) {
      std::printf("%s: upgraded from index schema %s to %d: %zu reports rewritten from the text cache; %zu will be read "
                  "again from their PDFs on the next run\n",
                  dir.c_str(), s.from_schema.empty() ? "(none recorded)" : s.from_schema.c_str(), scr::schema::kSchemaVersion,
                  s.reports, s.marked_for_rereading);
    }
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "scr-index: " << e.what() << "\n";
    return kExitFatal;
  }
}

// What the command line asked for.
struct CommandLine {
  scr::IndexOptions opt;
  bool quiet = false, json_out = false, worker = false, no_ocr = false, list = false, list_failed = false, retag = false;
  bool check = false, repair = false, compact = false, upgrade = false;
  std::string taxonomy_path, agencies_path, status_file, backup_dest;
  std::string root, worker_root, cache_dir, config_path;
  int timeout_s = 120;
  long max_file_mb = 512;
  double max_delete_percent = 10;
};

// SIGINT and SIGTERM stop a long run after what it has done is committed (exit 130).
void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// --list [--failed]: every stored report record, one JSON line each.
int list_mode(const std::string& dir, bool failed_only) {
  try {
    for (const auto& rec : scr::read_report_records(dir)) {
      if (failed_only) {
        auto j = nlohmann::json::parse(rec, nullptr, false);
        if (j.is_discarded() || !scr::is_failure_status(j.value("status", ""))) continue;
      }
      std::cout << rec << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "scr-index: " << e.what() << "\n";
    return kExitFatal;
  }
  return kExitOk;
}

// --import-status FILE: what became of the recommendations, into the index.
int import_status_mode(const std::string& dir, const std::string& file, bool quiet) {
  try {
    auto r = scr::import_status(dir, file);
    for (const auto& p : r.problems) std::cerr << "scr-index: " << p << "\n";
    if (!quiet) std::printf("%d of %d status row(s) applied\n", r.applied, r.rows);
    return r.problems.empty() ? kExitOk : kExitSomeFailed;
  } catch (const std::exception& e) {
    std::cerr << "scr-index: " << e.what() << "\n";
    return kExitFatal;
  }
}

// --retag: the taxonomy and agency vocabulary applied again to every report from the text cache.
int retag_mode(const std::string& dir, bool quiet) {
  install_stop_handlers();
  bool tty = !quiet && isatty(STDERR_FILENO);
  try {
    auto r = scr::retag_index(dir, g_stop, [&](const scr::Progress& p) {
      if (tty) std::fprintf(stderr, "\r  %zu/%zu reports tagged    ", p.done, p.total);
    });
    if (tty) std::fprintf(stderr, "\n");
    if (!quiet) {
      std::printf("retagged %d report(s) with taxonomy %s in %s\n", r.retagged, r.taxonomy_version.c_str(),
                  fmt_duration(r.seconds).c_str());
      for (const auto& id : r.missing_text) {
        std::printf("no cached text for %s: re-extract it (scr-index --retry-failed, or touch the file)\n", id.c_str());
      }
    }
    return r.interrupted ? kExitInterrupted : kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "scr-index: " << e.what() << "\n";
    return kExitFatal;
  }
}

// The warnings of a run, on stderr whatever the output mode.
void print_warnings(const scr::IndexRunSummary& s) {
  // A maintainer running --quiet from cron must see them.
  for (const auto& e : s.walk_errors) std::fprintf(stderr, "scr-index: warning: %s\n", e.c_str());
  // A read error mid-extraction is the disk's fault, not the file's: it is told like a walk error.
  for (const auto& f : s.failures) {
    if (f.status == scr::status_name(scr::ExtractStatus::kReadError)) {
      std::fprintf(stderr, "scr-index: warning: %s: %s (nothing recorded for it this run; run again once it can be read)\n",
                   f.path.c_str(), f.reason.c_str());
    }
  }
  if (s.deletions_skipped) {
    std::fprintf(stderr, "scr-index: warning: some folders could not be read, so no report below them was deleted\n");
  }
  if (s.mass_delete_refused) {
    std::fprintf(stderr,
                 "scr-index: warning: %d report(s) whose files are gone were NOT deleted: %s. If the files were "
                 "removed on purpose, run again with --allow-mass-delete.\n",
                 s.mass_delete_refused, s.mass_delete_reason.c_str());
  }
}

// The run's summary as JSON (--json), with the CPU time and memory of the writer and the workers.
void print_summary_json(const scr::IndexRunSummary& s, int failed) {
  nlohmann::json failures = nlohmann::json::array();
  for (const auto& f : s.failures) failures.push_back({{"path", f.path}, {"status", f.status}, {"reason", f.reason}});
  const auto& c = s.counts;
  nlohmann::json j = {{"dry_run", s.dry_run},     {"added", c.added},         {"replaced", c.replaced},
                      {"unchanged", c.unchanged}, {"touched", c.touched},     {"moved", c.moved},
                      {"duplicates", c.duplicates}, {"deleted", c.deleted},   {"retried", c.retried},
                      {"reextracted", c.reextracted}, {"extracted", s.extracted}, {"failed", failed},
                      {"not_fully_read", failures}, {"pages", s.pages},       {"documents", s.documents}, {"recommendations", s.recommendations},
                      {"seconds", s.seconds},     {"interrupted", s.interrupted},
                      {"deletions_skipped", s.deletions_skipped}, {"walk_errors", s.walk_errors},
                      {"mass_delete_refused", s.mass_delete_refused}, {"mass_delete_reason", s.mass_delete_reason},
                      {"manifest", {{"rows", s.manifest_rows}, {"applied", s.manifest_applied},
                                    {"catalogue_added", s.catalogue_added}, {"catalogue_deleted", s.catalogue_deleted},
                                    {"problems", s.manifest_problems}}}};
  // CPU time of this process (planning, writing the index) and of the extraction workers.
  rusage own{}, children{};
  getrusage(RUSAGE_SELF, &own);
  getrusage(RUSAGE_CHILDREN, &children);
  auto secs = [](const rusage& u) { return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6; };
  j["cpu_seconds"] = {{"writer", secs(own)}, {"workers", secs(children)}};
  j["peak_rss_mb"] = {{"writer", own.ru_maxrss / 1024}, {"workers", children.ru_maxrss / 1024}};
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// The run's summary for a person: what changed, what could not be read, what to do next.
void print_summary_text(const scr::IndexRunSummary& s) {
  if (s.dry_run) print_plan(s.plan);
  const auto& c = s.counts;
  std::printf("%s%d added, %d replaced, %d unchanged, %d touched, %d moved, %d duplicates, %d deleted",
              s.dry_run ? "would do: " : "", c.added, c.replaced, c.unchanged, c.touched, c.moved, c.duplicates,
              c.deleted);
  if (c.retried) std::printf(", %d retried", c.retried);
  if (c.reextracted) std::printf(", %d re-extracted", c.reextracted);
  if (!s.dry_run) std::printf("; %d files read (%ld pages) in %s; %zu reports and %zu recommendations/findings in the index",
                              s.extracted, s.pages, fmt_duration(s.seconds).c_str(), s.documents, s.recommendations);
  std::printf("\n");
  if (!s.failures.empty()) {
    std::printf("files not read normally (%zu):\n", s.failures.size());
    for (const auto& f : s.failures) std::printf("  %-10s %s: %s\n", f.status.c_str(), f.path.c_str(), f.reason.c_str());
  }
  if (s.manifest_rows) {
    std::printf("manifest: %d rows; metadata set on %d report(s); %d catalogue-only record(s) added or updated, %d removed\n",
                s.manifest_rows, s.manifest_applied, s.catalogue_added, s.catalogue_deleted);
  }
  for (const auto& p : s.manifest_problems) std::printf("manifest: %s\n", p.c_str());
  if (c.failed_kept) std::printf("%d unchanged file(s) that failed before were not retried (use --retry-failed)\n", c.failed_kept);
  if (s.interrupted) std::printf("interrupted: the work done so far is committed; run again to finish\n");
}

// Indexing CORPUS_DIR: the main job.
int index_mode(CommandLine& cl, const char* argv0) {
  scr::IndexOptions& opt = cl.opt;
  if (cl.root.empty()) {
    std::cerr << "scr-index: give the folder of PDFs to index\nTry 'scr-index --help'.\n";
    return kExitUsage;
  }
  if (opt.batch_size < 1 || opt.extract.max_pages < 1 || cl.timeout_s < 1) {
    std::cerr << "scr-index: --batch-size, --max-pages and --timeout must be positive\n";
    return kExitUsage;
  }
  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  opt.worker_exe = n > 0 ? std::string(self, static_cast<size_t>(n)) : argv0;
  install_stop_handlers();

  bool tty = !cl.quiet && !cl.json_out && isatty(STDERR_FILENO);
  scr::IndexRunSummary s;
  try {
    s = scr::run_indexer(opt, g_stop, [&](const scr::Progress& p) {
      if (!tty) return;
      double rate = p.seconds > 0 ? p.pages / p.seconds : 0;
      double files_rate = p.seconds > 0 ? p.done / p.seconds : 0;
      double eta = files_rate > 0 ? (p.total - p.done) / files_rate : 0;
      std::fprintf(stderr, "\r  %zu/%zu files, %ld pages, %.0f pages/s, ETA %s    ", p.done, p.total, p.pages, rate,
                   fmt_duration(eta).c_str());
    });
  } catch (const std::exception& e) {
    std::cerr << "scr-index: " << e.what() << "\n";
    return kExitFatal;
  }
  if (tty) std::fprintf(stderr, "\n");

  int failed = 0;
  for (const auto& f : s.failures) failed += scr::is_failure_status(f.status) ? 1 : 0;
  print_warnings(s);
  if (cl.json_out) {
    print_summary_json(s, failed);
  } else if (!cl.quiet) {
    print_summary_text(s);
  }
  if (s.interrupted) return kExitInterrupted;
  // A file or folder that could not be read (walk_errors) is a failure too: a maintainer's cron job
  // must not see a clean exit for a run that left files unread.
  return failed > 0 || !s.walk_errors.empty() || s.deletions_skipped || s.mass_delete_refused ? kExitSomeFailed : kExitOk;
}

// Reads the command line (and the config file) into `cl`. Returns an exit status when the program
// is done (--help, --version, a usage error), nothing when it should go on.
std::optional<int> parse_command_line(int argc, char** argv, CommandLine& cl) {
  scr::IndexOptions& opt = cl.opt;
  po::options_description desc(
      "Usage: scr-index [options] CORPUS_DIR\n\n"
      "Indexes the PDFs below CORPUS_DIR into the index folder (--index). Incremental: only new and\n"
      "changed files are read; touched, moved and duplicated files are recognised by content; files\n"
      "gone from the folder are removed after a complete walk. A file that cannot be read is recorded\n"
      "with a status and a reason and not retried until it changes (or --retry-failed).\n\n"
      "Exit status: 0 all files read; 3 done, but some files could not be read (listed), or\n"
      "deletions were held back (a folder could not be read, or more than --max-delete-share of the\n"
      "index would go); 1 fatal error (e.g. another scr-index holds the index); 2 usage;\n"
      "130 interrupted (work so far committed; run again to finish); with --check, 4 repairable and\n"
      "5 broken.\n\n"
      "Options");
  desc.add_options()
      ("help,h", "show this help and exit")
      ("version", "print the version, the data files and the config file used, and exit")
      ("config,c", po::value(&cl.config_path), "config file: name = value lines of long options, [index] [searchd] [query]\n"
       "sections (default: $SCR_CONFIG, else /etc/scr-search/scr-search.conf if present)")
      ("index,i", po::value(&opt.index_dir)->default_value("scr-index"), "index folder (created if missing)")
      ("jobs,j", po::value(&opt.jobs)->default_value(0), "extraction processes (0 = one per core)")
      ("batch-size", po::value(&opt.batch_size)->default_value(opt.batch_size), "commit after this many reports")
      ("dry-run,n", po::bool_switch(&opt.dry_run), "list what would change, change nothing")
      ("retry-failed", po::bool_switch(&opt.retry_failed), "read again files that failed before")
      ("allow-mass-delete", po::bool_switch(&opt.allow_mass_delete),
       "delete the reports whose files are gone even when that is more than\n--max-delete-share of the index, or "
       "when none of the indexed files was found\n(without it such a run deletes nothing: an unmounted share or a "
       "wrong\nfolder must not empty the index)")
      ("max-delete-share", po::value(&cl.max_delete_percent)->default_value(cl.max_delete_percent),
       "percent of the indexed reports one run may delete")
      ("max-pages", po::value(&opt.extract.max_pages)->default_value(opt.extract.max_pages),
       "read at most this many pages of a file (status 'partial' beyond)")
      ("max-file-mb", po::value(&cl.max_file_mb)->default_value(cl.max_file_mb), "skip larger files (status 'too-large')")
      ("timeout", po::value(&cl.timeout_s)->default_value(cl.timeout_s), "seconds allowed per file (status 'timeout')")
      ("memory-mb", po::value(&opt.memory_limit_mb)->default_value(opt.memory_limit_mb),
       "address-space cap per extraction process, MiB (0 = none)")
      ("no-ocr", po::bool_switch(&cl.no_ocr), "do not OCR pages without text (status 'no-text' instead of 'ocr')")
      ("manifest", po::value(&opt.manifest), "catalogue manifest CSV: its metadata overrides what the PDFs say;\n"
                                              "rows without a PDF become catalogue-only records")
      ("manifest-map", po::value(&opt.manifest_mapping), "JSON file mapping manifest columns to fields\n"
                                                         "(docs/operations.md); default: the field names")
      ("json", po::bool_switch(&cl.json_out), "print the run summary as JSON")
      ("list", po::bool_switch(&cl.list), "print every report's stored record (JSON lines) and exit; with\n"
                                      "--failed only those whose text could not be read")
      ("failed", po::bool_switch(&cl.list_failed), "with --list: only failed files")
      ("retag", po::bool_switch(&cl.retag), "re-apply the taxonomy and agency vocabulary to every report from the\n"
                                         "text cache (no PDF is read) and exit; no CORPUS_DIR needed")
      ("import-status", po::value(&cl.status_file), "apply a recommendation implementation status CSV (report_id or\n"
                                                  "board+year+pseudonym, recommendation, status, date, owner,\n"
                                                  "note) to the index and exit; no PDF is read")
      ("taxonomy", po::value(&cl.taxonomy_path), "theme taxonomy JSON (default: the shipped data/taxonomy.json,\n"
                                              "or $SCR_TAXONOMY)")
      ("agencies", po::value(&cl.agencies_path), "agency vocabulary JSON (default: data/agencies.json, or $SCR_AGENCIES)")
      ("quiet,q", po::bool_switch(&cl.quiet), "no progress line and no summary (errors still go to stderr)")
      ("check", po::bool_switch(&cl.check), "check the index and exit: Xapian's check of every table, then every\n"
                                         "report's recommendation documents and text-cache entry. Exit 0\n"
                                         "healthy, 4 problems --repair fixes, 5 broken (restore a backup or\n"
                                         "rebuild), 1 the index cannot be read or is locked by a run")
      ("repair", po::bool_switch(&cl.repair), "check, fix what the stored records and text cache can fix (orphaned\n"
                                           "or missing recommendation documents, unused cache entries; a report\n"
                                           "whose cached text is gone is read again on the next run), check again")
      ("compact", po::bool_switch(&cl.compact), "rewrite the database compactly and swap it in (scr-searchd keeps\n"
                                             "serving and moves to the new one)")
      ("upgrade", po::bool_switch(&cl.upgrade), "rebuild an index of an older schema from its records and text cache\n"
                                             "(no PDF is read) beside the old one, then swap it in")
      ("backup", po::value(&cl.backup_dest), "copy the index, consistent as of one commit, into this new folder;\n"
                                          "safe while scr-index runs and scr-searchd serves");
  po::options_description hidden;
  hidden.add_options()("corpus", po::value(&cl.root))("worker", po::bool_switch(&cl.worker))("root", po::value(&cl.worker_root))("cache-dir", po::value(&cl.cache_dir));
  po::options_description all;
  all.add(desc).add(hidden);
  // What the config file may set: the options, and the corpus folder ("corpus = /srv/reports").
  po::options_description config_keys;
  config_keys.add(desc).add_options()("corpus", po::value(&cl.root));
  po::positional_options_description pos;
  pos.add("corpus", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    cl.config_path = vm.count("config") ? vm["config"].as<std::string>() : scr::cli::default_config_path();
    if (vm.count("version")) {
      std::cout << scr::cli::version_text("scr-index", cl.config_path);
      return kExitOk;
    }
    // A worker takes its settings from its parent's command line, never from the file.
    if (!vm.count("help") && !vm["worker"].as<bool>()) {
      scr::cli::store_config_file(cl.config_path, vm.count("config") > 0, "index", config_keys, vm);
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "scr-index: " << e.what() << "\nTry 'scr-index --help'.\n";
    return kExitUsage;
  }
  opt.corpus_root = cl.root;
  opt.extract.ocr = !cl.no_ocr;
  opt.extract.max_bytes = cl.max_file_mb << 20;
  opt.timeout = std::chrono::seconds(cl.timeout_s);
  if (cl.max_delete_percent < 0 || cl.max_delete_percent > 100) {
    std::fprintf(stderr, "scr-index: --max-delete-share is a percentage from 0 to 100\n");
    return kExitUsage;
  }
  opt.max_delete_share = cl.max_delete_percent / 100.0;
  if (vm.count("help") && !cl.worker) {
    std::cout << desc
              << "\nExamples:\n"
                 "  scr-index --index idx reports/            index (or update) reports/ into idx/\n"
                 "  scr-index --index idx --dry-run reports/  what would change\n"
                 "  scr-index --index idx --json reports/     machine-readable summary\n"
                 "  scr-index --index idx --import-status implementation.csv\n"
                 "                                            what became of the recommendations\n"
                 "  scr-index --index idx --retag --taxonomy my-taxonomy.json\n"
                 "                                            re-tag themes after editing the taxonomy\n";
    return kExitOk;
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  CommandLine cl;
  if (auto done = parse_command_line(argc, argv, cl)) return *done;
  if (cl.worker) {
    try {
      return scr::serve_worker(cl.worker_root, cl.cache_dir, cl.opt.extract, scr::BoardRegistry::load_default());
    } catch (const std::exception& e) {
      std::cerr << "scr-index worker: " << e.what() << "\n";
      return kExitFatal;
    }
  }
  const std::string& dir = cl.opt.index_dir;
  if (cl.upgrade) return upgrade_mode(dir, cl.quiet);
  if (cl.check || cl.repair || cl.compact || !cl.backup_dest.empty()) {
    return care_for_index(dir, cl.repair, cl.compact, cl.backup_dest, cl.json_out, cl.quiet);
  }
  if (cl.list) return list_mode(dir, cl.list_failed);
  // Workers inherit the environment: this is how they get the same taxonomy as this process.
  if (!cl.taxonomy_path.empty()) setenv("SCR_TAXONOMY", cl.taxonomy_path.c_str(), 1);
  if (!cl.agencies_path.empty()) setenv("SCR_AGENCIES", cl.agencies_path.c_str(), 1);
  if (!cl.status_file.empty()) return import_status_mode(dir, cl.status_file, cl.quiet);
  if (cl.retag) return retag_mode(dir, cl.quiet);
  return index_mode(cl, argv[0]);
}
