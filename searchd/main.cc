// scr-searchd: serves the query library over HTTP/JSON and the web page. A thin adapter: requests
// from cpp-httplib become searchd::Request, the Service answers, and the answer goes back.
#include <httplib.h>
#include <malloc.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "config_file.h"
#include "connection_pool.h"
#include "service.h"
#include "scr/request_params.h"

namespace po = boost::program_options;

namespace {

std::string iso_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// One access-log line per request: text or JSON lines.
class AccessLog {
 public:
  AccessLog(const std::string& where, std::string format) : where_(where), format_(std::move(format)) {
    if (where == "none") return;
    if (where != "-" && where != "stderr") {
      file_.open(where, std::ios::app);
      if (!file_) throw std::runtime_error(where + ": cannot open the access log");
    }
    enabled_ = true;
  }
  /// After logrotate moved the file (SIGHUP): write to a new one under the same name. False if
  /// it cannot be opened; lines then go to stderr until the next try.
  bool reopen() {
    std::lock_guard lock(mu_);
    if (!enabled_ || where_ == "-" || where_ == "stderr") return true;
    file_.close();
    file_.clear();
    file_.open(where_, std::ios::app);
    return file_.is_open();
  }
  void write(const std::string& method, const std::string& target, const std::string& route, int status, double ms,
             const std::string& remote) {
    if (!enabled_) return;
    char line[2048];
    if (format_ == "json") {
      std::string t = target.size() > 1000 ? target.substr(0, 1000) : target;
      std::string escaped;
      for (char c : t) {
        if (c == '"' || c == '\\') escaped += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) escaped += c;
      }
      std::snprintf(line, sizeof line,
                    "{\"time\":\"%s\",\"remote\":\"%s\",\"method\":\"%s\",\"target\":\"%s\",\"route\":\"%s\",\"status\":%d,\"ms\":%.2f}\n",
                    iso_now().c_str(), remote.c_str(), method.c_str(), escaped.c_str(), route.c_str(), status, ms);
    } else {
      std::snprintf(line, sizeof line, "%s %s %s %.200s %s %d %.2fms\n", iso_now().c_str(), remote.c_str(), method.c_str(),
                    target.c_str(), route.c_str(), status, ms);
    }
    std::lock_guard lock(mu_);
    if (file_.is_open()) file_ << line << std::flush;
    else std::fputs(line, stderr);
  }

 private:
  std::string where_, format_;
  bool enabled_ = false;
  std::ofstream file_;
  std::mutex mu_;
};

// cpp-httplib as Debian builds it listens with a backlog of 5: a burst of new connections (a page
// load, a load balancer's pool) overflows it and the kernel drops SYNs, which clients retry only
// after a second. listen() again on the bound socket raises the backlog in place (Linux).
class Server : public httplib::Server {
 public:
  void raise_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

// glibc gives threads that allocate at once arenas of their own, up to eight per core, and a
// freed block stays in its arena. With 32 request threads on 2 cores a 10-minute load-only soak
// grew RSS 19.5% and was still growing; with two arenas it grew 9.5% and levelled off
// (docs/reliability.md). No more threads than cores run at once, so one arena per core costs
// little contention. MALLOC_ARENA_MAX in the environment still decides, if set.
void cap_malloc_arenas() {
  if (std::getenv("MALLOC_ARENA_MAX")) return;
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
}

}  // namespace

int main(int argc, char** argv) {
  cap_malloc_arenas();
  scr::searchd::ServiceOptions opt;
  std::string listen = "127.0.0.1", config, access_log = "-", log_format = "text";
  int port = 8080, threads = 8, max_connections = 256;
  size_t max_body = 1 << 20;
  int timeout_s = 10;
  po::options_description desc(
      "Usage: scr-searchd --index INDEX [options]\n\n"
      "Serves an scr index over HTTP: the JSON API under /api/v1/ (docs/http-api.md), the web page at /,\n"
      "/healthz, /readyz and /metrics (Prometheus). Picks up new commits of a running scr-index without\n"
      "a restart. SIGTERM or SIGINT: finish the requests in flight, then exit 0. SIGHUP: reopen the\n"
      "access log (after logrotate).\n\nOptions");
  desc.add_options()
      ("help,h", "show this help and exit")
      ("version", "print the version, the data files and the config file used, and exit")
      ("config,c", po::value(&config), "config file: name = value lines of long options, [index] [searchd] [query]\n"
       "sections (default: $SCR_CONFIG, else /etc/scr-search/scr-search.conf if present)")
      ("index,i", po::value(&opt.index)->required(), "index folder, or a Xapian stub file naming shards")
      ("corpus-root", po::value(&opt.corpus_root), "folder PDFs are served from (default: the one the index records)")
      ("listen", po::value(&listen)->default_value(listen), "address to listen on (127.0.0.1: this machine only)")
      ("port,p", po::value(&port)->default_value(port), "port (0: any free port, printed on start)")
      ("threads", po::value(&threads)->default_value(threads),
       "requests searching at once (each holds one open index); more wait their turn")
      ("max-connections", po::value(&max_connections)->default_value(max_connections),
       "connections served at once, slow or idle ones included (one thread each); more wait to be read")
      ("max-query-bytes", po::value(&opt.max_query_bytes)->default_value(opt.max_query_bytes), "longest query accepted (at most 2000, the query library's limit)")
      ("max-limit", po::value(&opt.max_limit)->default_value(opt.max_limit), "largest page of hits (at most 100)")
      ("max-body-bytes", po::value(&max_body)->default_value(max_body), "largest request body (413 beyond)")
      ("timeout", po::value(&timeout_s)->default_value(timeout_s), "seconds to read a request or write a response")
      ("access-log", po::value(&access_log)->default_value(access_log), "file, '-' for stderr, or 'none'")
      ("log-format", po::value(&log_format)->default_value(log_format), "text or json");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\nExample:\n  scr-searchd --index idx --port 8080\n"
                           "  curl 'http://127.0.0.1:8080/api/v1/search?q=neglect&facets=year,theme'\n";
      return 0;
    }
    config = vm.count("config") ? vm["config"].as<std::string>() : scr::cli::default_config_path();
    if (vm.count("version")) {
      std::cout << scr::cli::version_text("scr-searchd", config);
      return 0;
    }
    scr::cli::store_config_file(config, vm.count("config") > 0, "searchd", desc, vm);
    po::notify(vm);
    if (log_format != "text" && log_format != "json") throw po::error("--log-format is text or json");
    if (threads < 1 || threads > 256) throw po::error("--threads is 1 to 256");
    if (max_connections < threads || max_connections > 4096) throw po::error("--max-connections is --threads to 4096");
    opt.searchers = static_cast<size_t>(threads);
  } catch (const po::error& e) {
    std::cerr << "scr-searchd: " << e.what() << "\nTry 'scr-searchd --help'.\n";
    return 2;
  }

  // Signals are taken by one thread with sigwait(): blocked here, before any thread starts, so
  // that every thread inherits the mask (httplib's stop() is not async-signal-safe).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  try {
    scr::RequestLimits{opt.max_query_bytes, opt.max_limit}.check();
  } catch (const scr::Error& e) {
    // A larger limit would be cut by the query library without a word.
    std::cerr << "scr-searchd: --max-query-bytes / --max-limit: " << e.what() << "\nTry 'scr-searchd --help'.\n";
    return 2;
  }
  scr::searchd::Service service(opt);
  {
    // Fail early and clearly when the index cannot be opened at all.
    scr::searchd::Request ready;
    ready.path = "/readyz";
    auto r = service.handle(ready);
    if (r.status != 200) {
      std::cerr << "scr-searchd: " << opt.index << ": the index cannot be opened: " << r.body << "\n";
      return 1;
    }
  }
  std::unique_ptr<AccessLog> log;
  try {
    log = std::make_unique<AccessLog>(access_log, log_format);
  } catch (const std::exception& e) {
    std::cerr << "scr-searchd: " << e.what() << "\n";
    return 2;
  }

  Server server;
  server.new_task_queue = [threads, max_connections] {
    return new scr::searchd::ConnectionPool(static_cast<size_t>(threads), static_cast<size_t>(max_connections));
  };
  server.set_payload_max_length(max_body);
  server.set_read_timeout(timeout_s, 0);
  server.set_write_timeout(timeout_s, 0);
  server.set_keep_alive_timeout(5);
  // A response goes out in two writes (headers, then body). With Nagle's algorithm on, the second
  // waits for the client's delayed ACK of the first, about 40 ms on Linux, whatever the search
  // cost: every keep-alive request took 44 ms p50 for a 0.8 ms search (bench/http_bench.sh).
  server.set_tcp_nodelay(true);
  auto handler = [&](const httplib::Request& hr, httplib::Response& hres) {
    auto start = std::chrono::steady_clock::now();
    scr::searchd::Request req;
    req.method = hr.method;
    req.path = hr.path;
    for (const auto& [k, v] : hr.params) req.params.emplace(k, v);
    scr::searchd::Response res = service.handle(req);
    hres.status = res.status;
    for (const auto& [k, v] : res.headers) hres.set_header(k, v);
    if (res.file) {
      // Sent in pieces from the descriptor the service opened and checked: memory per download
      // is one buffer, whatever the file's size. A read that fails or comes up short (the file
      // shrank) ends the connection rather than sending a truncated body as complete.
      std::shared_ptr<const scr::searchd::OpenFile> file = res.file;
      hres.set_content_provider(file->size, res.content_type.c_str(),
                                [file](size_t offset, size_t length, httplib::DataSink& sink) {
                                  char buf[64 * 1024];
                                  ssize_t got = ::pread(file->fd, buf, std::min(length, sizeof buf), static_cast<off_t>(offset));
                                  if (got <= 0) return false;
                                  return sink.write(buf, static_cast<size_t>(got));
                                });
    } else {
      hres.set_content(std::move(res.body), res.content_type.c_str());
    }
    hres.set_header("X-Content-Type-Options", "nosniff");
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    log->write(hr.method, hr.target, res.route, res.status, ms, hr.remote_addr);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);  // answered with 405 by the service
  // Errors cpp-httplib produces itself (too large, bad request line) also get the JSON shape.
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string code = "bad_request", message = "the request could not be read";
    if (res.status == 413) code = "payload_too_large", message = "the request body is too large";
    if (res.status == 414) code = "uri_too_long", message = "the URL is too long (shorten the query)";
    if (res.status == 431) code = "headers_too_large", message = "the request headers are too large";
    res.set_content(scr::searchd::error_response(res.status, code, message).body, "application/json");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(scr::searchd::error_response(500, "internal", "internal error").body, "application/json");
  });

  int bound = port;
  if (port == 0) {
    bound = server.bind_to_any_port(listen);
  } else if (!server.bind_to_port(listen, port)) {
    std::cerr << "scr-searchd: cannot listen on " << listen << ":" << port << " (in use, or not allowed)\n";
    return 1;
  }
  if (bound <= 0) {
    std::cerr << "scr-searchd: cannot listen on " << listen << "\n";
    return 1;
  }
  server.raise_backlog();
  std::printf("scr-searchd: serving %s on http://%s:%d/\n", opt.index.c_str(), listen.c_str(), bound);
  std::fflush(stdout);

  std::atomic<bool> stopping{false};
  std::thread waiter([&] {
    int sig = 0;
    // SIGHUP (systemctl reload): reopen the access log. The index needs nothing: every request
    // already picks up the newest commit.
    while (sigwait(&signals, &sig) == 0 && sig == SIGHUP) {
      bool reopened = log->reopen();
      std::fprintf(stderr, "scr-searchd: SIGHUP: %s\n", reopened ? "access log reopened" : "cannot reopen the access log");
    }
    if (stopping.exchange(true)) return;  // the server ended on its own: nothing to stop
    std::fprintf(stderr, "scr-searchd: %s: finishing requests in flight, then exiting\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    server.stop();
  });
  // Returns once stop() has closed the socket and the thread pool has finished its requests.
  bool ok = server.listen_after_bind();
  if (!stopping.exchange(true)) pthread_kill(waiter.native_handle(), SIGTERM);  // wake the waiter
  waiter.join();
  if (!ok) {
    std::cerr << "scr-searchd: the server stopped with an error\n";
    return 1;
  }
  return 0;
}
