// The generated corpus is what every later test and benchmark stands on: check that it is what its
// ground truth says, as poppler (the indexer's reader) sees it.
#include <catch2/catch.hpp>
#include <cctype>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "corpus_writer.h"
#include "scr/csv.h"
#include "scr/extract.h"
#include "scr/text.h"

namespace fs = std::filesystem;
using scr::corpus::ReportTruth;

namespace {

// The corpus the ctest fixture made; SCR_TEST_CORPUS in the environment points the same checks at
// another one (a larger corpus or another seed, when changing the generator).
const fs::path kCorpus = std::getenv("SCR_TEST_CORPUS") ? std::getenv("SCR_TEST_CORPUS") : SCR_TEST_CORPUS;

const std::vector<ReportTruth>& truths() {
  static const auto t = scr::corpus::read_truth_file((kCorpus / "truth.jsonl").string());
  return t;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string w;
  for (unsigned char ch : scr::normalise_chars(text)) {
    if (std::isalnum(ch) || ch >= 0x80) {
      w += static_cast<char>(std::tolower(ch));
    } else if (ch != '-' && ch != '\'' && !w.empty()) {  // hyphens and apostrophes join, as alnum_key does
      words.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  return words;
}

// True when `needle`'s words occur in `hay` in order, with at most `max_gap` other words between
// neighbours: how a table cell's text reads after extraction, where lines of the cells beside it
// are interleaved with its own.
bool ordered_words_within(const std::vector<std::string>& hay, const std::vector<std::string>& needle, size_t max_gap) {
  if (needle.empty()) return true;
  for (size_t start = 0; start < hay.size(); ++start) {
    if (hay[start] != needle[0]) continue;
    size_t pos = start, k = 1;
    for (; k < needle.size(); ++k) {
      size_t limit = std::min(hay.size(), pos + 2 + max_gap);
      size_t next = pos + 1;
      while (next < limit && hay[next] != needle[k]) ++next;
      if (next >= limit) break;
      pos = next;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

struct Extracted {
  scr::ExtractResult raw;
  scr::CleanedText clean;
  std::string all_key;  // alnum_key of the whole cleaned text
  std::vector<std::string> all_words;
};

const Extracted& extracted(const ReportTruth& t) {
  static std::map<std::string, Extracted> cache;
  auto it = cache.find(t.id);
  if (it != cache.end()) return it->second;
  Extracted e;
  e.raw = scr::extract_pdf((kCorpus / "pdfs" / t.file).string());
  e.clean = scr::clean_pages(e.raw.pages);
  std::string all;
  for (const auto& p : e.clean.pages) all += p + "\n";
  e.all_key = scr::alnum_key(all);
  e.all_words = words_of(all);
  return cache.emplace(t.id, std::move(e)).first->second;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("generated corpus: every PDF opens with poppler and has the page count the truth says", "[corpus][pdf]") {
  REQUIRE(truths().size() >= 12);
  for (const auto& t : truths()) {
    INFO(t.file);
    const auto& e = extracted(t);
    CHECK(e.raw.status == scr::ExtractStatus::kOk);
    CHECK(e.raw.page_count == t.pages);
    CHECK(t.pages >= 10);
  }
}

TEST_CASE("generated corpus: each recommendation's text is recoverable from the PDF text", "[corpus][pdf]") {
  int checked = 0;
  for (const auto& t : truths()) {
    const auto& e = extracted(t);
    for (const auto& r : t.recommendations) {
      const std::string style = t.features.at("recommendation_style");
      INFO(t.file << " recommendation " << r.number << " (" << style << "): " << r.text);
      if (style == "table") {
        // Poppler reads a table row line by line across its cells, so a cell's text comes back
        // in order but with the neighbouring cells' lines between its own.
        CHECK(ordered_words_within(e.all_words, words_of(r.text), 8));
      } else {
        CHECK(e.all_key.find(scr::alnum_key(r.text)) != std::string::npos);
      }
      ++checked;
    }
    for (const auto& f : t.findings) {
      INFO(t.file << " finding " << f.number);
      CHECK(e.all_key.find(scr::alnum_key(f.title)) != std::string::npos);
      for (const auto& q : f.questions) CHECK(e.all_key.find(scr::alnum_key(q)) != std::string::npos);
    }
  }
  CHECK(checked > 0);
}

TEST_CASE("generated corpus: section headings stand on the pages the truth gives", "[corpus][pdf]") {
  for (const auto& t : truths()) {
    const auto& e = extracted(t);
    for (const auto& [key, page] : t.section_pages) {
      INFO(t.file << " section " << key << " page " << page);
      REQUIRE(page >= 3);
      REQUIRE(page <= t.pages);
      CHECK_FALSE(e.clean.pages[static_cast<size_t>(page - 1)].empty());
    }
    CHECK(t.section_pages.count("introduction"));
    CHECK(t.section_pages.count("glossary"));
  }
}

TEST_CASE("generated corpus: cover, running header and footer carry the metadata", "[corpus][pdf]") {
  for (const auto& t : truths()) {
    INFO(t.file);
    const auto& e = extracted(t);
    std::string cover = scr::normalise_one_line(e.raw.pages.at(0));  // line breaks as spaces
    CHECK_THAT(cover, Catch::Contains(scr::normalise_one_line(t.board_as_written)));
    if (t.features.at("cover") == "deposit") {
      CHECK_THAT(cover, Catch::Contains("Title:") && Catch::Contains("LSCB:") && Catch::Contains("Date of publication:"));
    }
    // The footer is on every page after the cover, and the cleaner takes it away again.
    CHECK_THAT(scr::normalise_chars(e.raw.pages.at(2)), Catch::Contains("Page 3 of " + std::to_string(t.pages)));
    CHECK_THAT(e.clean.pages.at(2), !Catch::Contains("Page 3 of"));
    CHECK_FALSE(e.clean.furniture.empty());
  }
}

TEST_CASE("generated corpus: layout features the truth records are present in the text", "[corpus][pdf]") {
  int ligature_reports = 0, numbered = 0;
  for (const auto& t : truths()) {
    const auto& e = extracted(t);
    std::string raw;
    for (const auto& p : e.raw.pages) raw += p;
    if (t.features.at("ligature_code_points") == "yes") {
      INFO(t.file);
      CHECK(raw.find("\uFB01") != std::string::npos);  // the extractor sees U+FB01; the cleaner removes it
      std::string clean;
      for (const auto& p : e.clean.pages) clean += p;
      CHECK(clean.find("\uFB01") == std::string::npos);
      ++ligature_reports;
    }
    if (t.features.at("numbered_paragraphs") == "yes") ++numbered;
  }
  CHECK(ligature_reports + numbered > 0);
}

TEST_CASE("generated corpus: the manifest lists every report with the truth's fields", "[corpus]") {
  auto rows = scr::read_csv_file((kCorpus / "manifest.csv").string());
  REQUIRE(rows.size() == truths().size() + 1);
  CHECK(rows[0][0] == "id");
  for (size_t i = 0; i < truths().size(); ++i) {
    const auto& t = truths()[i];
    CHECK(rows[i + 1][0] == t.id);
    CHECK(rows[i + 1][1] == t.file);
    CHECK(rows[i + 1][3] == t.board);
    CHECK(rows[i + 1][5] == std::to_string(t.year));
  }
}

TEST_CASE("generated corpus: the bad inputs are bad in the way the list says", "[corpus][bad]") {
  auto rows = scr::read_csv_file((kCorpus / "bad-expected.csv").string());
  REQUIRE(rows.size() == 10);  // header + 9
  scr::ExtractOptions opt;
  opt.max_pages = 50;  // the test corpus's oversized report has 60 pages
  std::map<std::string, int> expected_count;
  for (size_t i = 1; i < rows.size(); ++i) {
    const std::string& file = rows[i][0];
    const std::string& expected = rows[i][1];
    int pages = std::stoi(rows[i][3]);
    ++expected_count[expected];
    INFO(file << " expected " << expected << " (" << rows[i][2] << ")");
    auto r = scr::extract_pdf((kCorpus / "pdfs" / file).string(), opt);
    INFO("got " << scr::status_name(r.status) << ": " << r.reason);
    if (expected == "ocr") {
      // Tesseract reads the pictures of text: the pages come back with words on them.
      CHECK(r.status == scr::ExtractStatus::kOcr);
      CHECK(r.page_count == pages);
      CHECK(static_cast<int>(r.ocr_pages.size()) == pages);
      std::string all;
      for (const auto& p : r.pages) all += p;
      CHECK_THAT(scr::normalise_one_line(all), Catch::Contains("Safeguarding") && Catch::Contains("Page 2 of"));
    } else {
      CHECK(scr::status_name(r.status) == expected);
    }
    if (expected == "ok" || expected == "partial") CHECK(r.page_count == pages);
    if (expected != "ok") CHECK_FALSE(r.reason.empty());
  }
  CHECK(expected_count == std::map<std::string, int>{{"corrupt", 2}, {"encrypted", 1}, {"not-pdf", 2}, {"ocr", 1},
                                                     {"ok", 2}, {"partial", 1}});
}

TEST_CASE("generated corpus: the same seed gives byte-identical files, whatever the number of jobs", "[corpus][determinism]") {
  fs::path again = fs::temp_directory_path() / ("scr-corpus-again-" + std::to_string(::getpid()));
  fs::remove_all(again);
  std::string cmd = std::string("\"") + SCR_CORPUS_BIN + "\" --out \"" + again.string() +
                    "\" --reports 30 --seed 7 --bad --huge-pages 60 --min-pages 10 --median-pages 14 --max-pages 30 "
                    "--jobs 1 --quiet";
  REQUIRE(std::system(cmd.c_str()) == 0);
  int compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (!entry.is_regular_file()) continue;
    fs::path rel = fs::relative(entry.path(), kCorpus);
    INFO(rel);
    REQUIRE(fs::exists(again / rel));
    CHECK(read_file(entry.path()) == read_file(again / rel));
    ++compared;
  }
  CHECK(compared >= 30 + 9 + 3);
  fs::remove_all(again);
}
