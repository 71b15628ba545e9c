// Searches for recommendations (issue 11 §2): a query asking what was recommended to an agency is
// answered with reports ranked by their matching recommendations, each shown as a snippet, and
// every filter of the query holds on the reports. Counts are checked against the recommendation
// documents read straight from the index (their terms), not through any query.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "indexed_corpus.h"
#include "scr/schema.h"
#include "scr/search.h"

namespace sc = scr::schema;
using scr::testing::kIndex;
using scr::testing::searcher;

namespace {

struct StoredReport {
  std::set<std::string> terms;  // the report's own boolean terms
  std::vector<std::set<std::string>> recommendations;  // each recommendation's or finding's terms
  std::vector<std::string> labels;                     // "Recommendation 3", as a hit shows it
};

const std::map<std::string, StoredReport>& stored() {
  static const auto s = [] {
    std::map<std::string, StoredReport> out;
    Xapian::Database db((kIndex / "xapian").string());
    for (auto kind : {sc::kDocReport, sc::kDocRecommendation, sc::kDocFinding}) {
      std::string type = sc::make_term(sc::kPrefixDocType, kind);
      for (auto it = db.postlist_begin(type); it != db.postlist_end(type); ++it) {
        Xapian::Document doc = db.get_document(*it);
        std::set<std::string> terms(doc.termlist_begin(), doc.termlist_end());
        auto rec = nlohmann::json::parse(doc.get_data());
        if (kind == sc::kDocReport) {
          out[rec.at("id").get<std::string>()].terms = terms;
        } else {
          auto& r = out[rec.at("report").get<std::string>()];
          r.recommendations.push_back(terms);
          r.labels.push_back(std::string(kind == sc::kDocFinding ? "Finding " : "Recommendation ") +
                             rec.at("number").get<std::string>());
        }
      }
    }
    return out;
  }();
  return s;
}

// The reports with a recommendation addressed to `agency` or naming it by `word` (its stem), and
// with every one of `report_terms`.
std::set<std::string> brute_force(const std::string& agency, const std::string& word,
                                  const std::vector<std::string>& report_terms) {
  const std::string addressed = sc::make_term(sc::kPrefixAgency, agency);
  const std::string stem = "Z" + Xapian::Stem("en")(word);
  std::set<std::string> out;
  for (const auto& [id, r] : stored()) {
    bool filters = true;
    for (const auto& t : report_terms) filters = filters && r.terms.count(t);
    bool any = false;
    for (const auto& terms : r.recommendations) any = any || terms.count(addressed) || terms.count(stem) || terms.count(word);
    if (filters && any) out.insert(id);
  }
  return out;
}

scr::SearchResponse must_search(const scr::SearchRequest& rq) {
  auto result = searcher().search(rq);
  if (auto* e = std::get_if<scr::QueryError>(&result)) FAIL(e->message);
  return std::get<scr::SearchResponse>(result);
}

std::set<std::string> every_hit(scr::SearchRequest rq) {
  std::set<std::string> ids;
  rq.limit = 100;
  rq.snippets = false;
  for (rq.offset = 0;; rq.offset += rq.limit) {
    auto r = must_search(rq);
    for (const auto& h : r.hits) ids.insert(h.id);
    if (r.hits.size() < rq.limit) break;
  }
  return ids;
}

}  // namespace

TEST_CASE("recommendation search: reports with recommendations to the agency, shown as snippets", "[query][recommendations]") {
  scr::SearchRequest rq;
  rq.query = "what was recommended to the police";
  rq.limit = 100;
  rq.snippets_per_hit = 5;
  auto r = must_search(rq);
  CHECK(r.interpreted_as.kind == "recommendations");
  CHECK(r.interpreted_as.agencies == std::vector<std::string>{"police"});
  auto expected = brute_force("police", "police", {sc::make_term(sc::kPrefixDocType, sc::kDocReport)});
  REQUIRE(expected.size() >= 3);  // the corpus must make this test mean something
  CHECK(r.total.exact);
  CHECK(r.total.value == expected.size());
  CHECK(every_hit(rq) == expected);
  for (const auto& h : r.hits) {
    INFO(h.id);
    CHECK(h.doc_type == "report");
    REQUIRE_FALSE(h.snippets.empty());
    for (const auto& s : h.snippets) {
      // Each snippet is one of this report's recommendations, by its label, on a real page.
      const auto& labels = stored().at(h.id).labels;
      CHECK(std::find(labels.begin(), labels.end(), s.label) != labels.end());
      CHECK(s.page >= 1);
      CHECK(s.page <= h.pages);
    }
  }
  // Ranked by matching recommendations: a report with more of them is not below one with fewer
  // and the same best weight is not asserted (weights differ); the first hit has the best score.
  for (size_t k = 1; k < r.hits.size(); ++k) CHECK(r.hits[k - 1].score >= r.hits[k].score);
}

TEST_CASE("recommendation search: every filter of the query holds on the reports", "[query][recommendations]") {
  // Each region and theme present in the index, as the query string writes it.
  std::set<std::string> regions, themes;
  for (const auto& [id, r] : stored()) {
    for (const auto& t : r.terms) {
      if (t.starts_with(sc::kPrefixRegion)) regions.insert(t.substr(sc::kPrefixRegion.size()));
      if (t.starts_with(sc::kPrefixTheme)) themes.insert(t.substr(sc::kPrefixTheme.size()));
    }
  }
  REQUIRE(regions.size() >= 3);
  size_t nonempty = 0;
  for (const auto& region : regions) {
    for (const std::string& theme : {std::string("neglect"), std::string("domestic-abuse"), *themes.begin()}) {
      for (bool in_string : {true, false}) {
        scr::SearchRequest rq;
        rq.query = "recommendations for police";
        if (in_string) {
          rq.query += " region:" + region + " theme:" + theme;
        } else {
          rq.filters.of("region") = {region};
          rq.filters.of("theme") = {theme};
        }
        INFO(rq.query << " regions=" << region << " theme=" << theme);
        auto expected = brute_force("police", "police",
                                    {sc::make_term(sc::kPrefixRegion, region), sc::make_term(sc::kPrefixTheme, theme)});
        nonempty += !expected.empty();
        if (expected.empty()) {
          // No report of this region and theme has a recommendation to the police: either none
          // comes back, or no recommendation to the police matched the region at all and the
          // search fell back to the words as written (its note says so). The filters hold on every
          // report it returns either way.
          auto r = must_search(rq);
          if (r.interpreted_as.kind == "recommendations") {
            CHECK(r.hits.empty());
          } else {
            REQUIRE_FALSE(r.notes.empty());
            CHECK(r.notes.front().rfind("No recommendation or finding matched", 0) == 0);
          }
          for (const auto& id : every_hit(rq)) {
            const auto& terms = stored().at(id).terms;
            CHECK(terms.count(sc::make_term(sc::kPrefixRegion, region)));
            CHECK(terms.count(sc::make_term(sc::kPrefixTheme, theme)));
          }
          continue;
        }
        CHECK(every_hit(rq) == expected);
        CHECK(must_search(rq).total.value == expected.size());
      }
    }
  }
  CHECK(nonempty >= 2);
}

TEST_CASE("recommendation search: literal searches the words as written", "[query][recommendations]") {
  scr::SearchRequest rq;
  rq.query = "recommendations to the police";
  rq.literal = true;
  auto r = must_search(rq);
  CHECK(r.interpreted_as.kind == "reports");
  for (const auto& h : r.hits) {
    for (const auto& s : h.snippets) CHECK(s.label.empty());
  }
  // type:recommendation still lists the recommendations themselves.
  rq.literal = false;
  rq.query = "type:recommendation police";
  r = must_search(rq);
  CHECK(r.interpreted_as.kind == "reports");
  REQUIRE_FALSE(r.hits.empty());
  for (const auto& h : r.hits) CHECK(h.doc_type == "recommendation");
}

TEST_CASE("recommendation search: no matching recommendation falls back to the words", "[query][recommendations]") {
  scr::SearchRequest rq;
  rq.query = "recommendations about zzqqxunmatched";
  auto r = must_search(rq);
  CHECK(r.interpreted_as.kind == "reports");
  REQUIRE_FALSE(r.notes.empty());
  CHECK_THAT(r.notes.front(), Catch::StartsWith("No recommendation or finding matched"));
}
