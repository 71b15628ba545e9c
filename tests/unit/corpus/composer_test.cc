#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "composer.h"
#include "corpus_writer.h"
#include "scr/error.h"
#include "theme_bank.h"

using namespace scr::corpus;

namespace {
const scr::BoardRegistry& boards() {
  static const scr::BoardRegistry reg = scr::BoardRegistry::load_default();
  return reg;
}
}  // namespace

TEST_CASE("composer: the same seed and index give the same report", "[corpus]") {
  auto a = compose_report(11, 3, 20, boards());
  auto b = compose_report(11, 3, 20, boards());
  CHECK(truth_json_line(a.truth) == truth_json_line(b.truth));
  REQUIRE(a.document.blocks.size() == b.document.blocks.size());
  for (size_t i = 0; i < a.document.blocks.size(); ++i) CHECK(a.document.blocks[i].text == b.document.blocks[i].text);
  auto c = compose_report(12, 3, 20, boards());
  CHECK(truth_json_line(a.truth) != truth_json_line(c.truth));
}

TEST_CASE("composer: metadata is consistent with itself over many reports", "[corpus]") {
  std::set<std::string> styles, types, covers, rec_styles, bands;
  std::set<std::string> theme_ids;
  for (const auto& t : theme_bank()) theme_ids.insert(t.id);
  CHECK(theme_ids.size() >= 25);
  for (int i = 0; i < 150; ++i) {
    auto r = compose_report(5, i, 12, boards());
    const auto& t = r.truth;
    INFO("report " << t.id);
    CHECK(t.review_type == (t.year < 2019 ? "SCR" : "CSPR"));
    CHECK(t.year >= 2005);
    CHECK(t.year <= 2025);
    CHECK(boards().find(t.board) != nullptr);
    CHECK(boards().find(t.board)->region == t.region);
    CHECK(boards().find(t.board_as_written)->name == t.board);  // the written name resolves back
    CHECK(t.themes.size() >= 3);
    for (const auto& n : t.negated_themes) {
      CHECK(std::find(t.themes.begin(), t.themes.end(), n) == t.themes.end());
      CHECK(theme_ids.count(n));
    }
    for (const auto& th : t.themes) CHECK(t.theme_mentions.at(th) >= 1);
    if (t.features.at("findings_style") == "scie") {
      CHECK(t.recommendations.empty());
      CHECK(t.findings.size() >= 3);
    } else {
      CHECK(t.recommendations.size() >= 3);
      CHECK(t.recommendations.size() <= 60);
      for (size_t k = 0; k < t.recommendations.size(); ++k) {
        CHECK(t.recommendations[k].number == std::to_string(k + 1));
        CHECK_FALSE(t.recommendations[k].agencies.empty());
      }
    }
    int years = t.child_age_months / 12;
    if (t.age_band == "<1") CHECK(t.child_age_months < 12);
    if (t.age_band == "16-17") CHECK(years >= 16);
    if (t.pseudonym_style == "baby") CHECK(t.child_age_months < 12);
    CHECK(t.file.ends_with(".pdf"));
    styles.insert(t.pseudonym_style);
    types.insert(t.review_type);
    covers.insert(t.features.at("cover"));
    rec_styles.insert(t.features.at("recommendation_style"));
    bands.insert(t.age_band);
  }
  // Every style the generator promises shows up in a corpus of this size.
  CHECK(styles == std::set<std::string>{"baby", "child-letter", "child-letters", "family", "first-name", "young-person"});
  CHECK(types == std::set<std::string>{"CSPR", "SCR"});
  CHECK(covers == std::set<std::string>{"board", "deposit"});
  CHECK(rec_styles == std::set<std::string>{"colon", "dot", "none", "paren", "r", "table"});
  CHECK(bands.size() == 5);
}

TEST_CASE("composer: file names follow the repository styles", "[corpus]") {
  std::regex repo_style(R"(^\d{4}[A-Za-z]+(SCR|CSPR)(-\d+)?\.pdf$)");
  std::regex folder_style(R"(^[^/]+/\d{4}-[a-z0-9]+-overview-report\.pdf$)");
  std::regex slug_style(R"(^[a-z]+-(scr|cspr)-[a-z0-9]+-\d{4}\.pdf$)");
  int matched = 0;
  for (int i = 0; i < 60; ++i) {
    std::string f = planned_file_name(9, i, boards());
    CHECK(f == compose_report(9, i, 12, boards()).truth.file);
    if (std::regex_match(f, repo_style) || std::regex_match(f, folder_style) || std::regex_match(f, slug_style)) ++matched;
    else INFO("unmatched " << f);
  }
  CHECK(matched == 60);
}

TEST_CASE("composer: page-length targets follow the settings", "[corpus]") {
  PageLengths l{10, 30, 120};
  int below = 0;
  for (int i = 0; i < 400; ++i) {
    int p = draw_target_pages(3, i, l);
    CHECK(p >= 10);
    CHECK(p <= 120);
    if (p < 30) ++below;
  }
  CHECK(below > 150);  // about half below the median
  CHECK(below < 250);
}

TEST_CASE("truth: a JSON line reads back to the same record", "[corpus]") {
  auto r = compose_report(2, 1, 12, boards());
  r.truth.pages = 17;
  auto back = parse_truth_line(truth_json_line(r.truth));
  CHECK(truth_json_line(back) == truth_json_line(r.truth));
  CHECK_THROWS_AS(parse_truth_line("{\"id\": 3}"), scr::DataFileError);
  CHECK_THROWS_AS(parse_truth_line("not json"), scr::DataFileError);
}
