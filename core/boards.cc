#include "scr/boards.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "scr/csv.h"
#include "scr/error.h"

#ifndef SCR_DATA_DIR
#error "SCR_DATA_DIR must be defined by the build"
#endif

namespace scr {
namespace {

// Lower-case ASCII, "&" -> "and", punctuation -> space, single spaces. Board names are ASCII in
// the ONS table; accented letters pass through untouched.
std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    if (ch == '&') {
      space();
      out += "and ";
    } else if (std::isalnum(ch) || ch >= 0x80) {
      out += static_cast<char>(std::tolower(ch));
    } else if (ch == '\'' || ch == '.') {
      // "St." == "St", "Children's" == "Childrens"
    } else {
      space();
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Words that wrap an area's name in a board's or council's name, longest first so that
// "local safeguarding children board" goes before "safeguarding children board".
const std::vector<std::string>& board_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> w = {
        "local safeguarding children board", "safeguarding children board", "safeguarding children partnership",
        "childrens safeguarding partnership", "children safeguarding partnership", "safeguarding partnership",
        "safeguarding board", "safeguarding children in", "safeguarding children", "childrens partnership",
        "lscb", "lscp", "scp", "scb", "partnership", "board", "london borough of", "royal borough of",
        "metropolitan borough council", "borough council", "county council", "city council", "council",
        "the", "for", "of"};
    std::sort(w.begin(), w.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return w;
  }();
  return words;
}

std::string strip_board_words(std::string folded) {
  for (const auto& w : board_words()) {
    for (size_t pos = 0; (pos = folded.find(w, pos)) != std::string::npos;) {
      bool start_ok = pos == 0 || folded[pos - 1] == ' ';
      bool end_ok = pos + w.size() == folded.size() || folded[pos + w.size()] == ' ';
      if (start_ok && end_ok) {
        folded.erase(pos, w.size());
      } else {
        pos += w.size();
      }
    }
  }
  return fold(folded);  // re-collapse the spaces left behind
}

}  // namespace

const std::vector<std::string>& english_regions() {
  static const std::vector<std::string> regions = {
      "North East", "North West",      "Yorkshire and The Humber", "East Midlands", "West Midlands",
      "East of England", "London", "South East", "South West"};
  return regions;
}

BoardRegistry BoardRegistry::load(const std::string& csv_path) {
  auto rows = read_csv_file(csv_path);
  if (rows.empty() || rows[0].size() < 2 || rows[0][0] != "name" || rows[0][1] != "region") {
    throw DataFileError(csv_path + ":1: expected header name,region,ons_code,variants");
  }
  BoardRegistry reg;
  const auto& regions = english_regions();
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (row.size() == 1 && row[0].empty()) continue;
    std::string where = csv_path + ": row " + std::to_string(i + 1);
    if (row.size() < 2 || row[0].empty()) throw DataFileError(where + ": a board needs a name and a region");
    if (std::find(regions.begin(), regions.end(), row[1]) == regions.end()) {
      throw DataFileError(where + ": unknown region '" + row[1] + "'");
    }
    Board b{row[0], row[1], row.size() > 2 ? row[2] : "", {}};
    if (row.size() > 3 && !row[3].empty()) {
      std::string_view rest = row[3];
      while (!rest.empty()) {
        size_t bar = rest.find('|');
        auto v = rest.substr(0, bar);
        if (!v.empty()) b.variants.emplace_back(v);
        rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
      }
    }
    size_t index = reg.boards_.size();
    auto remember = [&](const std::string& name) {
      reg.by_key_.emplace(fold(name), index);
      auto stripped = strip_board_words(fold(name));
      if (!stripped.empty()) reg.by_key_.emplace(stripped, index);
    };
    remember(b.name);
    for (const auto& v : b.variants) remember(v);
    reg.boards_.push_back(std::move(b));
  }
  return reg;
}

std::string data_dir() {
  if (const char* env = std::getenv("SCR_DATA_DIR"); env && *env) return env;
  // An installed program finds its data beside it (PREFIX/bin/../share/scr-search), so a package
  // unpacked under any root works; a program in the build tree uses the source tree's data/.
  static const std::string found = [] {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "scr-search";
      if (std::filesystem::exists(installed / "taxonomy.json", ec)) return installed.string();
    }
    return std::string(SCR_DATA_DIR);
  }();
  return found;
}

BoardRegistry BoardRegistry::load_default() { return load(data_dir() + "/boards.csv"); }

const Board* BoardRegistry::find(std::string_view name_as_written) const {
  auto folded = fold(name_as_written);
  if (auto it = by_key_.find(folded); it != by_key_.end()) return &boards_[it->second];
  if (auto it = by_key_.find(strip_board_words(folded)); it != by_key_.end()) return &boards_[it->second];
  // The short form people type: "Newcastle" for Newcastle upon Tyne, when it names one board only.
  const std::string stripped = strip_board_words(folded);
  if (stripped.size() < 4) return nullptr;
  const Board* only = nullptr;
  for (const auto& [key, index] : by_key_) {
    if (key.size() > stripped.size() && key.starts_with(stripped) && key[stripped.size()] == ' ') {
      if (only && only != &boards_[index]) return nullptr;  // "North" is not one board
      only = &boards_[index];
    }
  }
  return only;
}

std::string canonical_region(std::string_view written) {
  // Letters only, without "and" and "the": "Yorkshire & the Humber", "yorkshire and humber",
  // "NorthWest" and "north-west" all compare equal to their region.
  auto squeeze = [](std::string_view text) {
    std::string out, word;
    auto flush = [&] {
      if (word != "and" && word != "the" && word != "of" && word != "region") out += word;
      word.clear();
    };
    for (char c : text) {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else {
        flush();
      }
    }
    flush();
    return out;
  };
  const std::string want = squeeze(written);
  if (want.empty()) return "";
  std::string prefix_match;
  int prefix_matches = 0;
  for (const auto& region : english_regions()) {
    std::string r = squeeze(region);
    if (r == want) return region;
    if (want.size() >= 5 && r.starts_with(want)) {
      prefix_match = region;
      ++prefix_matches;
    }
  }
  return prefix_matches == 1 ? prefix_match : "";  // "yorkshire" is one region; "east" is not
}

const Board* BoardRegistry::find_in_text(std::string_view text) const {
  auto folded = fold(text);
  std::vector<std::string_view> words;
  std::string_view rest = folded;
  while (!rest.empty()) {
    size_t sp = rest.find(' ');
    words.push_back(rest.substr(0, sp));
    rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
  }
  const Board* best = nullptr;
  size_t best_len = 0;
  constexpr size_t kMaxWords = 6;  // "bournemouth christchurch and poole" is the longest name
  for (size_t i = 0; i < words.size(); ++i) {
    for (size_t n = 1; n <= kMaxWords && i + n <= words.size(); ++n) {
      std::string_view span(words[i].data(), static_cast<size_t>(words[i + n - 1].end() - words[i].begin()));
      if (span.size() <= best_len) continue;
      if (auto it = by_key_.find(std::string(span)); it != by_key_.end()) {
        best = &boards_[it->second];
        best_len = span.size();
      }
    }
  }
  return best;
}

}  // namespace scr
