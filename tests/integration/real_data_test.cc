// Theme tagging and list extraction on real public documents of a related kind: coroners'
// Prevention of Future Deaths reports (../shared/real-corpus, see its SOURCES.md). Skipped, with a
// message, when that folder is not beside the project. The theme labels there were made by a
// language model ("silver"), so agreement is printed as a figure to track (docs/quality.md); the
// assertions only check what is certain: all 78 reports are about a child's suicide.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <array>

#include <unistd.h>

#include <cstdlib>
#include <functional>

#include "recommendations.h"
#include "scr/boards.h"
#include "scr/schema.h"
#include "scr/search.h"
#include "scr/trends.h"
#include "scr/agencies.h"
#include "scr/csv.h"
#include "scr/tagger.h"
#include "scr/text.h"

namespace {

const std::string kReal = SCR_REAL_CORPUS;

std::map<std::string, size_t> header_index(const scr::CsvRow& header) {
  std::map<std::string, size_t> m;
  for (size_t i = 0; i < header.size(); ++i) m[header[i]] = i;
  return m;
}

const scr::ThemeTagger& tagger() {
  static const scr::Taxonomy t = scr::Taxonomy::load_default();
  static const scr::ThemeTagger tg(t);
  return tg;
}

}  // namespace

TEST_CASE("real data: themes of 78 child-suicide PFD reports against PFD-toolkit's silver labels", "[real]") {
  std::string path = kReal + "/PFD-toolkit/data/child_suicide_tagged.csv";
  if (!std::filesystem::exists(path)) {
    WARN("[test skipped] " << path << " not found (the real corpus is not beside the project)");
    return;
  }
  auto rows = scr::read_csv_file(path);
  REQUIRE(rows.size() == 79);
  auto col = header_index(rows[0]);
  // Their theme -> ours. Only themes that mean the same thing are compared.
  const std::vector<std::pair<std::string, std::string>> mapping = {
      {"comm_between_services", "information-sharing"}, {"sp_risk_assessment", "risk-assessment"},
      {"ahce_internet", "online-abuse"},                {"sr_inadequate_staffing", "supervision-workload"},
      {"as_patient_engagement", "disguised-compliance"}, {"msic_integration_care", "multi-agency-working"}};
  std::map<std::string, std::array<int, 4>> cells;  // both, ours only, theirs only, neither
  int suicide = 0;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    std::string text = row[col.at("investigation")] + "\n" + row[col.at("circumstances")] + "\n" + row[col.at("concerns")];
    auto cleaned = scr::clean_pages({text});
    std::set<std::string> ours;
    double suicide_score = 0;
    for (const auto& t : tagger().tag_pages(cleaned.pages)) {
      if (t.present) ours.insert(t.id);
      if (std::getenv("SCR_REAL_VERBOSE") && (t.id == "risk-assessment" || t.id == "information-sharing")) {
        std::printf("  tag %s %s: score %.1f mentions %d cancelled %d\n", row[col.at("id")].c_str(), t.id.c_str(), t.score,
                    t.mentions, t.cancelled);
        for (const auto& e : t.evidence) std::printf("    counted: %s\n", e.sentence.substr(0, 200).c_str());
      }
      if (std::getenv("SCR_REAL_VERBOSE")) {
        for (const auto& c : t.cancelled_evidence) {
          std::printf("  cancelled %s (%s) %s: %s\n", t.id.c_str(), c.reason.c_str(), row[col.at("id")].c_str(),
                      c.sentence.substr(0, 160).c_str());
        }
      }
      if (t.id == "suicide-self-harm") suicide_score = t.score;
    }
    suicide += ours.count("suicide-self-harm") > 0;
    if (!ours.count("suicide-self-harm")) std::printf("  not tagged suicide-self-harm: %s (score %.1f)\n", row[col.at("id")].c_str(), suicide_score);
    for (const auto& [theirs, mine] : mapping) {
      bool a = ours.count(mine) > 0, b = row[col.at(theirs)] == "True";
      cells[theirs][a && b ? 0 : a ? 1 : b ? 2 : 3]++;
    }
  }
  std::printf("%-26s %-22s %5s %5s %6s %7s %6s\n", "PFD-toolkit theme", "scr theme", "both", "ours", "theirs",
              "agree", "kappa");
  for (const auto& [theirs, mine] : mapping) {
    auto c = cells[theirs];
    double n = c[0] + c[1] + c[2] + c[3];
    double agree = (c[0] + c[3]) / n;
    double p_ours = (c[0] + c[1]) / n, p_theirs = (c[0] + c[2]) / n;
    double chance = p_ours * p_theirs + (1 - p_ours) * (1 - p_theirs);
    double kappa = chance < 1 ? (agree - chance) / (1 - chance) : 1;
    std::printf("%-26s %-22s %5d %5d %6d %6.0f%% %6.2f\n", theirs.c_str(), mine.c_str(), c[0], c[1], c[2], 100 * agree, kappa);
    // The agreement measured before the tagger learnt sentence and section roles (docs/quality.md):
    // a change to the taxonomy or the rules must not lose it.
    static const std::map<std::string, double> floor = {
        {"comm_between_services", 0.545}, {"sp_risk_assessment", 0.475}, {"ahce_internet", 0.385},
        {"sr_inadequate_staffing", 0.585}, {"as_patient_engagement", 0.305}, {"msic_integration_care", 0.345}};
    INFO(theirs << " kappa " << kappa);
    CHECK(kappa >= floor.at(theirs));
  }
  std::printf("suicide-self-harm tagged in %d of %zu child-suicide reports\n", suicide, rows.size() - 1);
  CHECK(suicide * 10 >= static_cast<int>(rows.size() - 1) * 9);
}

TEST_CASE("real data: numbered matters of concern in PFD reports, found against their numbering", "[real]") {
  std::string path = kReal + "/preventable-deaths-scraper/src/data/reports-corrected.csv";
  if (!std::filesystem::exists(path)) {
    WARN("[test skipped] " << path << " not found (the real corpus is not beside the project)");
    return;
  }
  static const scr::AgencyVocabulary agencies = scr::AgencyVocabulary::load_default();
  auto rows = scr::read_csv_file(path);
  auto col = header_index(rows[0]);
  // The numbering as printed: the longest run 1, 2, 3, ... of labels opening a line.
  // (U+00A0, a no-break space, is the two bytes C2 A0: matched as either byte.)
  static const std::regex label("(?:^|\n)[ \t\xc2\xa0]*\\(?(\\d{1,2})[.)][ \t\xc2\xa0]");
  int reports = 0, exact = 0, total_want = 0, total_got = 0;
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::string& concerns = rows[r][col.at("concerns")];
    int expected = 1;
    for (std::sregex_iterator it(concerns.begin(), concerns.end(), label), end; it != end; ++it) {
      if (std::stoi((*it)[1].str()) == expected) ++expected;
    }
    int want = expected - 1;
    if (want < 2) continue;
    ++reports;
    auto cleaned = scr::clean_pages({concerns});
    auto items = scr::find_numbered_items(cleaned.pages, agencies, tagger());
    int got = static_cast<int>(items.size());
    exact += got == want;
    total_want += want;
    total_got += std::min(got, want);
  }
  std::printf("matters of concern: %d reports numbered 1..n (n >= 2); item count exact in %d (%.0f%%); "
              "%d of %d items found\n",
              reports, exact, 100.0 * exact / std::max(1, reports), total_got, total_want);
  REQUIRE(reports > 50);
  CHECK(exact * 10 >= reports * 8);
}

TEST_CASE("real data: 4,974 PFD reports as catalogue records reproduce the published count tables", "[real]") {
  const std::string base = kReal + "/preventable-deaths-scraper/src";
  const std::string csv = base + "/data/reports-corrected.csv";
  if (!std::filesystem::exists(csv)) {
    WARN("[test skipped] " << csv << " not found (the real corpus is not beside the project)");
    return;
  }
  // Index the catalogue alone (no PDFs) with the project's mapping file, as a maintainer would.
  auto dir = std::filesystem::temp_directory_path() / ("scr-pfd-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "empty");
  std::string cmd = std::string("'") + SCR_INDEX_BIN + "' --quiet --index '" + (dir / "idx").string() + "' --manifest '" +
                    csv + "' --manifest-map '" + SCR_PROJECT_DIR + "/data/mappings/pfd-reports.json' '" +
                    (dir / "empty").string() + "' 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  auto searcher = scr::Searcher::open((dir / "idx").string());
  auto boards = scr::BoardRegistry::load_default();

  // Published table (year, then one column per value) against the trend table of `dimension`;
  // `column_of` maps a published column name to the index's column value.
  auto compare = [&](const std::string& published, const std::string& dimension,
                     const std::function<std::string(const std::string&)>& column_of) {
    auto rows = scr::read_csv_file(published);
    scr::TrendRequest req;
    req.dimension = dimension;
    auto result = searcher->trends(req);
    REQUIRE(std::holds_alternative<scr::TrendTable>(result));
    const auto& t = std::get<scr::TrendTable>(result);
    std::map<std::pair<std::string, std::string>, long> got;
    for (const auto& r : t.rows) {
      for (size_t c = 0; c < t.columns.size(); ++c) got[{r.period, t.columns[c]}] = r.cells[c].count;
    }
    int cells = 0, mismatches = 0;
    for (size_t r = 1; r < rows.size(); ++r) {
      for (size_t c = 1; c < rows[0].size(); ++c) {
        ++cells;
        long want = std::stol(rows[r][c]);
        long have = got[{rows[r][0], column_of(rows[0][c])}];
        if (want != have) {
          ++mismatches;
          UNSCOPED_INFO(rows[r][0] << " " << rows[0][c] << ": published " << want << ", counted " << have);
        }
      }
    }
    std::printf("%s: %d cells, %d mismatches\n", published.substr(published.rfind('/') + 1).c_str(), cells, mismatches);
    return std::make_pair(cells, mismatches);
  };
  auto [category_cells, category_bad] = compare(base + "/analyse/counts/data/category/category-years.csv", "keyword",
                                                [](const std::string& c) { return scr::schema::term_value(c); });
  CHECK(category_cells == 228);
  CHECK(category_bad == 0);
  auto [area_cells, area_bad] = compare(base + "/analyse/counts/data/area/area-years.csv", "board", [&](const std::string& c) {
    const scr::Board* b = boards.find(c);  // as the manifest reader does: a known board by its name
    return scr::schema::term_value(b ? b->name : scr::normalise_one_line(c));
  });
  CHECK(area_cells == 996);
  CHECK(area_bad == 0);
  std::filesystem::remove_all(dir);
}
