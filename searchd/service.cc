#include "service.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scr/agencies.h"
#include "scr/error.h"
#include "scr/request_params.h"
#include "scr/taxonomy.h"
#include "scr/search_json.h"
#include "scr/trends.h"

namespace scr::searchd {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string iso_time(double unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Text for XML character data and attributes. Control characters other than tab and newline are
// not allowed in XML 1.0 even as references (a PDF title can hold them), so they are dropped.
std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') continue;
    if (c == '\x7f') continue;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A Content-Disposition header for a file name (RFC 6266): a plain ASCII fallback in `filename`
// (quotes, backslashes, controls and non-ASCII bytes become '_') and the exact name, percent-
// encoded, in `filename*`, so no name can end the header or add a parameter of its own.
std::string content_disposition(const std::string& kind, const std::string& name) {
  std::string plain, encoded;
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    bool safe = c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' && c != '%';
    plain += safe ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return kind + "; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
  }
  return true;
}

}  // namespace

OpenFile::~OpenFile() {
  if (fd >= 0) ::close(fd);
}

std::string Request::param(const std::string& name, const std::string& fallback) const {
  auto it = params.find(name);
  return it == params.end() ? fallback : it->second;
}

std::vector<std::string> Request::params_of(const std::string& name) const {
  std::vector<std::string> out;
  auto [a, b] = params.equal_range(name);
  for (auto it = a; it != b; ++it) out.push_back(it->second);
  return out;
}

Response error_response(int status, const std::string& code, const std::string& message) {
  Response r;
  r.status = status;
  r.body = query_error_json(QueryError{message}, code);
  return r;
}

// ---- metrics ------------------------------------------------------------------------------

void Metrics::observe(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  size_t b = 0;
  while (b < std::size(kBuckets) && seconds > kBuckets[b]) ++b;
  ++bucket_counts_[b];
  sum_ += seconds;
  ++count_;
}

std::string Metrics::text(size_t documents, const std::string& revision) const {
  std::lock_guard lock(mu_);
  std::ostringstream o;
  o << "# HELP scr_http_requests_total HTTP requests by route and status.\n# TYPE scr_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    o << "scr_http_requests_total{route=\"" << key.first << "\",code=\"" << key.second << "\"} " << n << "\n";
  }
  o << "# HELP scr_http_request_duration_seconds Time to answer a request.\n"
       "# TYPE scr_http_request_duration_seconds histogram\n";
  long cumulative = 0;
  for (size_t b = 0; b < std::size(kBuckets); ++b) {
    cumulative += bucket_counts_[b];
    o << "scr_http_request_duration_seconds_bucket{le=\"" << kBuckets[b] << "\"} " << cumulative << "\n";
  }
  cumulative += bucket_counts_.back();
  o << "scr_http_request_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n";
  o << "scr_http_request_duration_seconds_sum " << sum_ << "\nscr_http_request_duration_seconds_count " << count_ << "\n";
  o << "# HELP scr_index_documents Documents in the index.\n# TYPE scr_index_documents gauge\n";
  o << "scr_index_documents " << documents << "\n";
  o << "# HELP scr_index_revision Revision of the index being served.\n# TYPE scr_index_revision gauge\n";
  o << "scr_index_revision " << (revision.empty() ? "0" : revision) << "\n";
  return o.str();
}

// ---- service ------------------------------------------------------------------------------

namespace {

// What the web page shows instead of ids: {"themes": {id: label}, "theme_groups": ..., "agencies": ...}.
std::string make_vocabulary_json() {
  nlohmann::json themes = nlohmann::json::object(), groups = nlohmann::json::object(), agencies = nlohmann::json::object();
  const Taxonomy taxonomy = Taxonomy::load_default();
  for (const auto& t : taxonomy.themes()) themes[t.id] = t.label;
  for (const auto& g : taxonomy.groups()) groups[g.id] = g.label;
  const AgencyVocabulary vocabulary = AgencyVocabulary::load_default();
  for (const auto& a : vocabulary.agencies()) agencies[a.id] = a.label;
  return nlohmann::json{{"themes", themes}, {"theme_groups", groups}, {"agencies", agencies}}.dump();
}

}  // namespace

Service::Service(ServiceOptions options) : options_(std::move(options)), vocabulary_json_(make_vocabulary_json()) {
  RequestLimits{options_.max_query_bytes, options_.max_limit}.check();
}

namespace {
// The Searcher held by the request this thread is handling (handle() is not re-entered).
thread_local Searcher* held_searcher = nullptr;
}  // namespace

Searcher& Service::searcher() {
  // A Xapian database is not shared between threads, and connections outnumber the searches
  // worth running at once on this machine: requests borrow an open Searcher from a pool.
  if (held_searcher) return *held_searcher;
  std::unique_lock lock(searchers_mu_);
  searcher_freed_.wait(lock, [&] {
    return !free_searchers_.empty() || searchers_.size() + searchers_opening_ < options_.searchers;
  });
  if (!free_searchers_.empty()) {
    held_searcher = free_searchers_.back();
    free_searchers_.pop_back();
    return *held_searcher;
  }
  ++searchers_opening_;  // the place is taken while the index opens, outside the lock
  lock.unlock();
  std::unique_ptr<Searcher> opened;
  try {
    opened = Searcher::open(options_.index);
  } catch (...) {
    lock.lock();
    --searchers_opening_;
    searcher_freed_.notify_one();
    throw;
  }
  lock.lock();
  --searchers_opening_;
  searchers_.push_back(std::move(opened));
  held_searcher = searchers_.back().get();
  return *held_searcher;
}

void Service::release_searcher() {
  if (!held_searcher) return;
  std::lock_guard lock(searchers_mu_);
  free_searchers_.push_back(held_searcher);
  held_searcher = nullptr;
  searcher_freed_.notify_one();
}

long Service::reopens() const {
  std::lock_guard lock(searchers_mu_);
  long n = 0;
  for (const auto& s : searchers_) n += s->reopens();
  return n;
}

RequestParams Service::params(const Request& r) const {
  return RequestParams(r.params, RequestLimits{options_.max_query_bytes, options_.max_limit});
}

namespace {

// The route template a path is counted under in logs and metrics, decided before the request
// is handled so that a rejected request (a bad id, a bad parameter) cannot add a label of its own:
// the label set stays bounded whatever clients send.
std::string route_of(const std::string& path) {
  static const char* const kExact[] = {"/healthz", "/readyz", "/metrics", "/api/v1/search", "/api/v1/recommendations",
                                       "/api/v1/trends", "/api/v1/coverage", "/api/v1/vocabulary", "/api/v1/feed.atom"};
  if (web_file(path)) return "/";
  for (const char* exact : kExact) {
    if (path == exact) return exact;
  }
  const std::string reports = "/api/v1/reports/";
  if (path.rfind(reports, 0) != 0) return "other";
  std::string rest = path.substr(reports.size());
  size_t slash = rest.find('/');
  std::string tail = slash == std::string::npos ? "" : rest.substr(slash);
  if (tail.empty()) return reports + "{id}";
  if (tail == "/similar" || tail == "/pdf") return reports + "{id}" + tail;
  return "other";
}

}  // namespace

Response Service::handle(const Request& req) {
  auto start = std::chrono::steady_clock::now();
  const std::string& p = req.path;
  const std::string route = route_of(p);
  auto finish = [&](Response r) {
    release_searcher();
    r.route = route;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics_.observe(r.route, r.status, seconds);
    return r;
  };
  Response res;
  try {
    if (req.method != "GET" && req.method != "HEAD") {
      res = error_response(405, "method_not_allowed", "only GET is served");
      res.headers["Allow"] = "GET, HEAD";
      return finish(res);
    }
    const std::string reports = "/api/v1/reports/";
    if (route == "/") {
      const auto* file = web_file(p);
      res.content_type = file->first;
      res.body = std::string(file->second);
    } else if (route == "/healthz") {
      res.body = R"({"status":"ok"})";
    } else if (route == "/readyz") {
      res = ready();
    } else if (route == "/metrics") {
      res = metrics_text();
    } else if (route == "/api/v1/search") {
      res = search(req, false);
    } else if (route == "/api/v1/recommendations") {
      res = search(req, true);
    } else if (route == "/api/v1/trends") {
      res = trends(req);
    } else if (route == "/api/v1/coverage") {
      res = coverage(req);
    } else if (route == "/api/v1/vocabulary") {
      res.body = vocabulary_json_;
    } else if (route == "/api/v1/feed.atom") {
      res = feed(req);
    } else if (route.rfind(reports, 0) == 0) {
      std::string rest = p.substr(reports.size());
      std::string id = rest.substr(0, rest.find('/'));
      if (!valid_id(id)) {
        res = error_response(404, "not_found", "no report with id \"" + id + "\"");
      } else if (route == reports + "{id}") {
        res = report(id);
      } else if (route == reports + "{id}/similar") {
        res = similar(id, req);
      } else {
        res = pdf(id);
      }
    } else if (p.rfind(reports, 0) == 0) {
      res = error_response(404, "not_found", "no such resource: " + p);
    } else {
      res = error_response(404, "not_found", "no such resource: " + p + " (the API is under /api/v1/)");
    }
  } catch (const ParamError& e) {
    res = error_response(400, "invalid_parameter", e.what());
  } catch (const Error& e) {
    // The index cannot be opened or read: the service is up but cannot answer.
    res = error_response(503, "index_unavailable", e.what());
  } catch (const std::exception& e) {
    res = error_response(500, "internal", std::string("internal error: ") + e.what());
  } catch (...) {
    res = error_response(500, "internal", "internal error");
  }
  return finish(res);
}

Response Service::search(const Request& r, bool recommendations) {
  SearchRequest s = params(r).search();
  if (recommendations && s.filters.of("type").empty()) s.filters.of("type") = {"recommendation", "finding"};
  auto result = searcher().search(s);
  Response res;
  if (auto* e = std::get_if<QueryError>(&result)) return error_response(400, "invalid_query", e->message);
  res.body = search_response_json(std::get<SearchResponse>(result));
  return res;
}

Response Service::trends(const Request& r) {
  TrendRequest t = params(r).trends();
  std::string format = r.param("format", "json");
  if (format != "json" && format != "csv") throw ParamError("format is json or csv, not \"" + format + "\"");
  auto result = searcher().trends(t);
  if (auto* e = std::get_if<QueryError>(&result)) return error_response(400, "invalid_query", e->message);
  Response res;
  const auto& table = std::get<TrendTable>(result);
  if (format == "csv") {
    res.content_type = "text/csv; charset=utf-8";
    res.headers["Content-Disposition"] = content_disposition("attachment", "scr-trends-" + t.dimension + ".csv");
    res.body = trend_table_csv(table);
  } else {
    res.body = trend_table_json(table);
  }
  return res;
}

Response Service::coverage(const Request& r) {
  CoverageRequest c = params(r).coverage();
  Response res;
  res.body = coverage_json(searcher().coverage(c));
  return res;
}

Response Service::report(const std::string& id) {
  auto rec = searcher().report(id);
  if (!rec) return error_response(404, "not_found", "no report with id \"" + id + "\"");
  if (rec->damaged) return error_response(500, "internal", "the stored record of " + id + " is damaged");
  Response res;
  res.body = std::move(rec->json);
  return res;
}

Response Service::similar(const std::string& id, const Request& r) {
  auto result = searcher().similar(id, params(r).count("limit", 10, options_.max_limit));
  if (auto* e = std::get_if<QueryError>(&result)) return error_response(404, "not_found", e->message);
  Response res;
  res.body = search_response_json(std::get<SearchResponse>(result));
  return res;
}

Response Service::pdf(const std::string& id) {
  auto rec = searcher().report(id);
  if (!rec) return error_response(404, "not_found", "no report with id \"" + id + "\"");
  json j = json::parse(rec->json, nullptr, false);
  if (j.is_discarded() || !j.contains("files") || j["files"].empty()) {
    return error_response(404, "not_found", "report " + id + " has no PDF (a catalogue record)");
  }
  std::string root = options_.corpus_root.empty() ? searcher().info().corpus_root : options_.corpus_root;
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  if (ec) return error_response(503, "corpus_unavailable", "the corpus folder is not available");
  const std::string unavailable = "the PDF of report " + id + " is not available";
  // Open first, then check where the opened file really is: a check of the name followed by a
  // second open could be raced by a symlink swapped in between. O_NONBLOCK keeps a FIFO put in
  // the PDF's place from hanging the thread; it means nothing for regular files.
  fs::path candidate = real_root / j["files"][0].value("path", "");
  int fd = ::open(candidate.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR || err == ELOOP) return error_response(404, "not_found", unavailable);
    return error_response(500, "file_unreadable", "the PDF of report " + id + " cannot be opened: " + std::strerror(err));
  }
  auto file = std::make_shared<OpenFile>(fd, 0);
  // Where the descriptor points, with every link resolved, as the kernel sees it.
  fs::path opened = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
  auto [r_end, f_it] = std::mismatch(real_root.begin(), real_root.end(), opened.begin(), opened.end());
  struct stat st {};
  if (ec || r_end != real_root.end() || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return error_response(404, "not_found", unavailable);
  }
  file->size = static_cast<size_t>(st.st_size);
  Response res;
  res.content_type = "application/pdf";
  res.file = file;
  res.headers["Content-Disposition"] = content_disposition("inline", opened.filename().string());
  return res;
}

Response Service::feed(const Request& r) {
  RequestParams asked = params(r);
  SearchRequest s;
  s.query = asked.query();
  s.filters = asked.filters();
  s.limit = asked.count("limit", 50, options_.max_limit);
  s.sort = SortOrder::kRecentlyIndexed;
  s.snippets = false;
  auto result = searcher().search(s);
  if (auto* e = std::get_if<QueryError>(&result)) return error_response(400, "invalid_query", e->message);
  const auto& sr = std::get<SearchResponse>(result);
  double updated = 0;
  for (const auto& h : sr.hits) updated = std::max(updated, h.indexed_at);
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
    << "  <title>scr-search: " << xml_escape(s.query.empty() ? "all reports" : s.query) << "</title>\n"
    << "  <id>urn:scr-search:feed:" << xml_escape(s.query) << "</id>\n"
    << "  <updated>" << iso_time(updated) << "</updated>\n";
  for (const auto& h : sr.hits) {
    o << "  <entry>\n    <id>urn:scr-search:" << h.id << "</id>\n    <title>" << xml_escape(h.title) << "</title>\n"
      << "    <updated>" << iso_time(h.indexed_at) << "</updated>\n"
      << "    <link href=\"/#report=" << h.id << "\"/>\n"
      << "    <summary>" << xml_escape(h.board + (h.year ? ", " + std::to_string(h.year) : "")) << "</summary>\n  </entry>\n";
  }
  o << "</feed>\n";
  Response res;
  res.content_type = "application/atom+xml; charset=utf-8";
  // Invalid UTF-8 in a title must not break the XML: replace it as JSON output does.
  res.body = json(o.str()).dump(-1, ' ', false, json::error_handler_t::replace);
  res.body = json::parse(res.body).get<std::string>();
  return res;
}

Response Service::ready() {
  auto info = searcher().info();
  Response res;
  res.body = dump({{"status", "ready"}, {"documents", info.documents}, {"revision", info.revision},
                   {"schema", info.schema}, {"reopens", reopens()}});
  return res;
}

Response Service::metrics_text() {
  size_t documents = 0;
  std::string revision;
  try {
    auto info = searcher().info();
    documents = info.documents;
    revision = info.revision;
  } catch (const Error&) {
  }
  Response res;
  res.content_type = "text/plain; version=0.0.4; charset=utf-8";
  res.body = metrics_.text(documents, revision) + "# HELP scr_index_reopens_total Times a worker saw a new commit.\n"
                                                  "# TYPE scr_index_reopens_total counter\nscr_index_reopens_total " +
             std::to_string(reopens()) + "\n";
  return res;
}

}  // namespace scr::searchd
