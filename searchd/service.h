// The scr-searchd service: HTTP requests in, responses out, with no HTTP library in sight (the
// adapter in main.cc owns cpp-httplib). Every handler is a function of the request and the
// query library, so the whole API is testable without sockets.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "scr/request_params.h"
#include "scr/search.h"

namespace scr::searchd {

struct Request {
  std::string method = "GET";
  std::string path;                                  ///< decoded, without the query string
  std::multimap<std::string, std::string> params;    ///< decoded query parameters
  std::string param(const std::string& name, const std::string& fallback = "") const;
  std::vector<std::string> params_of(const std::string& name) const;
};

/// A file opened for a response body, sent in pieces by the adapter (never read whole into
/// memory); the descriptor closes when the last copy of the response goes.
struct OpenFile {
  int fd = -1;
  size_t size = 0;
  OpenFile(int fd, size_t size) : fd(fd), size(size) {}
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  ~OpenFile();
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::shared_ptr<const OpenFile> file;  ///< when set, the body is this file's content
  std::map<std::string, std::string> headers;
  std::string route;  ///< route pattern, for logs and metrics ("/api/v1/reports/{id}")
};

struct ServiceOptions {
  std::string index;        ///< index folder or stub file
  std::string corpus_root;  ///< PDFs are served only from inside it; "" = the index's recorded root
  size_t max_query_bytes = 2000;
  size_t max_limit = 100;
  /// Requests searching at once, each with its own open index; more wait for a free one.
  size_t searchers = 8;
};

/// Request counts and latencies for /metrics (Prometheus text format).
class Metrics {
 public:
  void observe(const std::string& route, int status, double seconds);
  std::string text(size_t documents, const std::string& revision) const;

 private:
  static constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, long> requests_;
  std::vector<long> bucket_counts_ = std::vector<long>(std::size(kBuckets) + 1, 0);
  double sum_ = 0;
  long count_ = 0;
};

class Service {
 public:
  /// Throws scr::Error when a limit in `options` is above the query library's own.
  explicit Service(ServiceOptions options);
  /// Never throws: errors become {"error": {"code", "message"}} with their status.
  Response handle(const Request& request);
  Metrics& metrics() { return metrics_; }
  /// New commits picked up, summed over the worker threads' Searchers.
  long reopens() const;

 private:
  /// The Searcher this request holds: taken from the pool on first use in a request (opened if
  /// fewer than `searchers` exist, else waiting for one), given back when handle() returns.
  /// Throws scr::Error when the index cannot be opened.
  Searcher& searcher();
  void release_searcher();
  /// The request's parameters with this service's limits (scr/request_params.h).
  RequestParams params(const Request& r) const;
  Response search(const Request& r, bool recommendations);
  Response trends(const Request& r);
  Response coverage(const Request& r);
  Response report(const std::string& id);
  Response similar(const std::string& id, const Request& r);
  Response pdf(const std::string& id);
  Response feed(const Request& r);
  Response ready();
  Response metrics_text();

  ServiceOptions options_;
  /// GET /api/v1/vocabulary: the labels of theme, theme group and agency ids, made once.
  std::string vocabulary_json_;
  Metrics metrics_;
  mutable std::mutex searchers_mu_;
  std::condition_variable searcher_freed_;
  std::vector<std::unique_ptr<Searcher>> searchers_;  ///< every one opened (for reopen counts)
  std::vector<Searcher*> free_searchers_;
  size_t searchers_opening_ = 0;
};

/// {"error": {"code": code, "message": message}} with `status`.
Response error_response(int status, const std::string& code, const std::string& message);

/// The web page's files, built into the binary: "/", "/app.js", "/style.css"; nullptr if none.
const std::pair<const char*, std::string_view>* web_file(const std::string& path);

}  // namespace scr::searchd
