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

std::vector<Row> challenge_rows() {
  std::ifstream in(SCR_CHALLENGE_TSV);
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

}  // namespace

TEST_CASE("challenge: theme sentences written independently of the generator, per class", "[unit][tagger][challenge]") {
  const scr::Taxonomy tax = scr::Taxonomy::load_default();
  const scr::ThemeTagger tagger(tax);
  const auto rows = challenge_rows();
  REQUIRE(rows.size() >= 600);
  std::map<std::string, int> total, right;
  int tp = 0, fp = 0, fn = 0;
  for (const auto& r : rows) {
    INFO(r.theme << " / " << r.cls << ": " << r.sentence);
    REQUIRE(tax.find(r.theme) != nullptr);
    bool counted = false;
    for (const auto& tag : tagger.tag_text(r.sentence)) counted = counted || (tag.id == r.theme && tag.mentions > 0);
    bool ok = counted == (r.expect == "count");
    ++total[r.cls];
    right[r.cls] += ok;
    if (r.expect == "count") (counted ? tp : fn)++;
    else fp += counted;
    if (!ok && std::getenv("SCR_CHALLENGE_VERBOSE")) std::printf("MISS %s %s: %s\n", r.cls.c_str(), r.theme.c_str(), r.sentence.c_str());
  }
  double precision = tp + fp ? double(tp) / (tp + fp) : 1, recall = tp + fn ? double(tp) / (tp + fn) : 1;
  std::printf("challenge set: %zu sentences; precision %.3f recall %.3f\n", rows.size(), precision, recall);
  for (const auto& [cls, n] : total) {
    std::printf("  %-12s %3d of %3d right (%.3f)\n", cls.c_str(), right[cls], n, double(right[cls]) / n);
  }
  for (const auto& [cls, n] : total) {
    INFO("class " << cls);
    CHECK(n >= 40);
    CHECK(right[cls] >= 0.95 * n);
  }
  CHECK(precision >= 0.95);
  CHECK(recall >= 0.95);
}
