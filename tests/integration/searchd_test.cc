// scr-searchd end to end: the daemon started on a free loopback port over a copy of the test
// index; every endpoint, every error status, PDF path escapes, and a reindex while a client loop
// queries.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <functional>
#include <set>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kIndex = SCR_TEST_INDEX;

// A private copy of the index and its PDFs, so that tests may change them.
struct Sandbox {
  fs::path dir = fs::temp_directory_path() / ("scr-searchd-test-" + std::to_string(::getpid()));
  fs::path index = dir / "index", pdfs = dir / "pdfs";
  Sandbox() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(kIndex, index, fs::copy_options::recursive);
    fs::copy(kIndex.string() + "-pdfs", pdfs, fs::copy_options::recursive);
  }
  ~Sandbox() { fs::remove_all(dir); }
};

// The daemon as a child process; its first stdout line names the port.
struct Daemon {
  pid_t pid = -1;
  int port = 0;
  Daemon(const fs::path& index, const fs::path& root) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid = fork();
    if (pid == 0) {
      dup2(out[1], 1);
      close(out[0]);
      std::string log = (index.parent_path() / "access.log").string();
      execl(SCR_SEARCHD_BIN, "scr-searchd", "--index", index.c_str(), "--corpus-root", root.c_str(), "--port", "0",
            "--threads", "4", "--access-log", log.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[512] = {};
    REQUIRE(std::fgets(line, sizeof line, f) != nullptr);
    std::fclose(f);
    std::string l(line);
    port = std::stoi(l.substr(l.rfind(':') + 1));
    REQUIRE(port > 0);
  }
  int stop() {
    if (pid < 0) return -1;
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  ~Daemon() { stop(); }
};

json body_json(const httplib::Result& r) { return json::parse(r->body); }

}  // namespace

TEST_CASE("searchd: every endpoint answers, errors are JSON with the right status", "[searchd]") {
  Sandbox box;
  Daemon d(box.index, box.pdfs);
  httplib::Client c("127.0.0.1", d.port);
  auto get = [&](const std::string& path) {
    auto r = c.Get(path.c_str());
    REQUIRE(r);
    return r;
  };
  CHECK(get("/healthz")->status == 200);
  auto ready = get("/readyz");
  CHECK(ready->status == 200);
  CHECK(body_json(ready)["documents"].get<int>() > 0);
  auto page = get("/");
  CHECK(page->status == 200);
  CHECK_THAT(page->body, Catch::Contains("<form id=\"search-form\""));
  CHECK(get("/app.js")->status == 200);

  auto s = get("/api/v1/search?q=neglect&facets=year,theme&limit=5");
  REQUIRE(s->status == 200);
  json sj = body_json(s);
  CHECK(sj["total"]["relation"] == "eq");
  REQUIRE_FALSE(sj["hits"].empty());
  CHECK_FALSE(sj["facets"]["theme"].empty());
  CHECK(sj["hits"][0]["snippets"][0]["page"].get<int>() >= 1);
  std::string id = sj["hits"][0]["id"];

  auto rep = get("/api/v1/reports/" + id);
  CHECK(rep->status == 200);
  CHECK(body_json(rep)["id"] == id);
  CHECK(get("/api/v1/reports/" + id + "/similar")->status == 200);
  auto pdf = get("/api/v1/reports/" + id + "/pdf");
  CHECK(pdf->status == 200);
  CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
  CHECK(pdf->body.rfind("%PDF", 0) == 0);
  CHECK(get("/api/v1/recommendations?q=training&agency=police")->status == 200);
  auto tr = get("/api/v1/trends?columns=theme&per=2005-2014,2015-2024");
  CHECK(tr->status == 200);
  CHECK(body_json(tr)["rows"].size() == 2);
  auto csv = get("/api/v1/trends?columns=outcome&format=csv");
  CHECK_THAT(csv->get_header_value("Content-Type"), Catch::StartsWith("text/csv"));
  CHECK(get("/api/v1/coverage?period=2010..2015")->status == 200);
  auto feed = get("/api/v1/feed.atom?q=neglect");
  CHECK_THAT(feed->body, Catch::Contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  auto metrics = get("/metrics");
  CHECK_THAT(metrics->body, Catch::Contains("scr_http_requests_total{route=\"/api/v1/search\",code=\"200\"}"));
  CHECK_THAT(metrics->body, Catch::Contains("scr_http_request_duration_seconds_bucket{le=\"+Inf\"}"));

  // Errors.
  auto err = [&](const std::string& path, int status, const std::string& code) {
    auto r = get(path);
    INFO(path);
    CHECK(r->status == status);
    json j = json::parse(r->body, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    CHECK(j["error"]["code"] == code);
    CHECK_FALSE(j["error"]["message"].get<std::string>().empty());
  };
  err("/api/v1/search?limit=1000", 400, "invalid_parameter");
  err("/api/v1/search?limit=ten", 400, "invalid_parameter");
  err("/api/v1/search?year=last", 400, "invalid_parameter");
  err("/api/v1/search?q=" + std::string(3000, 'a'), 400, "invalid_parameter");
  err("/api/v1/trends?columns=colour", 400, "invalid_query");
  err("/api/v1/coverage", 400, "invalid_parameter");
  err("/api/v1/reports/r0000000000000000", 404, "not_found");
  err("/nowhere", 404, "not_found");
  auto post = c.Post("/api/v1/search", "{}", "application/json");
  REQUIRE(post);
  CHECK(post->status == 405);
  auto body = c.Post("/api/v1/search", std::string(2 << 20, 'x'), "application/octet-stream");  // over --max-body-bytes
  REQUIRE(body);
  CHECK(body->status == 413);
  CHECK(json::parse(body->body, nullptr, false)["error"]["code"] == "payload_too_large");
  auto huge = c.Get(("/api/v1/search?q=" + std::string(20000, 'b')).c_str());
  REQUIRE(huge);
  CHECK(huge->status == 414);
  // Invalid UTF-8 in a query does not break the JSON.
  auto bad = get("/api/v1/search?q=%C3%28neglect");
  CHECK_FALSE(json::parse(bad->body, nullptr, false).is_discarded());
  CHECK(d.stop() == 0);  // SIGTERM: drains and exits 0
}

TEST_CASE("searchd: the PDF route never serves a file outside the corpus root", "[searchd]") {
  Sandbox box;
  // Replace one report's PDF with a link to a file outside the corpus root.
  fs::path victim;
  for (const auto& e : fs::recursive_directory_iterator(box.pdfs)) {
    if (e.is_regular_file() && e.path().extension() == ".pdf") {
      victim = e.path();
      break;
    }
  }
  REQUIRE_FALSE(victim.empty());
  fs::path outside = box.dir / "outside.pdf";
  fs::copy_file(victim, outside);
  fs::path rel = fs::relative(victim, box.pdfs);
  fs::remove(victim);
  fs::create_symlink(outside, victim);
  Daemon d(box.index, box.pdfs);
  httplib::Client c("127.0.0.1", d.port);
  // Find the id of that report through the API.
  auto s = c.Get("/api/v1/search?limit=100&snippets=false");
  REQUIRE(s);
  std::string id;
  const json found = json::parse(s->body);  // kept: a range-for over a temporary's member dangles
  for (const auto& h : found["hits"]) {
    if (h["file"] == rel.generic_string()) id = h["id"];
  }
  INFO("linked file: " << rel.generic_string());
  REQUIRE_FALSE(id.empty());
  auto r = c.Get(("/api/v1/reports/" + id + "/pdf").c_str());
  REQUIRE(r);
  CHECK(r->status == 404);
  for (std::string path : {"/api/v1/reports/..%2F..%2Fetc%2Fpasswd/pdf", "/api/v1/reports/../../etc/passwd",
                           "/api/v1/reports/%2e%2e/pdf", "/api/v1/reports/r1%00/pdf"}) {
    auto x = c.Get(path.c_str());
    REQUIRE(x);
    INFO(path);
    CHECK(x->status == 404);
    CHECK(x->body.find("root:") == std::string::npos);
  }
}

TEST_CASE("searchd: a reindex while clients query: no failed request, new reports visible after commit", "[searchd]") {
  Sandbox box;
  Daemon d(box.index, box.pdfs);
  std::atomic<bool> done{false};
  std::atomic<int> ok{0}, failed{0};
  std::string last_failure;
  std::thread client([&] {
    httplib::Client c("127.0.0.1", d.port);
    while (!done) {
      auto r = c.Get("/api/v1/search?q=neglect&facets=year&limit=5");
      if (r && r->status == 200 && !json::parse(r->body, nullptr, false).is_discarded()) {
        ++ok;
      } else {
        ++failed;
        last_failure = r ? std::to_string(r->status) + " " + r->body : "no response: " + httplib::to_string(r.error());
      }
    }
  });
  httplib::Client c("127.0.0.1", d.port);
  int before = json::parse(c.Get("/api/v1/search?limit=1&snippets=false")->body)["total"]["value"];
  // Three new reports, then scr-index on the folder the daemon serves.
  std::string gen = std::string("'") + SCR_CORPUS_BIN + "' --quiet --out '" + (box.dir / "new").string() +
                    "' --reports 3 --seed 991 --min-pages 6 --median-pages 8 --max-pages 10";
  REQUIRE(std::system(gen.c_str()) == 0);
  fs::copy(box.dir / "new" / "pdfs", box.pdfs / "new", fs::copy_options::recursive);
  std::string index = std::string("'") + SCR_INDEX_BIN + "' --quiet --batch-size 1 --index '" + box.index.string() + "' '" +
                      box.pdfs.string() + "'";
  REQUIRE(std::system(index.c_str()) == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  done = true;
  client.join();
  INFO("last failure: " << last_failure);
  CHECK(failed == 0);
  CHECK(ok > 5);
  int after = json::parse(c.Get("/api/v1/search?limit=1&snippets=false")->body)["total"]["value"];
  CHECK(after == before + 3);
  // The workers noticed the new commits, and say so.
  CHECK(json::parse(c.Get("/readyz")->body)["reopens"].get<long>() >= 1);
  CHECK_THAT(c.Get("/metrics")->body, Catch::Contains("scr_index_reopens_total"));
}

TEST_CASE("searchd: filters as parameters and in the query string give the same hits, all inside the filter",
          "[searchd][filters]") {
  Sandbox box;
  Daemon d(box.index, box.pdfs);
  httplib::Client c("127.0.0.1", d.port);
  auto search = [&](const httplib::Params& params) {
    auto r = c.Get("/api/v1/search", params, httplib::Headers{});
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return json::parse(r->body);
  };
  struct Case {
    const char* param;
    const char* value;
    const char* in_query;
    std::function<bool(const json&)> holds;
  };
  const std::vector<Case> cases = {
      {"region", "London", "region:london", [](const json& h) { return h["region"] == "London"; }},
      {"year", "2010..2016", "year:2010..2016",
       [](const json& h) { return h["year"].get<int>() >= 2010 && h["year"].get<int>() <= 2016; }},
      {"review", "scr", "review:scr", [](const json& h) { return h["review_type"] == "SCR"; }},
  };
  size_t nonempty = 0;
  for (const std::string text : {"neglect", "domestic abuse", "\"domestic abuse\" OR neglect", "neglect -alcohol", "mother",
                                 "recommendations to the police"}) {
    for (bool synonyms : {true, false}) {
      for (const auto& k : cases) {
        INFO(text << " / " << k.param << "=" << k.value << (synonyms ? "" : " (no synonyms)"));
        httplib::Params as_param{{"q", text}, {k.param, k.value}, {"limit", "100"}, {"snippets", "0"},
                                 {"synonyms", synonyms ? "true" : "false"}};
        httplib::Params in_query{{"q", text + " " + k.in_query}, {"limit", "100"}, {"snippets", "0"},
                                 {"synonyms", synonyms ? "true" : "false"}};
        json a = search(as_param), b = search(in_query);
        CHECK(a["total"]["value"] == b["total"]["value"]);
        std::set<std::string> ids_a, ids_b;
        for (const auto& h : a["hits"]) {
          ids_a.insert(h["id"].get<std::string>());
          CHECK(k.holds(h));
        }
        for (const auto& h : b["hits"]) {
          ids_b.insert(h["id"].get<std::string>());
          CHECK(k.holds(h));
        }
        CHECK(ids_a == ids_b);
        if (!ids_a.empty()) ++nonempty;
      }
    }
  }
  CHECK(nonempty > 10);
}

TEST_CASE("searchd: a search for recommendations says how it was read, and literal=true turns the reading off",
          "[searchd][recommendations]") {
  Sandbox box;
  Daemon d(box.index, box.pdfs);
  httplib::Client c("127.0.0.1", d.port);
  auto search = [&](const httplib::Params& params) {
    auto r = c.Get("/api/v1/search", params, httplib::Headers{});
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return json::parse(r->body);
  };
  json read = search({{"q", "what was recommended to the police"}, {"snippets_per_hit", "3"}});
  CHECK(read["interpreted_as"]["kind"] == "recommendations");
  CHECK(read["interpreted_as"]["agencies"] == json::array({"police"}));
  REQUIRE_FALSE(read["hits"].empty());
  for (const auto& h : read["hits"]) {
    REQUIRE_FALSE(h["snippets"].empty());
    for (const auto& s : h["snippets"]) {
      const std::string label = s["label"].get<std::string>();
      CHECK((label.rfind("Recommendation ", 0) == 0 || label.rfind("Finding ", 0) == 0));
    }
  }
  json literal = search({{"q", "what was recommended to the police"}, {"literal", "true"}});
  CHECK(literal["interpreted_as"]["kind"] == "reports");
  CHECK(literal["parsed_query"] != read["parsed_query"]);
}

TEST_CASE("searchd: a query that is not UTF-8, and an oversized trend, get 400 with the reason", "[searchd][limits]") {
  Sandbox box;
  Daemon d(box.index, box.pdfs);
  httplib::Client c("127.0.0.1", d.port);
  auto r = c.Get("/api/v1/search?q=%FF%FE");
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK_THAT(r->body, Catch::Contains("UTF-8"));
  std::string per;
  for (int k = 0; k < 300; ++k) per += (k ? "," : "") + std::string("2015");
  r = c.Get(("/api/v1/trends?columns=board&cross=board&per=" + per).c_str());
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK_THAT(r->body, Catch::Contains("crossed with itself"));
}

namespace {

// The first PDF of the sandbox and the id the index gives it.
std::pair<fs::path, std::string> first_pdf(const Sandbox& box, httplib::Client& c) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(box.pdfs)) {
    if (e.is_regular_file() && e.path().extension() == ".pdf") files.push_back(e.path());
  }
  REQUIRE_FALSE(files.empty());
  std::sort(files.begin(), files.end());
  auto s = c.Get("/api/v1/search?limit=100&snippets=false");
  REQUIRE(s);
  const json found = json::parse(s->body);
  std::string rel = fs::relative(files[0], box.pdfs).generic_string();
  for (const auto& h : found["hits"]) {
    if (h["file"] == rel) return {files[0], h["id"].get<std::string>()};
  }
  FAIL("no hit for " << rel);
  return {};
}

// The status line and headers of a GET, as sent: httplib's client percent-decodes header values.
std::string raw_head(int port, const std::string& path) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::string req = "HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  REQUIRE(::write(fd, req.data(), req.size()) == static_cast<ssize_t>(req.size()));
  std::string head;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) head.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return head.substr(0, head.find("\r\n\r\n"));
}

// The largest resident set a process has had, in KiB (VmHWM).
long peak_rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace

TEST_CASE("searchd: a PDF is streamed, not read into memory, under a header that cannot be forged",
          "[searchd][limits]") {
  Sandbox box;
  Daemon d(box.index, box.pdfs);
  httplib::Client c("127.0.0.1", d.port);
  auto [pdf, id] = first_pdf(box, c);
  // A 256 MiB file (sparse: it costs no disk) under a name with a quote and a semicolon, linked
  // from the report's path: the header names the file actually opened.
  fs::path odd = pdf.parent_path() / "we\"ird;name.pdf";
  const size_t size = 256u << 20;
  {
    std::ofstream out(odd, std::ios::binary);
    out << "%PDF-1.4\n";
  }
  fs::resize_file(odd, size);
  fs::remove(pdf);
  fs::create_symlink(odd.filename(), pdf);
  long before = peak_rss_kib(d.pid);
  size_t received = 0;
  auto r = c.Get(("/api/v1/reports/" + id + "/pdf").c_str(), [&](const char*, size_t n) {
                   received += n;
                   return true;
                 });
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(received == size);
  std::string head = raw_head(d.port, "/api/v1/reports/" + id + "/pdf");
  CHECK_THAT(head, Catch::Contains("\r\nContent-Disposition: inline; filename=\"we_ird_name.pdf\"; "
                                   "filename*=UTF-8''we%22ird%3Bname.pdf\r\n"));
  long after = peak_rss_kib(d.pid);
  INFO("daemon peak RSS before " << before << " KiB, after " << after << " KiB");
  REQUIRE(before > 0);
  CHECK(after - before < 32 * 1024);  // one read buffer per download, not the file
}

TEST_CASE("searchd: rejected requests are counted under their route, so /metrics stays bounded",
          "[searchd][limits]") {
  Sandbox box;
  Daemon d(box.index, box.pdfs);
  httplib::Client c("127.0.0.1", d.port);
  for (int k = 0; k < 200; ++k) {
    std::string n = std::to_string(k);
    for (std::string path : {"/api/v1/reports/r" + n + "/similar?limit=abc", "/api/v1/reports/bad!" + n,
                             "/api/v1/reports/r" + n + "/x" + n, "/nowhere/" + n, "/api/v1/search?limit=z" + n}) {
      REQUIRE(c.Get(path.c_str()));
    }
  }
  auto m = c.Get("/metrics");
  REQUIRE(m);
  std::set<std::string> routes;
  for (size_t at = m->body.find("route=\""); at != std::string::npos; at = m->body.find("route=\"", at + 1)) {
    size_t end = m->body.find('"', at + 7);
    routes.insert(m->body.substr(at + 7, end - at - 7));
  }
  const std::set<std::string> templates = {"/api/v1/reports/{id}", "/api/v1/reports/{id}/similar", "other",
                                           "/api/v1/search", "/readyz", "/metrics"};
  for (const auto& r : routes) {
    INFO(r);
    CHECK(templates.count(r) == 1);
  }
  CHECK(m->body.size() < 4000);
}

TEST_CASE("searchd: the Atom feed carries no control characters, whatever the query holds", "[searchd]") {
  Sandbox box;
  Daemon d(box.index, box.pdfs);
  httplib::Client c("127.0.0.1", d.port);
  auto r = c.Get("/api/v1/feed.atom?q=neglect%01%08%1B");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK_THAT(r->body, Catch::Contains("<title>scr-search: neglect"));
  for (unsigned char ch : r->body) {
    if (ch < 0x20 && ch != '\n' && ch != '\t') FAIL("control character " << int(ch) << " in the feed");
  }
}

TEST_CASE("searchd: slow clients holding every connection thread do not stop searches", "[searchd][limits]") {
  // 64 connections that send their headers a byte at a time (each byte well inside --timeout)
  // against a daemon with 4 search threads: a fixed pool of 4 connection threads starved every
  // other client for as long as they trickled.
  Sandbox box;
  Daemon d(box.index, box.pdfs);
  std::vector<int> slow;
  for (int k = 0; k < 64; ++k) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(d.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::write(fd, "GET /healthz HTTP/1.1\r\n", 23) == 23);
    slow.push_back(fd);
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    while (!done) {
      for (int fd : slow) (void)!::write(fd, "X", 1);
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let the daemon take them all
  httplib::Client c("127.0.0.1", d.port);
  c.set_read_timeout(8, 0);
  int answered = 0;
  for (int k = 0; k < 3; ++k) {
    auto r = c.Get("/api/v1/search?q=neglect&limit=3");
    if (r && r->status == 200) ++answered;
  }
  auto h = c.Get("/healthz");
  done = true;
  trickle.join();
  for (int fd : slow) ::close(fd);
  CHECK(d.stop() == 0);
  CHECK(answered == 3);
  REQUIRE(h);
  CHECK(h->status == 200);
}
