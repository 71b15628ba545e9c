#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "scr/error.h"
#include "scr/text.h"

namespace scr {
namespace {

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(buf, len, 4, c, err);
  if (!err) out.append(buf, static_cast<size_t>(len));
}

constexpr std::string_view kSoftHyphen = "\u00AD";

// One pass over code points: map the characters NFKC leaves alone but search must not care about.
// A soft hyphen that ends a line means "this word continues on the next line": it joins the two
// lines here, or, with keep_line_end_soft_hyphens, stays for clean_pages to resolve after it has
// removed page furniture (the continuation may be on the next page, after the footer).
std::string map_chars(std::string_view in, bool keep_line_end_soft_hyphens) {
  std::string out;
  out.reserve(in.size());
  int32_t i = 0, n = static_cast<int32_t>(in.size());
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  auto last_is_space = [&] { return out.empty() || out.back() == ' ' || out.back() == '\n'; };
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;  // invalid UTF-8
    switch (c) {
      case 0x00AD: {  // soft hyphen: invisible mid-line; at a line end it joins the word halves
        int32_t j = i;
        while (j < n && (s[j] == ' ' || s[j] == '\r')) ++j;
        bool at_line_end = j >= n || s[j] == '\n' || s[j] == '\f';
        if (at_line_end && keep_line_end_soft_hyphens) {
          out += kSoftHyphen;
        } else if (j < n && s[j] == '\n') {
          i = j + 1;
        }
        continue;
      }
      case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x0000:
        continue;  // zero-width and byte-order marks
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x0060: case 0x00B4:
        out += '\'';
        continue;
      case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
        out += '"';
        continue;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xFE58:
      case 0xFE63: case 0xFF0D:
        out += '-';
        continue;
      case 0x2022: case 0x25CF: case 0x25AA: case 0x25E6: case 0xF0B7: case 0x2023: case 0x2043:
        out += "\u2022";  // bullets (including Symbol-font private-use ones) to one bullet
        continue;
      case '\t': case '\f': case '\v': case 0x00A0: case 0x2007: case 0x202F: case 0x3000:
        if (!last_is_space()) out += ' ';
        continue;
      case '\r':
        continue;
      case '\n':
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += '\n';
        continue;
      case ' ':
        if (!last_is_space()) out += ' ';
        continue;
      default:
        if (c < 0x20) continue;  // other control characters
        if (c >= 0x2000 && c <= 0x200A) {  // typographic spaces
          if (!last_is_space()) out += ' ';
          continue;
        }
        append_utf8(out, c);
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

bool ends_with_soft_hyphen(const std::string& s) { return s.ends_with(kSoftHyphen); }

std::string nfkc(std::string_view in) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(st);
  if (U_FAILURE(st)) throw Error(std::string("ICU NFKC normaliser unavailable: ") + u_errorName(st));
  icu::StringPiece piece(in.data(), static_cast<int32_t>(in.size()));
  if (n->isNormalizedUTF8(piece, st) && U_SUCCESS(st)) return std::string(in);
  st = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  n->normalizeUTF8(0, piece, sink, nullptr, st);
  if (U_FAILURE(st)) return std::string(in);  // only on invalid input; map_chars repairs it next
  return out;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// The shape of a furniture line with numbers masked: "Page 3 of 48" and "Page 4 of 48" agree.
std::string furniture_key(std::string_view line) {
  std::string key;
  bool in_digits = false;
  for (unsigned char ch : line) {
    if (std::isdigit(ch)) {
      if (!in_digits) key += '#';
      in_digits = true;
    } else {
      in_digits = false;
      key += static_cast<char>(std::tolower(ch));
    }
  }
  return key;
}

// "3", "Page 3", "page 3 of 48", "- 3 -", "3 | Page", "iv": a line that is only a page number.
bool is_page_number_line(std::string_view line) {
  std::string k = furniture_key(line);
  static const std::set<std::string> shapes = {"#", "page #", "page # of #", "- # -", "# of #", "#/#", "# | page",
                                               "page | #", "[#]", "(#)", "p. #", "p#", "page #/#"};
  if (shapes.count(k)) return true;
  static const std::set<std::string> roman = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};
  return roman.count(k) > 0;
}

// Words whose hyphen is part of the word, when a line break falls right after it.
bool is_compound_prefix(const std::string& left_lower) {
  static const std::unordered_set<std::string> prefixes = {
      "multi", "inter", "non", "co", "self", "pre", "post", "cross", "anti", "ex", "well", "step", "sub",
      "semi", "half", "mid", "re", "under", "over", "long", "short", "full", "part", "high", "low", "face",
      "follow", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "age", "child",
      "young", "day", "in", "out", "on", "off", "up", "all", "so", "ill", "cut", "look", "drop", "stand", "single",
      "x", "e", "t", "u", "de"};
  return prefixes.count(left_lower) > 0;
}

bool is_word_byte(unsigned char ch) { return std::isalnum(ch) || ch >= 0x80 || ch == '\''; }

// Vocabulary of the report, for the decisions that need evidence from elsewhere in it.
struct Vocabulary {
  std::unordered_map<std::string, int> words;       // lower-case words without hyphens, inline
  std::unordered_set<std::string> hyphenated;       // lower-case "multi-agency" seen inside a line

  void add_line(std::string_view line) {
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && !is_word_byte(static_cast<unsigned char>(line[i]))) ++i;
      size_t j = i;
      while (j < line.size() && (is_word_byte(static_cast<unsigned char>(line[j])) ||
                                 (line[j] == '-' && j + 1 < line.size() && j > i &&
                                  is_word_byte(static_cast<unsigned char>(line[j + 1]))))) {
        ++j;
      }
      if (j > i) {
        std::string w = ascii_lower(line.substr(i, j - i));
        if (w.find('-') != std::string::npos) {
          hyphenated.insert(w);
        } else {
          ++words[w];
        }
      }
      i = j + 1;
    }
  }
};

// Extraction damage seen in real repositories (PyPDF2 and friends put spaces inside words:
// "Safe guarding Child ren Partnership", "re view"). A pair of tokens is joined only when the joined
// word is one of these, so ordinary text ("child protection") is never touched.
const std::unordered_set<std::string>& split_word_lexicon() {
  static const std::unordered_set<std::string> words = {
      "safeguarding", "children", "partnership", "review", "practice", "serious", "recommendations",
      "recommendation", "agencies", "professionals", "practitioners", "partnerships", "safeguard",
      "assessment", "information", "background", "chronology", "conclusion", "introduction", "findings"};
  return words;
}

std::string repair_split_words(const std::string& line) {
  // Tokenise on spaces, keeping punctuation attached; join token pairs whose letters make a lexicon
  // word while neither is one itself (only the first half is allowed to be one: "Safe guarding").
  std::vector<std::string> tokens;
  size_t start = 0;
  while (start < line.size()) {
    size_t sp = line.find(' ', start);
    if (sp == std::string::npos) sp = line.size();
    tokens.push_back(line.substr(start, sp - start));
    start = sp + 1;
  }
  const auto& lex = split_word_lexicon();
  auto letters = [](const std::string& t) {
    std::string l;
    for (unsigned char ch : t) {
      if (std::isalpha(ch)) l += static_cast<char>(std::tolower(ch));
    }
    return l;
  };
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i + 1 < tokens.size()) {
      std::string a = letters(tokens[i]), b = letters(tokens[i + 1]);
      bool a_clean = !a.empty() && a.size() == tokens[i].size();  // no punctuation between the halves
      if (a_clean && !b.empty() && !lex.count(b) && lex.count(a + b)) {
        if (!out.empty()) out += ' ';
        out += tokens[i] + tokens[i + 1];
        ++i;
        continue;
      }
    }
    if (!out.empty()) out += ' ';
    out += tokens[i];
  }
  return out;
}

bool starts_lower(std::string_view s) { return !s.empty() && std::islower(static_cast<unsigned char>(s[0])); }

// Last word of `line` (letters only), lower-cased, without its trailing hyphen.
std::string last_word(std::string_view line) {
  size_t end = line.size();
  if (end && line[end - 1] == '-') --end;
  size_t b = end;
  while (b > 0 && (std::isalpha(static_cast<unsigned char>(line[b - 1])) || static_cast<unsigned char>(line[b - 1]) >= 0x80)) --b;
  return ascii_lower(line.substr(b, end - b));
}

std::string first_word(std::string_view line) {
  size_t e = 0;
  while (e < line.size() && (std::isalpha(static_cast<unsigned char>(line[e])) || static_cast<unsigned char>(line[e]) >= 0x80)) ++e;
  return ascii_lower(line.substr(0, e));
}

}  // namespace

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  // Not std::tolower: a locale call per byte, and this runs over whole pages for snippets.
  for (auto& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
  }
  return out;
}

std::string trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return {};
  size_t b = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(a, b - a + 1));
}

std::string normalise_chars(std::string_view text) { return map_chars(nfkc(text), false); }

std::string fold_accents(std::string_view text) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
  if (U_FAILURE(st)) return std::string(text);
  std::string decomposed;
  icu::StringByteSink<std::string> sink(&decomposed);
  nfd->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink, nullptr, st);
  if (U_FAILURE(st)) return std::string(text);
  std::string out;
  int32_t i = 0, n = static_cast<int32_t>(decomposed.size());
  const auto* s = reinterpret_cast<const uint8_t*>(decomposed.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    if (u_getCombiningClass(c) != 0 || (c >= 0x0300 && c <= 0x036F)) continue;
    append_utf8(out, c);
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::string normalise_one_line(std::string_view query) {
  std::string s = normalise_chars(query);
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

std::string alnum_key(std::string_view text) {
  std::string norm = normalise_chars(text);
  std::string out;
  for (unsigned char ch : norm) {
    if (std::isalnum(ch)) out += static_cast<char>(std::tolower(ch));
    else if (ch >= 0x80) out += static_cast<char>(ch);
  }
  return out;
}

namespace {

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

// The length of a full line of body text on a page: the 80th percentile of its line lengths
// (a column's width on two-column pages). 0 when the page has too few lines to tell.
size_t typical_line_length(const std::vector<std::string>& lines) {
  std::vector<size_t> lengths;
  for (const auto& l : lines) {
    if (!l.empty()) lengths.push_back(utf8_length(l));
  }
  if (lengths.size() < 6) return 0;
  std::sort(lengths.begin(), lengths.end());
  return lengths[lengths.size() * 8 / 10];
}

// "Section 9: Abbreviations", "Part 2 Findings", "Appendix A": a heading by its label, whatever
// its width (on a page that is mostly a table, prose lines are not "long" and headings not "short").
bool labelled_heading(const std::string& line) {
  for (std::string_view label : {"Section ", "Part ", "Chapter ", "Appendix ", "SECTION ", "PART ", "APPENDIX "}) {
    if (line.size() > label.size() && line.compare(0, label.size(), label) == 0) {
      unsigned char c = static_cast<unsigned char>(line[label.size()]);
      return std::isdigit(c) || std::isupper(c);
    }
  }
  return false;
}

bool starts_upper_or_digit(const std::string& text) {
  unsigned char c = text.empty() ? 0 : static_cast<unsigned char>(text[0]);
  return std::isupper(c) || std::isdigit(c);
}

bool ends_sentence(const std::string& text) {
  if (text.empty()) return false;
  char c = text.back();
  return c == '.' || c == ':' || c == ';' || c == '?' || c == '!' || c == ')';
}

}  // namespace

std::string_view strip_heading_number(std::string_view line, int* number) {
  if (number) *number = -1;
  for (std::string_view word : {"Section ", "SECTION ", "Part ", "PART ", "Chapter ", "CHAPTER "}) {
    if (line.substr(0, word.size()) == word && line.size() > word.size() &&
        std::isdigit(static_cast<unsigned char>(line[word.size()]))) {
      line.remove_prefix(word.size());
      break;
    }
  }
  size_t i = 0;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i == 0 || i > 2) return line;
  int n = std::stoi(std::string(line.substr(0, i)));
  while (i < line.size() && (line[i] == '.' || line[i] == ':' || line[i] == '-' || std::isdigit(static_cast<unsigned char>(line[i])))) ++i;
  if (i >= line.size() || line[i] != ' ') return line;
  while (i < line.size() && (line[i] == ' ' || line[i] == '-')) ++i;
  if (number) *number = n;
  return line.substr(i);
}

bool starts_with_list_label(std::string_view line) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])) && i - start < 3) ++i;
    return i > start;
  };
  auto followed_by_space = [&] { return i < line.size() && line[i] == ' '; };
  if (line.rfind("\u2022", 0) == 0 || line.rfind("- ", 0) == 0) return true;  // bullets
  for (std::string_view word : {"Recommendation ", "Finding ", "Learning point ", "Learning Point "}) {
    if (line.substr(0, word.size()) == word) {
      i = word.size();
      return digits();
    }
  }
  if (line[0] == 'R' || line[0] == 'F') {
    i = 1;
    if (digits() && (followed_by_space() || (i < line.size() && (line[i] == ':' || line[i] == '.')))) return true;
    i = 0;
  }
  if (line[0] == '(') ++i;
  if (digits()) {
    if (i < line.size() && (line[i] == '.' || line[i] == ')')) {
      ++i;
      if (line[i - 1] == '.' && digits()) {  // a numbered paragraph, "7.1" or "7.1."
        if (i < line.size() && line[i] == '.') ++i;
      }
      return followed_by_space();
    }
    return false;
  }
  // Lettered items: "a)", "(b)", "c." followed by a space.
  if (i < line.size() && std::islower(static_cast<unsigned char>(line[i])) && i + 1 < line.size() &&
      (line[i + 1] == ')' || (line[i + 1] == '.' && i == 0))) {
    i += 2;
    return followed_by_space();
  }
  return false;
}

namespace {

// Each page's lines, normalised (NFKC, the characters mapped) and trimmed.
using PageLines = std::vector<std::vector<std::string>>;

PageLines normalised_lines(const std::vector<std::string>& raw_pages) {
  PageLines lines(raw_pages.size());
  for (size_t p = 0; p < raw_pages.size(); ++p) {
    const std::string normalised = map_chars(nfkc(raw_pages[p]), true);  // split_lines views into it
    for (auto l : split_lines(normalised)) lines[p].push_back(trim(l));
  }
  return lines;
}

// The first and last few non-empty lines of a page: where headers and footers stand.
std::vector<size_t> edge_indices(const std::vector<std::string>& ls) {
  constexpr size_t kEdge = 3;
  std::vector<size_t> idx, nonempty;
  for (size_t i = 0; i < ls.size(); ++i) {
    if (!ls[i].empty()) nonempty.push_back(i);
  }
  for (size_t k = 0; k < nonempty.size() && k < kEdge; ++k) idx.push_back(nonempty[k]);
  for (size_t k = nonempty.size() > kEdge ? nonempty.size() - kEdge : 0; k < nonempty.size(); ++k) idx.push_back(nonempty[k]);
  std::sort(idx.begin(), idx.end());
  idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
  return idx;
}

// Running headers and footers: among the edge lines of each page, a line whose digit-masked shape
// recurs on a good share of the pages is furniture. Page-number lines go wherever they stand at
// the top or bottom. Clears them in `lines`; returns each distinct one removed, once.
std::vector<std::string> remove_furniture(PageLines& lines) {
  const size_t n_pages = lines.size();
  std::map<std::string, int> edge_counts;
  for (const auto& ls : lines) {
    std::set<std::string> seen;
    for (size_t i : edge_indices(ls)) seen.insert(furniture_key(ls[i]));
    for (const auto& k : seen) ++edge_counts[k];
  }
  const int threshold = std::max(3, static_cast<int>(n_pages * 4 / 10));
  std::set<std::string> furniture_keys;  // digit-masked shapes repeated at the page edges
  for (const auto& [key, count] : edge_counts) {
    if (n_pages >= 3 && count >= threshold && key.size() > 1) furniture_keys.insert(key);
  }
  auto is_furniture = [&](const std::string& line) {
    return furniture_keys.count(furniture_key(line)) > 0 || is_page_number_line(line);
  };
  std::vector<std::string> removed;
  std::set<std::string> reported;
  for (auto& ls : lines) {
    for (size_t i : edge_indices(ls)) {
      if (is_furniture(ls[i])) {
        if (reported.insert(furniture_key(ls[i])).second) removed.push_back(ls[i]);
        ls[i].clear();
        continue;
      }
      // Poppler's reading order can glue a footer to the body line above it when that line ends in
      // a hyphen ("multiPage 33 of 48"): cut a known footer off the end of an edge line.
      const std::string& line = ls[i];
      for (size_t cut = 1; cut + 1 < line.size(); ++cut) {
        if (!std::isalpha(static_cast<unsigned char>(line[cut - 1]))) continue;
        std::string tail = line.substr(cut);
        if (tail.size() >= 4 && std::isupper(static_cast<unsigned char>(tail[0])) && is_furniture(tail)) {
          if (reported.insert(furniture_key(tail)).second) removed.push_back(tail);
          ls[i] = line.substr(0, cut);
          break;
        }
      }
    }
  }
  return removed;
}

bool hyphen_at_end(const std::string& t) {
  return t.size() >= 2 && t.back() == '-' && std::isalpha(static_cast<unsigned char>(t[t.size() - 2]));
}

// Whether a line-end hyphen between `left_text` and `right_text` stays ("multi-agency"), on the
// report's own evidence: the hyphenated form seen elsewhere, or no joined form and a prefix that
// makes compounds.
bool keep_hyphen(const Vocabulary& vocab, const std::string& left_text, std::string_view right_text) {
  std::string left = last_word(left_text), right = first_word(right_text);
  bool keep = vocab.hyphenated.count(left + "-" + right) > 0;
  if (!keep && !vocab.words.count(left + right)) keep = is_compound_prefix(left);
  return keep;
}

// One page's lines into paragraphs: a blank line ends a paragraph; a line-end soft hyphen joins the
// word; a line-end hyphen is resolved with the report's own evidence; everything else joins with a
// space.
std::vector<std::string> page_paragraphs(const std::vector<std::string>& lines, const Vocabulary& vocab) {
  std::vector<std::string> paragraphs;
  std::string para;
  auto flush = [&] {
    if (!para.empty()) paragraphs.push_back(std::move(para));
    para.clear();
  };
  const size_t full_width = typical_line_length(lines);
  bool previous_ended = false;  // the line before ended a paragraph (short, or a heading)
  for (const std::string& line : lines) {
    if (line.empty()) {
      if (!ends_with_soft_hyphen(para)) flush();  // the word goes on past the blank line
      continue;
    }
    // PDFs rarely hold blank lines between paragraphs: a short line ends its paragraph, and a
    // list label ("3.", "R3", "Recommendation 3:", "a)") after a sentence end starts one.
    // Headings and list items thus stand on lines of their own, where section and
    // recommendation finders look for them.
    const bool short_line = full_width > 0 && utf8_length(line) * 10 < full_width * 6;
    // A short line with no closing punctuation after a finished sentence is a heading.
    const bool heading = (short_line || labelled_heading(line)) && !ends_sentence(line) && starts_upper_or_digit(line);
    if (!para.empty() && !ends_with_soft_hyphen(para) && !hyphen_at_end(para) &&
        ((previous_ended && !starts_lower(line)) || ((starts_with_list_label(line) || heading) && ends_sentence(para)))) {
      flush();
    }
    previous_ended = short_line || heading;
    if (para.empty()) {
      para = line;
    } else if (ends_with_soft_hyphen(para)) {
      para.resize(para.size() - kSoftHyphen.size());
      para += line;
    } else if (hyphen_at_end(para) && starts_lower(line)) {
      if (!keep_hyphen(vocab, para, line)) para.pop_back();
      para += line;
    } else {
      para += ' ';
      para += line;
    }
  }
  flush();
  return paragraphs;
}

// A word broken across a page break: its first half ends one page, the rest (after the footer and
// the next header, now removed) starts the next. The whole word goes to the first page.
void join_words_across_pages(PageLines& paragraphs, const Vocabulary& vocab) {
  const size_t n_pages = paragraphs.size();
  for (size_t p = 0; p < n_pages; ++p) {
    if (paragraphs[p].empty()) continue;
    std::string& last = paragraphs[p].back();
    bool soft = ends_with_soft_hyphen(last);
    bool hard = hyphen_at_end(last);
    size_t q = p + 1;
    while (q < n_pages && paragraphs[q].empty()) ++q;
    if (!soft && !hard && q < n_pages && !last.empty() && std::isalpha(static_cast<unsigned char>(last.back())) &&
        starts_lower(paragraphs[q].front())) {
      // The hyphen itself may have been lost with the footer it was glued to: "multi" | "agency".
      std::string joined = last_word(last) + "-" + first_word(paragraphs[q].front());
      if (vocab.hyphenated.count(joined)) {
        last += '-';
        hard = true;
      }
    }
    if (!soft && !hard) continue;
    if (q < n_pages && starts_lower(paragraphs[q].front())) {
      std::string& next = paragraphs[q].front();
      size_t sp = next.find(' ');
      std::string rest = next.substr(0, sp);
      if (soft) last.resize(last.size() - kSoftHyphen.size());
      else if (!keep_hyphen(vocab, last, rest)) last.pop_back();
      last += rest;
      next = sp == std::string::npos ? std::string() : next.substr(sp + 1);
      if (next.empty()) paragraphs[q].erase(paragraphs[q].begin());
    } else if (soft) {
      last.resize(last.size() - kSoftHyphen.size());
    }
  }
}

// A page's paragraphs as its text, one per line, with words split by the extraction repaired.
std::string page_text(std::vector<std::string>& paragraphs) {
  std::string page;
  for (auto& para : paragraphs) {
    // A soft hyphen left at the end of a paragraph had nothing to join: drop it.
    if (ends_with_soft_hyphen(para)) para.resize(para.size() - kSoftHyphen.size());
    if (!page.empty()) page += '\n';
    page += repair_split_words(para);
  }
  return page;
}

}  // namespace

CleanedText clean_pages(const std::vector<std::string>& raw_pages) {
  CleanedText result;
  PageLines lines = normalised_lines(raw_pages);
  result.furniture = remove_furniture(lines);
  Vocabulary vocab;  // the report's own words, hyphenated and not: evidence for line-end hyphens
  for (const auto& ls : lines) {
    for (const auto& l : ls) vocab.add_line(l);
  }
  PageLines paragraphs;
  for (const auto& ls : lines) paragraphs.push_back(page_paragraphs(ls, vocab));
  join_words_across_pages(paragraphs, vocab);
  for (auto& page : paragraphs) result.pages.push_back(page_text(page));
  return result;
}

}  // namespace scr
