// scr-searchd's Service without sockets (as service.h promises): requests in, responses out, over
// the three-report index of tests/support/tiny_index.h.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "service.h"
#include "tiny_index.h"

using nlohmann::json;
using scr::searchd::Request;
using scr::searchd::Response;

namespace {

scr::searchd::Service& service() {
  static const std::string dir =
      (std::filesystem::temp_directory_path() / ("scr-service-test-" + std::to_string(::getpid()))).string();
  static scr::searchd::Service s = [] {
    scr::testing::write_tiny_index(dir);
    scr::searchd::ServiceOptions options;
    options.index = dir;
    options.searchers = 1;
    return scr::searchd::Service(options);
  }();
  return s;
}

Response get(const std::string& path, std::multimap<std::string, std::string> params = {}) {
  Request r;
  r.path = path;
  r.params = std::move(params);
  return service().handle(r);
}

json body(const Response& r) { return json::parse(r.body); }

}  // namespace

TEST_CASE("service: a search answers with hits, facets and snippets, and filters hold", "[searchd][service]") {
  auto all = get("/api/v1/search", {{"q", "sofa"}});
  REQUIRE(all.status == 200);
  CHECK(body(all)["total"]["value"] == 3);
  auto kent = get("/api/v1/search", {{"q", "sofa"}, {"board", "Kent"}});
  REQUIRE(kent.status == 200);
  json j = body(kent);
  REQUIRE(j["hits"].size() == 1);
  CHECK(j["hits"][0]["board"] == "Kent");
  CHECK(j["hits"][0]["snippets"][0]["page"] == 2);
  // The same filter written in the query string, and a year range that excludes Kent's 2015.
  CHECK(body(get("/api/v1/search", {{"q", "sofa board:kent"}}))["total"]["value"] == 1);
  CHECK(body(get("/api/v1/search", {{"q", "sofa year:2016..2017"}}))["total"]["value"] == 2);
}

TEST_CASE("service: recommendations, a report, trends and health answer", "[searchd][service]") {
  auto recs = get("/api/v1/recommendations", {{"q", "health visitors"}});
  REQUIRE(recs.status == 200);
  CHECK(body(recs)["total"]["value"].get<int>() >= 3);
  std::string id = body(get("/api/v1/search", {{"q", "sofa"}, {"board", "Leeds"}}))["hits"][0]["id"];
  auto report = get("/api/v1/reports/" + id);
  REQUIRE(report.status == 200);
  CHECK(body(report)["id"] == id);
  auto trends = get("/api/v1/trends", {{"columns", "theme"}, {"period", "2015..2017"}});
  REQUIRE(trends.status == 200);
  CHECK(body(trends)["rows"].size() == 3);
  CHECK(get("/healthz").status == 200);
}

TEST_CASE("service: bad requests get a status and a JSON error, never everything", "[searchd][service]") {
  auto check_error = [](const Response& r, int status, const std::string& code) {
    CHECK(r.status == status);
    json j = json::parse(r.body, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    CHECK(j["error"]["code"] == code);
  };
  check_error(get("/api/v1/search", {{"limit", "ten"}}), 400, "invalid_parameter");
  check_error(get("/api/v1/search", {{"q", "\xFF\xFE"}}), 400, "invalid_query");
  check_error(get("/api/v1/trends", {{"columns", "colour"}}), 400, "invalid_query");
  check_error(get("/api/v1/reports/r0000000000000000"), 404, "not_found");
  check_error(get("/nowhere"), 404, "not_found");
}

// The service parses parameters with the query library's RequestParams (shared with scr-query):
// its messages name the parameter, and its own limits cannot exceed the library's, which would
// otherwise cut a page of hits to 100 without a word.
TEST_CASE("service: parameters are refused with the shared messages, and limits above the library's are refused",
          "[searchd][service]") {
  auto message = [](const Response& r) { return json::parse(r.body)["error"]["message"].get<std::string>(); };
  CHECK(message(get("/api/v1/search", {{"limit", "101"}})) == "limit is at most 100");
  CHECK(message(get("/api/v1/search", {{"sort", "best"}})) == "sort is relevance, newest, oldest or indexed, not \"best\"");
  CHECK(message(get("/api/v1/trends", {{"by", "decade"}})) == "by is year or incident-year, not \"decade\"");
  CHECK(message(get("/api/v1/trends", {{"format", "xml"}})) == "format is json or csv, not \"xml\"");
  CHECK(message(get("/api/v1/coverage")) == "period is required, e.g. 2015..2017");
  CHECK(get("/api/v1/search", {{"q", std::string(2001, 'a')}}).status == 400);

  scr::searchd::ServiceOptions too_wide;
  too_wide.index = "/nonexistent";
  too_wide.max_limit = 500;
  CHECK_THROWS_AS(scr::searchd::Service(too_wide), scr::Error);
  too_wide.max_limit = 100;
  too_wide.max_query_bytes = 10000;
  CHECK_THROWS_AS(scr::searchd::Service(too_wide), scr::Error);
}
