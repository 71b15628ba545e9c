// Trend tables and coverage on the indexed test corpus, each cell checked against a brute-force
// count: from the ground truth for metadata (exact in this corpus), from the stored records for
// themes and agencies (what the tagger decided; its accuracy is the quality test's business).
#include <catch2/catch.hpp>

#include "scr/csv.h"

#include <xapian.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "corpus_writer.h"
#include "indexed_corpus.h"
#include "status_import.h"
#include "scr/boards.h"
#include "scr/error.h"
#include "scr/schema.h"
#include "scr/search.h"
#include "scr/search_json.h"
#include "scr/trends.h"

namespace fs = std::filesystem;
using nlohmann::json;
using scr::corpus::ReportTruth;

using scr::testing::kCorpus;
using scr::testing::kIndex;
using scr::testing::searcher;
using scr::testing::truths;

namespace {

// The stored records of the report documents, read straight from Xapian.
const std::vector<json>& records() {
  static const std::vector<json> r = [] {
    std::vector<json> out;
    Xapian::Database db((kIndex / "xapian").string());
    std::string t = scr::schema::make_term(scr::schema::kPrefixDocType, scr::schema::kDocReport);
    for (auto it = db.postlist_begin(t); it != db.postlist_end(t); ++it) out.push_back(json::parse(db.get_document(*it).get_data()));
    return out;
  }();
  return r;
}

int year_of(const json& rec) { return rec["meta"]["year"]["value"].get<int>(); }

scr::TrendTable must_trend(const scr::TrendRequest& req) {
  auto r = searcher().trends(req);
  if (auto* e = std::get_if<scr::QueryError>(&r)) FAIL("trend error: " << e->message);
  return std::get<scr::TrendTable>(r);
}

}  // namespace

TEST_CASE("trends: every (year, theme) cell equals a brute-force count of the records", "[trends]") {
  scr::TrendRequest req;
  req.dimension = "theme";
  auto t = must_trend(req);
  std::map<std::pair<std::string, std::string>, long> want;
  std::map<std::string, long> totals;
  for (const auto& rec : records()) {
    std::string y = std::to_string(year_of(rec));
    ++totals[y];
    for (const auto& tag : rec["themes"]) {
      if (tag["present"].get<bool>()) ++want[{y, tag["id"].get<std::string>()}];
    }
  }
  REQUIRE(t.columns.size() >= 30);  // zero-filled: every theme of the taxonomy
  std::set<std::string> years;
  for (const auto& r : t.rows) {
    years.insert(r.period);
    CHECK(r.total == totals[r.period]);
    for (size_t c = 0; c < t.columns.size(); ++c) {
      INFO(r.period << " " << t.columns[c]);
      CHECK(r.cells[c].count == want[{r.period, t.columns[c]}]);
      if (r.total) CHECK(r.cells[c].prevalence == Approx(double(r.cells[c].count) / r.total));
    }
  }
  // Rows: every year from the first to the last, none skipped.
  int first = std::stoi(*years.begin()), last = std::stoi(*years.rbegin());
  CHECK(years.size() == static_cast<size_t>(last - first + 1));
}

TEST_CASE("trends: (year, region) and (age band x sex) equal the ground truth", "[trends]") {
  scr::TrendRequest req;
  req.dimension = "region";
  auto t = must_trend(req);
  std::map<std::pair<std::string, std::string>, long> want;
  for (const auto& tr : truths()) ++want[{std::to_string(tr.year), scr::schema::term_value(tr.region)}];
  for (const auto& r : t.rows) {
    for (size_t c = 0; c < t.columns.size(); ++c) CHECK(r.cells[c].count == want[{r.period, t.columns[c]}]);
  }
  req.dimension = "age";
  req.cross = "sex";
  req.periods = {{1990, 2100}};
  auto x = must_trend(req);
  std::map<std::string, long> pairs;
  for (const auto& tr : truths()) {
    std::string band = tr.age_band == "<1" ? "under-1" : tr.age_band;
    ++pairs[band + " | " + tr.sex];
  }
  REQUIRE(x.rows.size() == 1);
  CHECK(x.rows[0].total == static_cast<long>(truths().size()));
  for (size_t c = 0; c < x.columns.size(); ++c) CHECK(x.rows[0].cells[c].count == pairs[x.columns[c]]);
  CHECK(x.columns.front() == "under-1 | female");
}

TEST_CASE("trends: by incident year, rows follow the year the child was harmed", "[trends]") {
  scr::TrendRequest req;
  req.dimension = "outcome";
  req.year = "incident";
  auto t = must_trend(req);
  std::map<std::pair<std::string, std::string>, long> want;
  for (const auto& tr : truths()) ++want[{std::to_string(tr.incident_year), tr.outcome}];
  long counted = 0;
  for (const auto& r : t.rows) {
    counted += r.total;
    for (size_t c = 0; c < t.columns.size(); ++c) CHECK(r.cells[c].count == want[{r.period, t.columns[c]}]);
  }
  CHECK(counted == static_cast<long>(truths().size()));  // every test report says when
  scr::TrendRequest bad = req;
  bad.year = "financial";
  CHECK(std::holds_alternative<scr::QueryError>(searcher().trends(bad)));
}

TEST_CASE("trends: pooled periods overlap, the range is zero-filled, small cells suppressed", "[trends]") {
  int y = truths().front().year;
  scr::TrendRequest req;
  req.dimension = "outcome";
  req.periods = scr::parse_periods(std::to_string(y - 3) + "-" + std::to_string(y) + "," + std::to_string(y) + "-" +
                                   std::to_string(y + 3));
  auto t = must_trend(req);
  long a = 0, b = 0;
  for (const auto& tr : truths()) {
    a += tr.year >= y - 3 && tr.year <= y;
    b += tr.year >= y && tr.year <= y + 3;
  }
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].total == a);
  CHECK(t.rows[1].total == b);  // a report of year y counts in both

  scr::TrendRequest all;
  all.dimension = "outcome";
  all.filters.year_from = 1990;
  all.filters.year_to = 2030;
  auto z = must_trend(all);
  CHECK(z.rows.size() == 41);
  CHECK(z.rows.front().total == 0);
  CHECK(z.rows.front().cells.size() == z.columns.size());

  all.suppress_below = 1000;  // everything non-zero is then suppressed
  auto s = must_trend(all);
  for (const auto& r : s.rows) {
    for (const auto& c : r.cells) CHECK((c.count == 0));
  }
  bool any = false;
  for (const auto& r : s.rows) {
    for (const auto& c : r.cells) any |= c.suppressed;
  }
  CHECK(any);
  CHECK_THAT(scr::trend_table_csv(s), Catch::Contains("suppressed"));
}

TEST_CASE("trends: the CSV export makes a board name that looks like a formula inert", "[trends]") {
  // Board names come from manifests and catalogues that anyone may have written.
  scr::TrendTable t = must_trend(scr::TrendRequest{});
  REQUIRE_FALSE(t.columns.empty());
  t.columns[0] = "=HYPERLINK(\"http://example.invalid\",\"x\")";
  auto rows = scr::parse_csv(scr::trend_table_csv(t), "trends.csv");
  CHECK(rows[0][2] == "'" + t.columns[0]);
  CHECK(rows[0][3] == "'" + t.columns[0] + " %");
}

TEST_CASE("trends: recommendations by agency equal the records' recommendations", "[trends]") {
  scr::TrendRequest req;
  req.unit = "recommendations";
  req.dimension = "agency";
  auto t = must_trend(req);
  std::map<std::pair<std::string, std::string>, long> want;
  std::map<std::string, long> totals;
  for (const auto& rec : records()) {
    std::string y = std::to_string(year_of(rec));
    for (const auto& r : rec["recommendations"]) {
      ++totals[y];
      for (const auto& a : r["agencies"]) ++want[{y, a.get<std::string>()}];
    }
  }
  for (const auto& r : t.rows) {
    CHECK(r.total == totals[r.period]);
    for (size_t c = 0; c < t.columns.size(); ++c) CHECK(r.cells[c].count == want[{r.period, t.columns[c]}]);
  }
  scr::TrendRequest bad;
  bad.dimension = "colour";
  CHECK(std::holds_alternative<scr::QueryError>(searcher().trends(bad)));
  CHECK_THROWS_AS(scr::parse_periods("2014-2011"), scr::Error);
  CHECK_THROWS_AS(scr::parse_periods("last year"), scr::Error);
}

TEST_CASE("coverage: exactly the boards the ground truth has no report for", "[trends]") {
  int from = 2010, to = 2015;
  std::set<std::string> published;
  for (const auto& tr : truths()) {
    if (tr.year >= from && tr.year <= to) published.insert(tr.board);
  }
  scr::CoverageRequest req;
  req.period = {from, to};
  auto c = searcher().coverage(req);
  auto boards = scr::BoardRegistry::load_default();
  CHECK(c.boards_considered == boards.boards().size());
  CHECK(c.with_reports == std::vector<std::string>(published.begin(), published.end()));
  CHECK(c.without.size() + c.with_reports.size() == c.boards_considered);
  for (const auto& b : c.without) CHECK_FALSE(published.count(b));
}

TEST_CASE("implementation status: imported rows become a facet and a trend column, bad rows are listed", "[trends]") {
  // A copy of the test index: the import writes to it.
  auto dir = fs::temp_directory_path() / ("scr-status-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(kIndex, dir, fs::copy_options::recursive);
  std::vector<const json*> with_recs;
  for (const auto& rec : records()) {
    bool any = false;
    for (const auto& r : rec["recommendations"]) any |= r["kind"] == "recommendation";
    if (any) with_recs.push_back(&rec);
  }
  REQUIRE(with_recs.size() >= 2);
  const json& a = *with_recs[0];
  const json& b = *with_recs[1];
  auto csv_path = dir / "status.csv";
  {
    std::ofstream out(csv_path);
    out << "Report ID,Board,Year,Pseudonym,Recommendation,Status,Date,Owner,Note\n"
        << a["id"].get<std::string>() << ",,,,R1,Done,2024-01-10,LSCB,\"audited, closed\"\n"
        << "," << b["meta"]["board"]["value"].get<std::string>() << "," << year_of(b) << ","
        << b["meta"]["pseudonym"]["value"].get<std::string>() << ",Recommendation 1,In progress,,,\n"
        << a["id"].get<std::string>() << ",,,,999,open,,,\n"
        << a["id"].get<std::string>() << ",,,,2,maybe,,,\n";
  }
  auto summary = scr::import_status(dir.string(), csv_path.string());
  CHECK(summary.rows == 4);
  CHECK(summary.applied == 2);
  REQUIRE(summary.problems.size() == 2);
  CHECK_THAT(summary.problems[0], Catch::Contains("row 4") && Catch::Contains("no recommendation 999"));
  CHECK_THAT(summary.problems[1], Catch::Contains("row 5") && Catch::Contains("'maybe'"));

  auto s = scr::Searcher::open(dir.string());
  scr::SearchRequest req;
  req.query = "type:recommendation implementation:done";
  auto r = std::get<scr::SearchResponse>(s->search(req));
  REQUIRE(r.total.value == 1);
  CHECK(r.hits[0].id == a["id"].get<std::string>() + "-r1");
  scr::TrendRequest tr;
  tr.unit = "recommendations";
  tr.dimension = "implementation";
  tr.periods = {{1990, 2100}};
  auto t = std::get<scr::TrendTable>(s->trends(tr));
  CHECK(t.columns == std::vector<std::string>{"open", "in-progress", "done", "not-accepted"});
  CHECK(t.rows[0].cells[1].count == 1);
  CHECK(t.rows[0].cells[2].count == 1);
  // The report's record, as the library gives it to scr-query and the HTTP API alike, carries each
  // recommendation's status (it lives on the recommendation's own document), and no internals.
  auto rec = s->report(a["id"].get<std::string>());
  REQUIRE(rec);
  json record = json::parse(rec->json);
  CHECK_FALSE(record.contains("page_starts"));
  std::map<std::string, std::string> statuses;
  for (const auto& item : record["recommendations"]) {
    if (item.contains("implementation")) statuses[item.value("number", "")] = item["implementation"].get<std::string>();
  }
  CHECK(statuses == std::map<std::string, std::string>{{"1", "done"}});
  s.reset();
  fs::remove_all(dir);
}

TEST_CASE("implementation status: a row that is not UTF-8 is a problem and the other rows land in one commit",
          "[trends]") {
  auto dir = fs::temp_directory_path() / ("scr-status-utf8-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(kIndex, dir, fs::copy_options::recursive);
  std::string id;
  for (const auto& rec : records()) {
    size_t n = 0;
    for (const auto& r : rec["recommendations"]) n += r["kind"] == "recommendation";
    if (n >= 2) id = rec["id"];
    if (!id.empty()) break;
  }
  REQUIRE_FALSE(id.empty());
  auto csv_path = dir / "status.csv";
  {
    std::ofstream out(csv_path, std::ios::binary);
    out << "Report ID,Recommendation,Status,Note\n"
        << id << ",1,Done,fine\n"
        << id << ",2,Done,caf\xE9 in Latin-1\n"  // a spreadsheet saved as Latin-1
        << id << ",2,In progress,second thoughts\n";
  }
  auto summary = scr::import_status(dir.string(), csv_path.string());
  CHECK(summary.rows == 3);
  CHECK(summary.applied == 2);
  REQUIRE(summary.problems.size() == 1);
  CHECK_THAT(summary.problems[0], Catch::Contains("row 3") && Catch::Contains("Note") && Catch::Contains("UTF-8"));
  auto s = scr::Searcher::open(dir.string());
  scr::SearchRequest req;
  req.query = "type:recommendation implementation:in-progress";
  auto r = std::get<scr::SearchResponse>(s->search(req));
  REQUIRE(r.total.value == 1);
  CHECK(r.hits[0].id == id + "-r2");
  s.reset();
  fs::remove_all(dir);
}

TEST_CASE("trends: oversized tables are refused with the limit, duplicate periods are one row", "[trends][limits]") {
  scr::TrendRequest req;
  req.dimension = "board";
  req.cross = "board";
  auto r = searcher().trends(req);
  REQUIRE(std::holds_alternative<scr::QueryError>(r));
  CHECK_THAT(std::get<scr::QueryError>(r).message, Catch::Contains("crossed with itself"));

  req.cross = "region";  // ~150 boards x 10 regions = 1,500 columns
  req.periods.clear();
  for (int y = 1900; y < 2100; ++y) req.periods.push_back({y, y});
  r = searcher().trends(req);
  REQUIRE(std::holds_alternative<scr::QueryError>(r));
  CHECK_THAT(std::get<scr::QueryError>(r).message, Catch::Contains("100000 cells"));

  scr::TrendRequest dup;
  dup.dimension = "region";
  for (int k = 0; k < 1500; ++k) dup.periods.push_back({2015, 2015});
  dup.periods.push_back({2016, 2017});
  auto t = must_trend(dup);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].period == "2015");
  CHECK(t.rows[1].period == "2016-2017");

  scr::TrendRequest many;
  many.filters.year_from = 1;
  many.filters.year_to = 100000;
  auto m = searcher().trends(many);
  REQUIRE(std::holds_alternative<scr::QueryError>(m));
  CHECK_THAT(std::get<scr::QueryError>(m).message, Catch::Contains("at most 300"));
}

TEST_CASE("trends and search: a query that is not UTF-8 is refused, never widened to everything", "[trends][limits]") {
  scr::SearchRequest s;
  s.query = "\xFF\xFE";
  auto r = searcher().search(s);
  REQUIRE(std::holds_alternative<scr::QueryError>(r));
  CHECK_THAT(std::get<scr::QueryError>(r).message, Catch::Contains("UTF-8"));
  s.query = "neglect \xC3";  // a cut-off two-byte sequence
  CHECK(std::holds_alternative<scr::QueryError>(searcher().search(s)));
  s.query = "Zo\xC3\xAB";  // valid: Zoë
  CHECK(std::holds_alternative<scr::SearchResponse>(searcher().search(s)));
  scr::TrendRequest t;
  t.query = "\xED\xA0\x80";  // an encoded surrogate
  CHECK(std::holds_alternative<scr::QueryError>(searcher().trends(t)));
}
