#include "extract_pool.h"

#include <cstdlib>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <new>
#include <xapian.h>

#include "document_builder.h"
#include "scr/error.h"
#include "scr/text_cache.h"
#include "worker_protocol.h"

namespace scr {
namespace {

using Clock = std::chrono::steady_clock;

struct Worker {
  pid_t pid = -1;
  int to = -1;    // its stdin
  int from = -1;  // its stdout
  int err = -1;   // its stderr: a memory file, read after each file (see take_stderr)
  long job = -1;  // index into paths, -1 when idle
  Clock::time_point started;
  std::string buffer;
};

bool write_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t w = ::write(fd, s.data() + off, s.size() - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    off += static_cast<size_t>(w);
  }
  return true;
}

Worker spawn(const PoolOptions& o) {
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) throw Error(std::string("pipe: ") + std::strerror(errno));
  // The worker's stderr goes to a memory file so that what a library said before dying ("Out of
  // memory" from poppler's allocator, then abort()) can explain the death.
  int err = memfd_create("scr-worker-stderr", MFD_CLOEXEC);
  if (err < 0) throw Error(std::string("memfd_create: ") + std::strerror(errno));
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(o.worker_exe.c_str()));
  for (const auto& a : o.worker_args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw Error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // A worker dies with its indexer (kill -9 included): the kernel sends SIGKILL when the parent
    // goes (kept across execv). Checked once more in case the parent went before the prctl.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err, 2);
#if !defined(__SANITIZE_ADDRESS__)
    // (Not under AddressSanitizer: it reserves terabytes of address space for its shadow memory
    // and cannot start at all under an address-space cap.)
    if (o.memory_limit_mb > 0) {
      rlimit lim{static_cast<rlim_t>(o.memory_limit_mb) << 20, static_cast<rlim_t>(o.memory_limit_mb) << 20};
      setrlimit(RLIMIT_AS, &lim);
    }
#endif
    // The parent handles SIGINT/SIGTERM and finishes in-flight files; workers must not die first.
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    execv(o.worker_exe.c_str(), argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  Worker w;
  w.pid = pid;
  w.to = in[1];
  w.from = out[0];
  w.err = err;
  return w;
}

// What the worker wrote to stderr since the last call (its last 4 KiB), and the file emptied.
// Called only while the worker is idle or dead, so nothing is written meanwhile; the offset is
// shared with the worker's descriptor, so rewinding it here rewinds the worker's writes too.
std::string take_stderr(Worker& w) {
  if (w.err < 0) return "";
  struct stat st {};
  std::string text;
  if (::fstat(w.err, &st) == 0 && st.st_size > 0) {
    off_t from = std::max<off_t>(0, st.st_size - 4096);
    text.resize(static_cast<size_t>(st.st_size - from));
    ssize_t got = ::pread(w.err, text.data(), text.size(), from);
    text.resize(got > 0 ? static_cast<size_t>(got) : 0);
  }
  if (::ftruncate(w.err, 0) == 0) ::lseek(w.err, 0, SEEK_SET);
  return text;
}

// Passes the worker's messages on to the indexer's stderr, as if it had written them itself.
std::string forward_stderr(Worker& w) {
  std::string text = take_stderr(w);
  if (!text.empty()) write_all(2, text);
  return text;
}

// The last non-empty line of a worker's messages, for a failure's reason.
std::string last_line(const std::string& text) {
  size_t end = text.find_last_not_of("\r\n");
  if (end == std::string::npos) return "";
  size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

void reap(Worker& w, bool kill_it, int* status_out) {
  if (w.to >= 0) close(w.to);
  if (w.from >= 0) close(w.from);
  if (w.err >= 0) close(w.err);
  w.to = w.from = w.err = -1;
  if (kill_it) ::kill(w.pid, SIGKILL);
  int status = 0;
  while (waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (status_out) *status_out = status;
  w.pid = -1;
}

AnalysedFile failure(ExtractStatus s, std::string reason) {
  AnalysedFile a;
  a.status = s;
  a.reason = std::move(reason);
  return a;
}

}  // namespace

size_t run_extract_pool(const PoolOptions& options, const std::vector<ExtractRequest>& paths,
                        const std::function<void(size_t, AnalysedFile)>& on_result, const std::atomic<bool>& stop) {
  ::signal(SIGPIPE, SIG_IGN);  // a dead worker must not kill the indexer through a write
  size_t n_workers = static_cast<size_t>(std::max(1, options.workers));
  n_workers = std::min(n_workers, std::max<size_t>(1, paths.size()));
  std::vector<Worker> workers;
  for (size_t i = 0; i < n_workers && !paths.empty(); ++i) workers.push_back(spawn(options));
  size_t next = 0, delivered = 0;

  auto busy = [&] {
    for (const auto& w : workers) {
      if (w.job >= 0) return true;
    }
    return false;
  };
  while ((next < paths.size() && !stop) || busy()) {
    for (auto& w : workers) {
      if (w.job >= 0 || next >= paths.size() || stop) continue;
      if (w.pid < 0) w = spawn(options);
      if (!write_all(w.to, worker_protocol::encode_request(paths[next]))) {
        reap(w, true, nullptr);
        w = spawn(options);
        continue;
      }
      w.job = static_cast<long>(next++);
      w.started = Clock::now();
      w.buffer.clear();
    }
    std::vector<pollfd> fds;
    std::vector<Worker*> owners;
    auto wait = std::chrono::milliseconds(200);
    for (auto& w : workers) {
      if (w.job < 0) continue;
      fds.push_back({w.from, POLLIN, 0});
      owners.push_back(&w);
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(w.started + options.timeout - Clock::now());
      wait = std::min(wait, std::max(left, std::chrono::milliseconds(0)));
    }
    if (fds.empty()) continue;
    int ready = ::poll(fds.data(), fds.size(), static_cast<int>(wait.count()));
    if (ready < 0 && errno != EINTR) throw Error(std::string("poll: ") + std::strerror(errno));
    for (size_t k = 0; k < fds.size(); ++k) {
      Worker& w = *owners[k];
      size_t job = static_cast<size_t>(w.job);
      if (fds[k].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[1 << 16];
        ssize_t got = ::read(w.from, buf, sizeof buf);
        if (got > 0) {
          w.buffer.append(buf, static_cast<size_t>(got));
          std::string payload, document;
          bool complete = false;
          try {
            complete = worker_protocol::take_reply(w.buffer, payload, document);
          } catch (const Error& e) {
            complete = true;
            payload.clear();
          }
          if (complete) {
            AnalysedFile a;
            try {
              a = decode_analysis(payload);
              a.text_document = std::move(document);
            } catch (const Error& e) {
              a = failure(ExtractStatus::kCorrupt, std::string("worker sent an unreadable result: ") + e.what());
            }
            forward_stderr(w);
            w.job = -1;
            ++delivered;
            on_result(job, std::move(a));
          }
          continue;
        }
        if (got < 0 && errno == EINTR) continue;
        // End of file: the worker died on this file.
        int status = 0;
        std::string said = forward_stderr(w);
        reap(w, false, &status);
        std::string why;
        // Allocators that cannot throw (poppler's gmem, C libraries) print a message and abort
        // when the address-space cap refuses them: that file needs more than the cap, it is
        // not damaged.
        bool out_of_memory = options.memory_limit_mb > 0 &&
                             (said.find("Out of memory") != std::string::npos ||
                              said.find("std::bad_alloc") != std::string::npos ||
                              said.find("Cannot allocate memory") != std::string::npos);
        if (out_of_memory) {
          w.job = -1;
          ++delivered;
          on_result(job, failure(ExtractStatus::kTooLarge, "extraction needed more memory than the per-file limit (--memory-mb " +
                                                               std::to_string(options.memory_limit_mb) + "; it said: " +
                                                               last_line(said) + ")"));
          continue;
        }
        if (WIFSIGNALED(status)) {
          int sig = WTERMSIG(status);
          why = std::string("extraction crashed (signal ") + std::to_string(sig) + ", " + strsignal(sig) + ")";
        } else if (WEXITSTATUS(status) == 127) {
          // 127: execv failed, or the dynamic loader could not map a library. No file can be read
          // by such a worker, so recording this file (and every later one) as corrupt would be
          // wrong: the run stops and says why. The file stays as it was in the index.
          for (auto& other : workers) {
            if (other.pid >= 0) reap(other, true, nullptr);
          }
          std::string hint = options.memory_limit_mb > 0
                                 ? " (under --memory-mb " + std::to_string(options.memory_limit_mb) +
                                       " the worker may not have room to load its libraries: raise it)"
                                 : "";
          throw Error("the extraction worker " + options.worker_exe + " could not start (exit status 127" +
                      (said.empty() ? std::string() : ": " + last_line(said)) + ")" + hint);
        } else {
          why = "extraction process exited with status " + std::to_string(WEXITSTATUS(status));
        }
        if (!said.empty()) why += " after saying \"" + last_line(said) + "\"";
        w.job = -1;
        ++delivered;
        on_result(job, failure(ExtractStatus::kCorrupt, why + "; the file was skipped"));
        continue;
      }
      if (Clock::now() - w.started >= options.timeout) {
        reap(w, true, nullptr);  // its messages, if any, go with it
        w.job = -1;
        ++delivered;
        on_result(job, failure(ExtractStatus::kTimeout,
                               "extraction took longer than " + std::to_string(options.timeout.count() / 1000) +
                                   " s and was stopped"));
      }
    }
  }
  for (auto& w : workers) {
    if (w.pid >= 0) reap(w, false, nullptr);  // closing stdin makes an idle worker exit
  }
  return delivered;
}

int serve_worker(const std::string& root, const std::string& cache_dir, const ExtractOptions& options,
                 const BoardRegistry& boards) {
  std::ios::sync_with_stdio(false);
  TextCache cache(cache_dir);
  // The taxonomy was checked by the parent before it started workers; a worker that cannot load
  // it fails every file loudly rather than indexing them untagged.
  Taxonomy taxonomy = Taxonomy::load_default();
  ThemeTagger tagger(taxonomy);
  AgencyVocabulary agencies = AgencyVocabulary::load_default();
  TextAnalysers analysers{&tagger, &agencies};
  // Benchmarks only (bench/tagging_bench.sh): index without themes and recommendations ("1"), or
  // without the report's themes only ("themes"), to measure what they cost in the same run.
  if (const char* off = std::getenv("SCR_BENCH_NO_TAGGING")) {
    if (std::string_view(off) == "1") analysers = {};
    if (std::string_view(off) == "themes") analysers.report_themes = false;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    ExtractRequest request;
    try {
      request = worker_protocol::decode_request(line);
    } catch (const Error&) {
      return 2;
    }
    const std::string& path = request.path;
    const std::string& sha = request.sha256;
    AnalysedFile a;
    try {
      a = analyse_file(root, path, options, boards, analysers);
    } catch (const std::bad_alloc&) {
      a = failure(ExtractStatus::kTooLarge, "extraction needed more memory than the per-file limit");
    } catch (const std::exception& e) {
      a = failure(ExtractStatus::kCorrupt, std::string("extraction failed: ") + e.what());
    } catch (const Xapian::Error& e) {
      // Not a std::exception: uncaught, it aborted the worker and the reason was lost.
      a = failure(ExtractStatus::kCorrupt, "extraction failed: " + e.get_description());
    }
    // The document first, then the cache: a file whose text cannot be indexed is recorded
    // corrupt, and must leave no cache entry that no record uses (--check would call it
    // repairable after a clean run).
    if (has_text(a.status)) {
      try {
        a.text_document = build_text_document(a.meta, a.pages, &a.page_starts);
      } catch (const Xapian::Error& e) {
        a = failure(ExtractStatus::kCorrupt, "its text could not be indexed: " + e.get_description());
      }
    }
    if (has_text(a.status) && !sha.empty() && !a.pages.empty() && !cache_dir.empty()) {
      try {
        cache.put(sha, a.pages);
      } catch (const Error& e) {
        a = failure(ExtractStatus::kCorrupt, std::string("cannot cache the text: ") + e.what());
      }
    }
    a.pages.clear();  // in the cache and in the document now: no need to send them
    if (!write_all(1, worker_protocol::encode_reply(a))) return 1;
  }
  return 0;
}

}  // namespace scr
