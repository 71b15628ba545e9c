// The theme tagger on tests/data/theme-challenge.tsv: sentences written for this project, in the
// ways reviews tell a theme (positives) and the ways they name one without stating it (questions,
// routine practice, negations, praise, another person's experience, definitions, statutory
// wording). Independent of the generator; per-class figures asserted and printed.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "scr/tagger.h"
#include "scr/taxonomy.h"

namespace {

struct Row {
  std::string theme, expect, cls, sentence;
};

std::vector<Row> challenge_rows(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::vector<Row> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    Row r;
    std::getline(ss, r.theme, '\t');
    std::getline(ss, r.expect, '\t');
    std::getline(ss, r.cls, '\t');
    std::getline(ss, r.sentence);
    rows.push_back(r);
  }
  return rows;
}

struct Scores {
  size_t rows = 0;
  std::map<std::string, int> total, right;
  double precision = 1, recall = 1;
};

// Each sentence tagged alone: right when the theme counts exactly where it should. Misses are
// printed with SCR_CHALLENGE_VERBOSE, for the tuning set only: a held-out miss seen is a miss
// tuned on.
Scores score(const std::string& path, const char* name, bool may_print_misses) {
  static const scr::Taxonomy tax = scr::Taxonomy::load_default();
  static const scr::ThemeTagger tagger(tax);
  const auto rows = challenge_rows(path);
  Scores s;
  s.rows = rows.size();
  int tp = 0, fp = 0, fn = 0;
  for (const auto& r : rows) {
    INFO(r.theme << " / " << r.cls << ": " << r.sentence);
    REQUIRE(tax.find(r.theme) != nullptr);
    bool counted = false;
    for (const auto& tag : tagger.tag_text(r.sentence)) counted = counted || (tag.id == r.theme && tag.mentions > 0);
    bool ok = counted == (r.expect == "count");
    ++s.total[r.cls];
    s.right[r.cls] += ok;
    if (r.expect == "count") (counted ? tp : fn)++;
    else fp += counted;
    if (!ok && may_print_misses && std::getenv("SCR_CHALLENGE_VERBOSE")) std::printf("MISS %s %s: %s\n", r.cls.c_str(), r.theme.c_str(), r.sentence.c_str());
  }
  s.precision = tp + fp ? double(tp) / (tp + fp) : 1;
  s.recall = tp + fn ? double(tp) / (tp + fn) : 1;
  std::printf("%s: %zu sentences; precision %.3f recall %.3f\n", name, rows.size(), s.precision, s.recall);
  for (const auto& [cls, n] : s.total) {
    std::printf("  %-12s %3d of %3d right (%.3f)\n", cls.c_str(), s.right[cls], n, double(s.right[cls]) / n);
  }
  return s;
}

}  // namespace

TEST_CASE("challenge: theme sentences written independently of the generator, per class", "[unit][tagger][challenge]") {
  Scores s = score(SCR_CHALLENGE_TSV, "challenge set", true);
  REQUIRE(s.rows >= 600);
  for (const auto& [cls, n] : s.total) {
    INFO("class " << cls);
    CHECK(n >= 40);
    CHECK(s.right[cls] >= 0.95 * n);
  }
  CHECK(s.precision >= 0.95);
  CHECK(s.recall >= 0.95);
}

// Written after the rules and never used to change them: the honest estimate. Its floors are
// set below the first measurement (docs/quality.md), so that a regression shows, not to be met by tuning.
TEST_CASE("challenge: held-out sentences, never tuned on", "[unit][tagger][challenge]") {
  Scores s = score(SCR_CHALLENGE_HOLDOUT_TSV, "held-out challenge set", false);
  REQUIRE(s.rows >= 100);
  CHECK(s.precision >= 0.70);  // first measurement 0.750
  CHECK(s.recall >= 0.45);     // first measurement 0.525; 0.500 after the generator-derived phrasings went
}

// A second held-out set, written on 2026-12-03 after that day's rules (the first set's misses had
// been seen once), run once and never used to change them. Floors below its first run.
TEST_CASE("challenge: second held-out set, never tuned on", "[unit][tagger][challenge]") {
  Scores s = score(SCR_CHALLENGE_HOLDOUT2_TSV, "second held-out set", false);
  REQUIRE(s.rows >= 45);
  CHECK(s.precision >= 0.40);  // first run 0.467 (docs/quality.md)
  CHECK(s.recall >= 0.25);     // first run 0.280
}

// A third held-out set, written on 2026-12-04 before that day's cue families, run once before
// them and once after, never used to change them. Floors below its first run.
TEST_CASE("challenge: third held-out set, never tuned on", "[unit][tagger][challenge]") {
  Scores s = score(SCR_CHALLENGE_HOLDOUT3_TSV, "third held-out set", false);
  REQUIRE(s.rows >= 60);
  CHECK(s.precision >= 0.55);  // first run 0.643 (docs/quality.md)
  CHECK(s.recall >= 0.20);     // first run 0.250
}

// A fourth held-out set, written on 2026-12-06 before that day's cue families (for the themes
// that had none), run once before them and once after, never used to change them. Floors below
// its first run.
TEST_CASE("challenge: fourth held-out set, never tuned on", "[unit][tagger][challenge]") {
  Scores s = score(SCR_CHALLENGE_HOLDOUT4_TSV, "fourth held-out set", false);
  REQUIRE(s.rows >= 56);
  CHECK(s.precision >= 0.70);  // first run 0.810 (docs/quality.md)
  CHECK(s.recall >= 0.40);     // first run 0.472
}

// A fifth held-out set, written on 2026-12-07 (second session) before any rule of that session:
// themes told through what happened, and each distractor class. Run once before any rule and once
// after, never used to change them. Floors below its first run.
TEST_CASE("challenge: fifth held-out set, never tuned on", "[unit][tagger][challenge]") {
  Scores s = score(SCR_CHALLENGE_HOLDOUT5_TSV, "fifth held-out set", false);
  REQUIRE(s.rows >= 52);
  CHECK(s.precision >= 0.90);  // first run 1.000 (docs/quality.md)
  CHECK(s.recall >= 0.65);     // first run 0.765
}

// A sixth held-out set, written on 2026-12-07 (fifth session) before any rule of that session: one
// or two positives for every theme, told through what happened, and each distractor class. Run
// once before any rule and once after, never used to change them. Floors below its first run.
TEST_CASE("challenge: sixth held-out set, never tuned on", "[unit][tagger][challenge]") {
  Scores s = score(SCR_CHALLENGE_HOLDOUT6_TSV, "sixth held-out set", false);
  REQUIRE(s.rows >= 60);
  CHECK(s.precision >= 0.80);  // first run 0.906 (docs/quality.md)
  CHECK(s.recall >= 0.55);     // first run 0.644
}

// A seventh held-out set, written on 2026-12-08 (sixth session) before any rule of that session:
// one positive for nearly every theme, told through what happened, and each distractor class.
// Run once before the session's rules and once after, never used to change them.
TEST_CASE("challenge: seventh held-out set, never tuned on", "[unit][tagger][challenge]") {
  Scores s = score(SCR_CHALLENGE_HOLDOUT7_TSV, "seventh held-out set", false);
  REQUIRE(s.rows >= 60);
  CHECK(s.precision >= 0.80);  // first run 0.895 (docs/quality.md)
  CHECK(s.recall >= 0.65);     // first run 0.756
}

// Report level: a text tagged as a whole report. One sentence where a cue family's sign meets its
// companion in ordinary life ("the father missed his dental check-up") must not give the report
// the theme; a theme told through what happened in two sentences must. Tuned on (misses printed
// with SCR_CHALLENGE_VERBOSE).
TEST_CASE("challenge: report level, a near miss alone gives no theme and a told theme holds", "[unit][tagger][challenge]") {
  static const scr::Taxonomy tax = scr::Taxonomy::load_default();
  static const scr::ThemeTagger tagger(tax);
  const auto rows = challenge_rows(SCR_REPORT_LEVEL_TSV);  // class: near-miss or told; the text may be several sentences
  int absent_total = 0, absent_right = 0, present_total = 0, present_right = 0;
  for (const auto& r : rows) {
    const std::string& text = r.sentence;
    REQUIRE(tax.find(r.theme) != nullptr);
    REQUIRE((r.expect == "absent" || r.expect == "present"));
    bool present = false;
    for (const auto& tag : tagger.tag_text(text)) present = present || (tag.id == r.theme && tag.present);
    bool ok = present == (r.expect == "present");
    (r.expect == "present" ? present_total : absent_total)++;
    (r.expect == "present" ? present_right : absent_right) += ok;
    if (!ok && std::getenv("SCR_CHALLENGE_VERBOSE")) std::printf("MISS %s %s: %s\n", r.expect.c_str(), r.theme.c_str(), text.c_str());
  }
  std::printf("report level: near misses absent %d of %d; told themes present %d of %d\n", absent_right, absent_total,
              present_right, present_total);
  REQUIRE(absent_total >= 40);
  REQUIRE(present_total >= 10);
  // Before cue families had weights (taxonomy 2026.12.06.2): 18 of 59 near misses absent and 13
  // of 14 told themes present; after (2026.12.07): 56 of 59 and 13 of 14. The told miss names its
  // subject with a pronoun ("She was seen by the crisis team"), which no family companion is.
  CHECK(absent_right >= 0.90 * absent_total);
  CHECK(present_right >= present_total - 1);
}
