#include "metadata.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <regex>
#include <set>

#include "scr/text.h"

namespace scr {
namespace {

const std::vector<std::string>& month_names() {
  static const std::vector<std::string> m = {"january", "february", "march", "april", "may", "june",
                                             "july", "august", "september", "october", "november", "december"};
  return m;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(trim(text.substr(start, nl - start)));
    start = nl + 1;
  }
  return out;
}

// "NorthYorkshireChildA" -> "North Yorkshire Child A"; digits stay with their run. Lower-case
// connectors glued to the word before ("BathandNorthEastSomerset", "KingstonuponThames",
// "StocktononTees") are split off as well.
std::string split_camel_words(const std::string& s);

std::string split_camel(const std::string& s) { return split_camel_words(s); }

std::string split_camel_words(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (i > 0 && std::isupper(c) && (std::islower(static_cast<unsigned char>(s[i - 1])) ||
                                     (i + 1 < s.size() && std::islower(static_cast<unsigned char>(s[i + 1]))))) {
      out += ' ';
    } else if (i > 0 && std::isdigit(c) != std::isdigit(static_cast<unsigned char>(s[i - 1]))) {
      out += ' ';
    }
    out += static_cast<char>(c);
  }
  // Connectors: a word ending in "and"/"upon"/"on"/"of"/"under" followed by a capitalised word.
  std::string fixed;
  size_t start = 0;
  while (start < out.size()) {
    size_t sp = out.find(' ', start);
    std::string word = out.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    bool next_cap = sp != std::string::npos && sp + 1 < out.size() && std::isupper(static_cast<unsigned char>(out[sp + 1]));
    for (const char* conn : {"upon", "under", "and", "on", "of"}) {
      std::string c(conn);
      if (next_cap && word.size() > c.size() + 2 && word.ends_with(c) &&
          std::islower(static_cast<unsigned char>(word[word.size() - c.size()]))) {
        word = word.substr(0, word.size() - c.size()) + " " + c;
        break;
      }
    }
    fixed += (fixed.empty() ? "" : " ") + word;
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  return fixed;
}

// "childk" -> "Child K", "youngpersonr" -> "Young Person R", "isabella" -> "Isabella".
std::string pseudonym_from_slug(const std::string& slug) {
  static const std::vector<std::pair<std::string, std::string>> kinds = {
      {"youngperson", "Young Person"}, {"child", "Child"}, {"baby", "Baby"}, {"family", "Family"}, {"sibling", "Sibling"}};
  std::string s = ascii_lower(slug);
  for (const auto& [k, label] : kinds) {
    if (s.rfind(k, 0) == 0 && s.size() > k.size() && s.size() <= k.size() + 3 &&
        std::all_of(s.begin() + static_cast<long>(k.size()), s.end(), [](unsigned char c) { return std::isalnum(c); })) {
      std::string rest = s.substr(k.size());
      for (auto& c : rest) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return label + " " + rest;
    }
  }
  if (s.size() >= 3 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c); })) {
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
  }
  return {};
}

bool junk_pdf_title(const std::string& t) {
  std::string l = ascii_lower(trim(t));
  if (l.size() < 6) return true;
  static const std::vector<std::string> junk_starts = {"microsoft word", "microsoft powerpoint", "untitled", "slide ",
                                                       "document", "pdf ", "adobe", "word -", "title"};
  for (const auto& j : junk_starts) {
    if (l.rfind(j, 0) == 0) return true;
  }
  for (const auto& ext : {".doc", ".docx", ".pdf", ".odt", ".rtf", ".indd"}) {
    if (l.ends_with(ext)) return true;
  }
  return false;
}

std::string review_type_in(const std::string& text) {
  std::string l = ascii_lower(text);
  if (l.find("serious case review") != std::string::npos) return "SCR";
  if (l.find("safeguarding practice review") != std::string::npos || l.find("lcspr") != std::string::npos ||
      l.find("cspr") != std::string::npos)
    return "CSPR";
  if (l.find("rapid review") != std::string::npos) return "rapid review";
  if (l.find("learning review") != std::string::npos || l.find("learning lessons review") != std::string::npos)
    return "learning review";
  return {};
}

int number_word(const std::string& w) {
  static const std::vector<std::string> words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                                 "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                                 "sixteen", "seventeen"};
  auto it = std::find(words.begin(), words.end(), ascii_lower(w));
  if (it != words.end()) return static_cast<int>(it - words.begin());
  if (!w.empty() && std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isdigit(c); }) && w.size() <= 3)
    return std::stoi(w);
  return -1;
}

// The child's age from phrases like "when he was 7 months old", "aged 15", "a 16-year-old".
int find_age_months(const std::string& text) {
  static const std::regex age(
      R"(\b(?:was|aged|age of|of)\s+(\w+)\s*(day|days|week|weeks|month|months|year|years)(?:\s+old)?\b|\b(\w+)[- ](year|month|week)[- ]old\b)",
      std::regex::icase);
  static const std::regex few_days(R"(\ba few (days|weeks) old\b)", std::regex::icase);
  std::smatch m;
  std::string::const_iterator begin = text.begin();
  if (std::regex_search(text, m, few_days)) return 0;
  if (std::regex_search(begin, text.end(), m, age)) {
    std::string num = m[1].matched ? m[1].str() : m[3].str();
    std::string unit = ascii_lower(m[2].matched ? m[2].str() : m[4].str());
    int n = number_word(num);
    if (n < 0) return -1;
    if (unit.rfind("day", 0) == 0 || unit.rfind("week", 0) == 0) return 0;
    if (unit.rfind("month", 0) == 0) return n;
    return n * 12;
  }
  return -1;
}

bool all_capitals(const std::string& s) {
  bool upper = false;
  for (unsigned char c : s) {
    if (std::islower(c)) return false;
    if (std::isupper(c)) upper = true;
  }
  return upper;
}

// "SERIOUS CASE REVIEW RELATING TO BABY Z" -> "Serious Case Review relating to Baby Z". Short
// marks (Z, S25, SCR, LSCB) keep their capitals; joining words go lower case.
std::string title_case(const std::string& s) {
  static const std::set<std::string> joining = {"in", "of", "to", "the", "and", "into", "relating", "respect",
                                                "concerning", "regarding", "re", "for", "on", "a", "an", "at", "by"};
  static const std::set<std::string> marks = {"SCR", "CSPR", "LCSPR", "LSCB", "LSCP", "SCP", "SCB", "NHS"};
  std::string out;
  size_t start = 0;
  bool first = true;
  while (start <= s.size()) {
    size_t sp = s.find(' ', start);
    std::string w = s.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    std::string l = ascii_lower(w);
    std::string core;
    for (unsigned char c : w) {
      if (std::isalnum(c)) core += static_cast<char>(c);
    }
    if (!w.empty()) {
      if (core.size() <= 3 && std::any_of(core.begin(), core.end(), [](unsigned char c) { return std::isdigit(c); })) {
        // "S25", "1": as written
      } else if (core.size() <= 2 || marks.count(core)) {
        // "Z", "BS", "SCR": as written
      } else if (!first && joining.count(l)) {
        w = l;
      } else {
        // Only ASCII letters change case: an accented capital stays as it is.
        for (size_t i = 1; i < w.size(); ++i) {
          if (static_cast<unsigned char>(w[i]) < 0x80) w[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[i])));
        }
      }
      out += (out.empty() ? "" : " ") + w;
      first = false;
    }
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  return out;
}

// Type this size or larger on a cover is a title's, not body text's (reports are set in 10-12 pt).
constexpr double kHeadlineTypeSize = 14.0;

// The title block of a cover page read as lines: the line(s) that name the review ("Serious Case
// Review", "Local Child Safeguarding" + "Practice Review", or a case number "SCR S25"), then the
// words that join it to the child ("in respect of", "relating to", "concerning:") and the line that
// names the child ("Child T", "Baby Z", "Case R", a first name). Subtitles ("Executive Summary",
// "Overview Report"), board names and dates are not part of it. Capitals are undone.
std::string cover_title(const std::vector<TextLine>& raw_lines, const BoardRegistry& boards) {
  auto lower_no_colon = [](std::string t) {
    t = ascii_lower(trim(t));
    while (!t.empty() && (t.back() == ':' || t.back() == '-')) t.pop_back();
    return trim(t);
  };
  static const std::set<std::string> subtitles = {"executive summary", "overview report", "final report",
                                                  "summary report", "full report", "overview", "report",
                                                  "published report", "redacted version", "final version"};
  static const std::set<std::string> connectors = {"in respect of", "relating to", "concerning", "regarding", "re",
                                                   "in relation to", "into the death of", "about", "for",
                                                   "into the circumstances of", "in the case of"};
  static const std::regex case_number(R"(^(?:SCR|CSPR|LCSPR|Case|Review)\s*(?:No\.?\s*)?[A-Z]{0,2}\d+[A-Za-z]?$)",
                                      std::regex::icase);
  auto is_kind = [&](const std::string& t) {
    return !review_type_in(t).empty() || std::regex_match(trim(t), case_number);
  };
  auto is_other = [&](const std::string& t) {  // board, date or subtitle: ends the title block
    return subtitles.count(lower_no_colon(t)) || boards.find_in_text(t) || parse_date(t).first != 0 ||
           ascii_lower(t).find("safeguarding children") != std::string::npos ||
           ascii_lower(t).find("partnership") != std::string::npos;
  };
  auto is_name = [&](const std::string& t) {
    if (!find_pseudonym(t).empty() && t.size() < 40) return true;
    // A first name alone on its line: one or two words of letters, starting with a capital.
    std::string tt = trim(t);
    if (tt.empty() || tt.size() > 30 || !std::isupper(static_cast<unsigned char>(tt[0]))) return false;
    int words = 1;
    for (unsigned char c : tt) {
      if (c == ' ') ++words;
      else if (std::isdigit(c) || c == ':' || c == ',') return false;
    }
    return words <= 2 && !is_other(t) && !is_kind(t);
  };
  // Consecutive lines in the same headline type are one title wrapped at the cover's width ("Child
  // Safeguarding Practice Review in respect of Child" / "M and her brother"): join them before
  // reading, but a subtitle, board or date set in that type stays a line of its own. Lines from
  // plain text have no size and are never joined.
  std::vector<std::string> lines;
  double previous_size = 0;
  for (const auto& l : raw_lines) {
    std::string text = trim(l.text);
    if (text.empty()) continue;
    bool headline = l.font_size >= kHeadlineTypeSize;
    if (headline && !lines.empty() && std::abs(l.font_size - previous_size) <= 0.5 && !is_other(lines.back()) &&
        !is_other(text)) {
      while (lines.back().ends_with(':')) lines.back().pop_back();
      lines.back() += " " + text;
    } else {
      lines.push_back(text);
    }
    previous_size = headline ? l.font_size : 0;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string title;
    size_t next = i;
    if (is_kind(lines[i]) && !subtitles.count(lower_no_colon(lines[i]))) {
      title = lines[i];
      next = i + 1;
    } else if (i + 1 < lines.size() && is_kind(lines[i] + " " + lines[i + 1]) && !is_kind(lines[i + 1]) &&
               !is_other(lines[i])) {
      title = lines[i] + " " + lines[i + 1];  // "Local Child Safeguarding" / "Practice Review"
      next = i + 2;
    } else {
      continue;
    }
    // A board's name before the review's ("Wiltshire Safeguarding Partnership Child Safeguarding
    // Practice Review") is the board, not the title.
    if (lines[i].size() > 60 && boards.find_in_text(title)) continue;
    if (find_pseudonym(title).empty()) {
      if (next < lines.size() && std::regex_match(trim(lines[next]), case_number)) title += " " + lines[next++];
      bool joined = false;
      if (next < lines.size() && connectors.count(lower_no_colon(lines[next]))) {
        title += " " + lower_no_colon(lines[next++]);
        joined = true;
      } else {
        // "... Review into the death of" ends the line, the name on the next.
        std::string l = lower_no_colon(title);
        for (const auto& c : connectors) {
          if (c.size() > 3 && l.ends_with(" " + c)) joined = true;
        }
        while (!title.empty() && (title.back() == ':' || title.back() == ' ')) title.pop_back();
      }
      if (next < lines.size() && (joined || is_name(lines[next])) && !is_other(lines[next]) && is_name(lines[next])) {
        title += " " + trim(lines[next]);
      } else if (!joined && i > 0 && !find_pseudonym(lines[i - 1]).empty() && lines[i - 1].size() < 40 &&
                 !is_other(lines[i - 1])) {
        // The name above the kind ("Child F" / "A Child Safeguarding Practice Review"): only a
        // pseudonym's form, since a lone capitalised line above may be "Strictly Confidential".
        title += " " + trim(lines[i - 1]);
      }
    }
    return all_capitals(lines[i]) ? title_case(title) : title;
  }
  return {};
}

}  // namespace

std::pair<int, int> parse_date(const std::string& text) {
  std::string l = ascii_lower(text);
  static const std::regex numeric(R"(\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b)");
  static const std::regex iso(R"(\b(\d{4})-(\d{2})-(\d{2})\b)");
  static const std::regex year(R"(\b(19[89]\d|20\d\d)\b)");
  std::smatch m;
  if (std::regex_search(l, m, iso)) return {std::stoi(m[1]), std::stoi(m[2])};
  if (std::regex_search(l, m, numeric)) {
    int month = std::stoi(m[2]);
    return {std::stoi(m[3]), month >= 1 && month <= 12 ? month : 0};
  }
  if (std::regex_search(l, m, year)) {
    int y = std::stoi(m[1]);
    // A month name just before the year ("March 2016", "12 March 2016").
    std::string before = l.substr(0, static_cast<size_t>(m.position(0)));
    int month = 0;
    for (size_t i = 0; i < month_names().size(); ++i) {
      const auto& name = month_names()[i];
      size_t pos = before.rfind(name);
      if (pos != std::string::npos && before.size() - (pos + name.size()) <= 2) month = static_cast<int>(i) + 1;
      std::string abbr = name.substr(0, 3);
      pos = before.rfind(abbr);
      if (month == 0 && pos != std::string::npos && before.size() - (pos + abbr.size()) <= 2) month = static_cast<int>(i) + 1;
    }
    return {y, month};
  }
  return {0, 0};
}

std::string find_pseudonym(const std::string& text) {
  static const std::regex labelled(R"(\b(Child|Baby|Young Person|Family|Sibling|Infant|Adult|Case)\s+([A-Z]{1,2}\d?|\d{1,2})\b)");
  // Callers pass normalised text, where curly quotes are already straight.
  static const std::regex quoted(R"(['"]([A-Z][^\s'"]{1,20})['"])");
  static const std::regex named(R"(\b(?:re|concerning|in respect of|into the death of|regarding)\s+([A-Z][^\s,.;:'"()]{2,}))");
  // A bare name closing a title: "Serious Case Review: André", "... Review Tyler".
  static const std::regex closing(R"(\b(?:Review|Report)(?:\s*[:\-])?\s+([A-Z][^\s,.;:'"()]{2,})\s*$)");
  std::smatch m;
  if (std::regex_search(text, m, labelled)) return m[1].str() + " " + m[2].str();
  if (std::regex_search(text, m, quoted)) return m[1].str();
  if (std::regex_search(text, m, named)) return m[1].str();
  if (std::regex_search(text, m, closing)) {
    static const std::set<std::string> not_names = {"Panel", "Group", "Board", "Partnership", "Report", "Process",
                                                    "Team", "Final", "Summary", "Overview", "Published"};
    if (!not_names.count(m[1].str())) return m[1].str();
  }
  return {};
}

CoverSheet parse_cover_sheet(const std::string& raw_first_page) {
  CoverSheet c;
  auto lines = lines_of(normalise_chars(raw_first_page));
  std::string* current = nullptr;
  auto field = [&](const std::string& line, const char* name, std::string& into) {
    std::string l = ascii_lower(line);
    std::string n = ascii_lower(name);
    if (l.rfind(n, 0) != 0) return false;
    into = trim(line.substr(n.size()));
    current = &into;
    return true;
  };
  for (const auto& line : lines) {
    if (line.empty()) {
      current = nullptr;
      continue;
    }
    if (field(line, "Title:", c.title) || field(line, "LSCB:", c.board) || field(line, "LSCP:", c.board) ||
        field(line, "Partnership:", c.board) || field(line, "Board:", c.board) || field(line, "Author:", c.author) ||
        field(line, "Date of publication:", c.date) || field(line, "Published:", c.date)) {
      continue;
    }
    // A long value wraps onto the next line; anything after the date field is the deposit note.
    if (current && current != &c.date && line.find(':') == std::string::npos && line.size() < 80) {
      *current += " " + line;
    } else {
      current = nullptr;
    }
  }
  return c;
}

FileNameFacts parse_file_name(const std::string& relative_path, const BoardRegistry& boards) {
  FileNameFacts f;
  std::filesystem::path p(relative_path);
  std::string stem = p.stem().string();
  std::string folder = p.parent_path().filename().string();
  if (!folder.empty()) {
    if (const Board* b = boards.find(folder)) {
      f.board = b->name;
      f.board_source = Source::kFolder;
    }
  }
  static const std::regex repo_style(R"(^((?:19|20)\d\d)([A-Za-z][A-Za-z0-9]*?)(SCR|LCSPR|CSPR|PracticeReview|SeriousCaseReview)?(?:[-_ ]\d+)?$)");
  std::smatch m;
  if (std::regex_match(stem, m, repo_style)) {
    f.year = std::stoi(m[1]);
    std::string t = m[3].str();
    f.review_type = t == "SCR" || t == "SeriousCaseReview" ? "SCR" : t.empty() ? "" : "CSPR";
    std::string words = split_camel(m[2].str());
    if (f.board.empty()) {
      if (const Board* b = boards.find_in_text(words)) {
        f.board = b->name;
        f.board_source = Source::kFileName;
      }
    }
    // The pseudonym is what follows the board's words.
    std::string pseudo = find_pseudonym(words);
    if (pseudo.empty()) {
      std::string last = words.substr(words.find_last_of(' ') == std::string::npos ? 0 : words.find_last_of(' ') + 1);
      if (!boards.find(last)) pseudo = pseudonym_from_slug(last);
    }
    // "CornwallChildLCSPR": "Child L" + "CSPR", not "Child" + "LCSPR".
    static const std::regex bare_kind(R"(^(Child|Baby|Young Person|Family|Sibling)$)");
    if (t == "LCSPR" && std::regex_match(pseudo, bare_kind)) {
      pseudo += " L";
      f.review_type = "CSPR";
    } else if (std::regex_match(pseudo, bare_kind)) {
      pseudo.clear();
    }
    f.pseudonym = pseudo;
    return f;
  }
  // Slug styles: words separated by '-', '_' or spaces.
  std::vector<std::string> tokens;
  std::string tok;
  for (char ch : stem) {
    if (ch == '-' || ch == '_' || ch == ' ' || ch == '.') {
      if (!tok.empty()) tokens.push_back(tok);
      tok.clear();
    } else {
      tok += ch;
    }
  }
  if (!tok.empty()) tokens.push_back(tok);
  // A pseudonym written across separators ("child-k", "baby_a", "young-person-r") is one token.
  {
    std::vector<std::string> merged;
    auto short_mark = [](const std::string& t) {
      return !t.empty() && t.size() <= 2 &&
             (std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isalpha(c); }) ||
              std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); }));
    };
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::string l = ascii_lower(tokens[i]);
      if (l == "young" && i + 2 < tokens.size() && ascii_lower(tokens[i + 1]) == "person" && short_mark(tokens[i + 2])) {
        merged.push_back("youngperson" + tokens[i + 2]);
        i += 2;
      } else if ((l == "child" || l == "baby" || l == "family" || l == "sibling") && i + 1 < tokens.size() &&
                 short_mark(tokens[i + 1])) {
        merged.push_back(l + tokens[i + 1]);
        i += 1;
      } else {
        merged.push_back(tokens[i]);
      }
    }
    tokens = std::move(merged);
  }
  std::string joined;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string l = ascii_lower(tokens[i]);
    if (l.size() == 4 && std::all_of(l.begin(), l.end(), [](unsigned char c) { return std::isdigit(c); }) &&
        (l.rfind("19", 0) == 0 || l.rfind("20", 0) == 0)) {
      f.year = std::stoi(l);
    } else if (l == "scr") {
      f.review_type = "SCR";
    } else if (l == "cspr" || l == "lcspr") {
      f.review_type = "CSPR";
    } else {
      joined += (joined.empty() ? "" : " ") + tokens[i];
    }
  }
  if (f.board.empty()) {
    if (const Board* b = boards.find_in_text(joined)) {
      f.board = b->name;
      f.board_source = Source::kFileName;
    } else if (!tokens.empty()) {
      // "kensingtonandchelsea": a board slug without separators.
      for (const auto& candidate : boards.boards()) {
        std::string slug;
        for (unsigned char ch : ascii_lower(candidate.name)) {
          if (std::isalnum(ch)) slug += static_cast<char>(ch);
        }
        if (ascii_lower(tokens[0]) == slug) {
          f.board = candidate.name;
          f.board_source = Source::kFileName;
          break;
        }
      }
    }
  }
  // Words of file names that are never a child's name.
  static const std::set<std::string> not_names = {
      "overview", "report", "final", "review", "summary", "published", "executive", "version", "redacted",
      "serious", "case", "learning", "child", "children", "childrens", "safeguarding", "practice", "local",
      "partnership", "board", "lscb", "lscp", "scp", "scr", "cspr", "lcspr", "full", "anonymised", "draft",
      "appendix", "action", "plan", "briefing", "the", "and", "for", "into", "death", "baby", "young", "person",
      "family", "rapid", "lessons", "document", "web", "public", "publication", "exec", "response"};
  for (const auto& t : tokens) {
    std::string l = ascii_lower(t);
    if (not_names.count(l)) continue;
    std::string p2 = pseudonym_from_slug(l);
    if (!p2.empty() && p2.find(' ') != std::string::npos) {
      f.pseudonym = p2;
      break;
    }
  }
  if (f.pseudonym.empty() && !f.board.empty()) {
    // A first name: a token after the board and type that is not a board word.
    for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
      std::string l = ascii_lower(*it);
      if (not_names.count(l) || boards.find(l)) continue;
      if (std::all_of(l.begin(), l.end(), [](unsigned char c) { return std::isalpha(c); }) && l.size() >= 3) {
        std::string slug_board;
        for (unsigned char ch : ascii_lower(f.board)) {
          if (std::isalnum(ch)) slug_board += static_cast<char>(ch);
        }
        if (l == slug_board) continue;
        f.pseudonym = pseudonym_from_slug(l);
        break;
      }
    }
  }
  return f;
}

namespace {

// A board named as written in a source (its region with it), when that source is stronger than
// the board's so far. A name not found as a whole is looked for inside the text.
void offer_board(ReportMeta& meta, const BoardRegistry& boards, const std::string& name_as_written, Source from,
                 bool search_inside) {
  const Board* b = search_inside ? boards.find_in_text(name_as_written) : boards.find(name_as_written);
  if (!b && !search_inside) b = boards.find_in_text(name_as_written);
  if (b && meta.board.offer(b->name, from)) meta.region.value = b->region, meta.region.source = from;
}

// 1. The national repository's cover sheet.
void from_cover_sheet(const MetadataInput& in, const BoardRegistry& boards, ReportMeta& meta) {
  if (in.raw_pages.empty()) return;
  CoverSheet cs = parse_cover_sheet(in.raw_pages[0]);
  if (!cs.found()) return;
  if (!cs.title.empty()) meta.title.offer(cs.title, Source::kCoverSheet);
  if (!cs.board.empty()) offer_board(meta, boards, cs.board, Source::kCoverSheet, false);
  if (!cs.author.empty()) meta.author.offer(cs.author, Source::kCoverSheet);
  auto [y, m] = parse_date(cs.date);
  if (y) meta.year.offer(y, Source::kCoverSheet);
  if (m) meta.month.offer(m, Source::kCoverSheet);
  if (auto t = review_type_in(cs.title); !t.empty()) meta.review_type.offer(t, Source::kCoverSheet);
  if (auto p = find_pseudonym(normalise_chars(cs.title)); !p.empty()) meta.pseudonym.offer(p, Source::kCoverSheet);
}

// 2. The PDF's Info dictionary: a title unless it is a word processor's file name.
void from_pdf_info(const MetadataInput& in, ReportMeta& meta) {
  if (!in.info.title.empty() && !junk_pdf_title(in.info.title)) {
    std::string t = normalise_chars(in.info.title);
    meta.title.offer(t, Source::kPdfInfo);
    if (auto rt = review_type_in(t); !rt.empty()) meta.review_type.offer(rt, Source::kPdfInfo);
    if (auto p = find_pseudonym(t); !p.empty()) meta.pseudonym.offer(p, Source::kPdfInfo);
  }
  if (!in.info.author.empty() && ascii_lower(in.info.author).find("microsoft") == std::string::npos) {
    meta.author.offer(normalise_chars(in.info.author), Source::kPdfInfo);
  }
}

// 3. File name and folder.
void from_file_name(const MetadataInput& in, const BoardRegistry& boards, ReportMeta& meta) {
  FileNameFacts fn = parse_file_name(in.relative_path, boards);
  if (fn.year) meta.year.offer(fn.year, Source::kFileName);
  if (!fn.board.empty()) offer_board(meta, boards, fn.board, fn.board_source, false);
  if (!fn.pseudonym.empty()) meta.pseudonym.offer(fn.pseudonym, Source::kFileName);
  if (!fn.review_type.empty()) meta.review_type.offer(fn.review_type, Source::kFileName);
}

// A pseudonym found in the text where the file name gave one: file names drop accents ("zoe" for
// "Zoë") or the accented letters ("andr" for "André"), so the text's spelling wins when it is the
// same name.
void prefer_text_spelling(ReportMeta& meta, const std::string& from_text) {
  if (meta.pseudonym.offer(from_text, Source::kText) || meta.pseudonym.source != Source::kFileName) return;
  std::string a = alnum_key(fold_accents(meta.pseudonym.value)), b = alnum_key(fold_accents(from_text)), b_ascii;
  for (unsigned char ch : alnum_key(from_text)) {
    if (ch < 0x80) b_ascii += static_cast<char>(ch);
  }
  if (a.empty() || b.rfind(a, 0) == 0 || b_ascii.rfind(a, 0) == 0) meta.pseudonym = {from_text, Source::kText};
}

// 4. The text of the first pages: board, title, date, review type, pseudonym.
void from_first_pages(const MetadataInput& in, const BoardRegistry& boards, ReportMeta& meta) {
  std::string cover = in.raw_pages.empty() ? "" : normalise_chars(in.raw_pages[0]);
  std::string early;
  for (size_t i = 0; i < in.clean_pages.size() && i < 5; ++i) early += in.clean_pages[i] + "\n";
  // Board: on the cover, else in the running header, else anywhere early.
  std::string furniture;
  for (const auto& f : in.furniture) furniture += f + "\n";
  for (const std::string* text : {&cover, &furniture, &early}) {
    if (meta.board.known()) break;
    if (const Board* b = boards.find_in_text(*text)) {
      meta.board.offer(b->name, Source::kText);
      meta.region.value = b->region;
      meta.region.source = Source::kText;
    }
  }
  // Title: the block of cover lines that names the review and the child, read from the laid-out
  // lines when the extractor had them (they carry type sizes), else from the raw text's lines.
  std::vector<TextLine> cover_lines;
  if (!in.cover_lines.empty()) {
    for (const auto& l : in.cover_lines) cover_lines.push_back({normalise_chars(l.text), l.font_size});
  } else {
    for (auto& l : lines_of(cover)) cover_lines.push_back({std::move(l), 0});
  }
  if (auto t = cover_title(cover_lines, boards); !t.empty()) meta.title.offer(t, Source::kText);
  if (auto [y, m] = parse_date(cover); y) {
    meta.year.offer(y, Source::kText);
    if (m) meta.month.offer(m, Source::kText);
  }
  if (auto t = review_type_in(cover + "\n" + meta.title.value); !t.empty()) meta.review_type.offer(t, Source::kText);
  if (auto p = find_pseudonym(normalise_chars(meta.title.value)); !p.empty()) prefer_text_spelling(meta, p);
}

// The outcome from the opening pages (the cover excluded): death or serious harm, whichever is
// said first; and the incident year, a year in the sentence that says the child died or was harmed
// ("Child K died in October 2019", "In March 2016 Child K suffered serious injuries"), not after
// the publication year.
void outcome_and_incident_year(const std::string& body, ReportMeta& meta) {
  static const std::regex death(R"(\b(died|death of|was killed|fatal|murder(ed)?|took (his|her|their) own life)\b)",
                                std::regex::icase);
  static const std::regex harm(R"(\b(serious(ly)? (harm|injur\w*)|suffered (serious|significant|life-changing)|near[- ]fatal)\b)",
                               std::regex::icase);
  std::smatch d, h;
  bool has_d = std::regex_search(body, d, death), has_h = std::regex_search(body, h, harm);
  if (has_d && (!has_h || d.position(0) < h.position(0))) meta.outcome.offer("death", Source::kText);
  else if (has_h) meta.outcome.offer("serious-harm", Source::kText);
  if (!has_d && !has_h) return;
  size_t at = static_cast<size_t>(has_d && (!has_h || d.position(0) < h.position(0)) ? d.position(0) : h.position(0));
  size_t from = body.find_last_of(".\n", at), to = body.find_first_of(".\n", at);
  from = from == std::string::npos ? 0 : from + 1;
  std::string sentence = body.substr(from, to == std::string::npos ? std::string::npos : to - from);
  static const std::regex year_re(R"(\b(19[5-9][0-9]|20[0-9][0-9])\b)");
  int best = 0;
  for (std::sregex_iterator it(sentence.begin(), sentence.end(), year_re), end; it != end; ++it) {
    int y = std::stoi((*it)[1].str());
    if (meta.year.known() && y > meta.year.value) continue;
    best = std::max(best, y);
  }
  if (best) meta.incident_year.offer(best, Source::kText);
}

void age_from_text(const std::string& body, ReportMeta& meta) {
  int months = find_age_months(body);
  if (months >= 0 && months < 18 * 12) {
    meta.child_age_months.offer(months, Source::kText);
    meta.age_band.offer(age_band_for_months(months), Source::kText);
  }
}

// Sex: pronouns in the sentences that name the child.
void sex_from_pronouns(const std::string& body, ReportMeta& meta) {
  if (!meta.pseudonym.known()) return;
  int he = 0, she = 0;
  std::string name = meta.pseudonym.value;
  // In a "Family U" review the child is usually "Child U1" (or "U1").
  static const std::regex family(R"(^Family ([A-Z]{1,2})$)");
  std::smatch fm;
  if (std::regex_match(name, fm, family)) {
    std::regex member("\\b(Child " + fm[1].str() + "\\d)\\b");
    std::smatch mm;
    if (std::regex_search(body, mm, member)) name = mm[1].str();
  }
  for (size_t pos = body.find(name); pos != std::string::npos && pos < body.size(); pos = body.find(name, pos + 1)) {
    size_t end = body.find_first_of(".\n", pos);
    std::string sentence = " " + ascii_lower(body.substr(pos, end == std::string::npos ? std::string::npos : end - pos)) + " ";
    for (const char* w : {" he ", " his ", " him ", " himself "}) {
      for (size_t q = sentence.find(w); q != std::string::npos; q = sentence.find(w, q + 1)) ++he;
    }
    for (const char* w : {" she ", " her ", " herself "}) {
      for (size_t q = sentence.find(w); q != std::string::npos; q = sentence.find(w, q + 1)) ++she;
    }
  }
  if (he > she) meta.sex.offer("male", Source::kText);
  else if (she > he) meta.sex.offer("female", Source::kText);
}

}  // namespace

ReportMeta find_metadata(const MetadataInput& in, const BoardRegistry& boards) {
  // Each source offers what it finds; a field keeps the value of its strongest source.
  ReportMeta meta;
  from_cover_sheet(in, boards, meta);
  from_pdf_info(in, meta);
  from_file_name(in, boards, meta);
  from_first_pages(in, boards, meta);
  // Outcome, age and sex from the opening pages (the cover excluded).
  std::string body;
  for (size_t i = 1; i < in.clean_pages.size() && i < 6; ++i) body += in.clean_pages[i] + "\n";
  outcome_and_incident_year(body, meta);
  age_from_text(body, meta);
  sex_from_pronouns(body, meta);
  // Derived: the review type from the year, when nothing said it (SCRs were replaced in 2019).
  if (!meta.review_type.known() && meta.year.known()) {
    meta.review_type.offer(meta.year.value < 2019 ? "SCR" : "CSPR", Source::kDerived);
  }
  if (meta.title.known()) meta.title.value = normalise_one_line(meta.title.value);
  return meta;
}

}  // namespace scr
