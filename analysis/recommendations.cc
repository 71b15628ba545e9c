#include "recommendations.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "scr/text.h"

namespace scr {
namespace {

// The report as one string, pages joined by '\n', with each page's start offset.
struct Flat {
  std::string text;
  std::vector<size_t> page_start;
  int page_of(size_t pos) const {
    auto it = std::upper_bound(page_start.begin(), page_start.end(), pos);
    return static_cast<int>(it - page_start.begin());
  }
};

Flat flatten(const std::vector<std::string>& pages) {
  Flat f;
  for (const auto& p : pages) {
    f.page_start.push_back(f.text.size());
    f.text += p;
    f.text += '\n';
  }
  return f;
}

struct Line {
  size_t begin, end;
};

std::vector<Line> lines_of(const std::string& text) {
  std::vector<Line> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    if (nl > start) out.push_back({start, nl});
    start = nl + 1;
  }
  return out;
}

std::string lower(std::string_view s) { return ascii_lower(s); }

int strip_section_number(std::string_view& s) {
  int number = -1;
  s = strip_heading_number(s, &number);
  return number;
}

bool ends_with_digit(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return !s.empty() && std::isdigit(static_cast<unsigned char>(s.back()));
}

// A heading that opens a recommendations section: "Recommendations", "7 Recommendations for the
// Partnership", "Summary of recommendations", "Findings and recommendations". Contents entries
// (which end in a page number) are not.
bool is_recommendations_heading(std::string_view line, int* section_number) {
  if (line.size() > 90 || ends_with_digit(line)) return false;
  *section_number = strip_section_number(line);
  std::string l = lower(line);
  if (!l.empty() && (l.back() == '.' || l.back() == ',')) return false;
  size_t at = l.find("recommendations");
  if (at == std::string::npos) at = l.find("recommendation");
  if (at == std::string::npos) at = l.find("matters of concern");  // a coroner's report's list
  if (at == std::string::npos) return false;
  // The word must come early: a heading, not a sentence that mentions recommendations.
  size_t words_before = static_cast<size_t>(std::count(l.begin(), l.begin() + static_cast<long>(at), ' '));
  if (words_before > 3) return false;
  return l.find("following recommendations") == std::string::npos && l.find(" made ") == std::string::npos;
}

// A heading that closes the section: what usually follows recommendations in a report.
bool is_end_heading(std::string_view line, int recs_section_number) {
  if (line.size() > 80) return false;
  int n = strip_section_number(line);
  std::string l = lower(line);
  static const char* kEnd[] = {"conclusion", "concluding", "glossary", "appendix", "appendices", "references",
                               "bibliography", "abbreviations", "acknowledgement", "next steps", "terms of reference",
                               "methodology", "background", "introduction", "key practice episodes", "analysis",
                               "family background", "the family", "chronology", "summary of agency"};
  for (const char* e : kEnd) {
    if (l.rfind(e, 0) == 0) return true;
  }
  // A numbered heading of the next section.
  return recs_section_number > 0 && n > recs_section_number && line.size() < 60 && !line.empty() &&
         std::isupper(static_cast<unsigned char>(line[0])) && line.back() != '.';
}

enum class Style { kWord, kR, kDot, kParen, kBothParens, kBare };
constexpr Style kStyles[] = {Style::kWord, Style::kR, Style::kDot, Style::kParen, Style::kBothParens, Style::kBare};

struct Label {
  size_t begin, end;  ///< the label itself, e.g. "R3 " or "Recommendation 3:"
};

bool boundary_before(const std::string& t, size_t pos) {
  if (pos == 0) return true;
  char c = t[pos - 1];
  return c == ' ' || c == '\n';
}

// Where the label of item `k` in `style` occurs in t[from, to), if it does.
std::optional<Label> find_label(const std::string& t, size_t from, size_t to, Style style, int k) {
  std::string num = std::to_string(k);
  auto upper_at = [&](size_t p) {
    while (p < to && t[p] == ' ') ++p;
    return p < to && (std::isupper(static_cast<unsigned char>(t[p])) || t[p] == '"' || t[p] == '\'');
  };
  std::string needle;
  switch (style) {
    case Style::kWord: needle = "ecommendation " + num; break;
    case Style::kR: needle = "R" + num; break;
    case Style::kDot: needle = num + "."; break;
    case Style::kParen: needle = num + ")"; break;
    case Style::kBothParens: needle = "(" + num + ")"; break;
    case Style::kBare: needle = num + " "; break;
  }
  size_t pos = from;
  while (pos < to) {
    size_t at = t.find(needle, pos);
    if (at == std::string::npos || at + needle.size() > to) return std::nullopt;
    pos = at + 1;
    size_t begin = at, end = at + needle.size();
    if (style == Style::kWord) {
      if (at == 0 || (t[at - 1] != 'R' && t[at - 1] != 'r')) continue;
      begin = at - 1;
      if (!boundary_before(t, begin)) continue;
      if (end < t.size() && std::isdigit(static_cast<unsigned char>(t[end]))) continue;  // "Recommendation 12" for 1
      while (end < to && (t[end] == ':' || t[end] == '.' || t[end] == ' ' || t[end] == '-' || t[end] == ')')) ++end;
      return Label{begin, end};
    }
    if (!boundary_before(t, begin)) continue;
    if (style == Style::kR) {
      if (end < t.size() && std::isdigit(static_cast<unsigned char>(t[end]))) continue;
      // "R10Children's ...": a label set in its own column can lose the space before the text.
      if (end >= to || !(t[end] == ' ' || t[end] == ':' || t[end] == '.' || t[end] == ')' ||
                         std::isupper(static_cast<unsigned char>(t[end])))) {
        continue;
      }
      while (end < to && (t[end] == ':' || t[end] == '.' || t[end] == ' ' || t[end] == ')')) ++end;
      return Label{begin, end};
    }
    if (style == Style::kBare) {
      // A bare number only where a table row or list line starts: after a line break or a sentence end.
      bool row_start = begin == 0 || t[begin - 1] == '\n' ||
                       (begin >= 2 && t[begin - 1] == ' ' && (t[begin - 2] == '.' || std::isalpha(static_cast<unsigned char>(t[begin - 2]))));
      if (!row_start || !upper_at(end)) continue;
      return Label{begin, end};
    }
    // "3. The ...", "3) The ...", and "3.The ..." where the label lost its space.
    if (end < to && t[end] != ' ' && !std::isupper(static_cast<unsigned char>(t[end]))) continue;
    while (end < to && t[end] == ' ') ++end;
    if (!upper_at(end) && !(end < to && t[end] == '(')) continue;
    return Label{begin, end};
  }
  return std::nullopt;
}

std::vector<Label> label_sequence(const std::string& t, size_t from, size_t to, Style style) {
  std::vector<Label> out;
  size_t pos = from;
  for (int k = 1; k < 200; ++k) {
    auto l = find_label(t, pos, to, style, k);
    if (!l) break;
    out.push_back(*l);
    pos = l->end;
  }
  return out;
}

bool is_sub_item_start(std::string_view s) {
  if (s.size() >= 3 && std::islower(static_cast<unsigned char>(s[0])) && (s[1] == ')' || s[1] == '.') && s[2] == ' ') return true;
  if (s.size() >= 4 && s[0] == '(' && std::islower(static_cast<unsigned char>(s[1])) && s[2] == ')') return true;
  return s.rfind("\u2022", 0) == 0 || s.rfind("- ", 0) == 0 || s.rfind("i) ", 0) == 0 || s.rfind("ii) ", 0) == 0;
}

bool ends_sentence(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return !s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == '?' || s.back() == '!');
}

// An item's own text, and what follows it up to the next label (a table's lead agency column).
// The item ends at a line break where the text has finished a sentence and the next line is not a
// continuation (lower case, or a lettered sub-item).
std::pair<std::string, std::string> split_item(std::string_view body) {
  size_t end = body.size();
  size_t pos = 0;
  while (true) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) break;
    std::string_view before = body.substr(0, nl);
    std::string_view next = body.substr(nl + 1);
    bool continuation = !next.empty() && (std::islower(static_cast<unsigned char>(next[0])) || is_sub_item_start(next) ||
                                          !ends_sentence(before) || next.rfind("including", 0) == 0);
    if (!continuation) {
      end = nl;
      break;
    }
    pos = nl + 1;
  }
  auto clean = [](std::string_view s) {
    std::string out;
    for (char c : s) {
      if (c == '\n') c = ' ';
      if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
      out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  return {clean(body.substr(0, end)), clean(end < body.size() ? body.substr(end + 1) : std::string_view())};
}

const char* kModals[] = {"should", "must", "will", "shall", "needs", "need", "is", "are", "to"};

void assess(Recommendation& r, std::string trailing, const AgencyVocabulary& vocab, const ThemeTagger& tagger) {
  std::vector<Word> words = split_words(r.text);
  // A table row's lead-agency cell can run into the text on the same line: "... babies. Ofsted".
  if (!r.text.empty()) {
    size_t stop = r.text.find_last_of(".;");
    if (stop != std::string::npos && stop + 1 < r.text.size()) {
      std::string tail = r.text.substr(stop + 1);
      std::vector<Word> tail_words = split_words(tail);
      bool has_modal = false;
      for (const auto& w : tail_words) {
        for (const char* m : kModals) has_modal = has_modal || (w.text == m && w.text != "to");
      }
      if (!tail_words.empty() && tail_words.size() <= 14 && !has_modal && !vocab.agencies_in(tail_words).empty()) {
        trailing = trim(tail) + (trailing.empty() ? "" : " " + trailing);
        r.text.resize(stop + 1);
        words = split_words(r.text);
      }
    }
  }
  // The addressee is the subject before the modal verb ("The Police should ...", "It is recommended
  // that the Board ..."), else the lead-agency cell, else a "(Lead: ...)" note in the text.
  size_t start = 0;
  if (words.size() > 4 && words[0].text == "it" && words[1].text == "is" && words[2].text == "recommended" && words[3].text == "that") start = 4;
  size_t verb_at = words.size();
  for (size_t i = start; i < words.size() && i < start + 25; ++i) {
    bool modal = false;
    for (const char* m : kModals) modal = modal || words[i].text == m;
    if (modal || (i > start && vocab.is_action_verb(words[i].text))) {
      verb_at = i;
      break;
    }
  }
  if (verb_at < words.size()) r.agencies = vocab.agencies_in(words, start, verb_at);
  if (r.agencies.empty() && !trailing.empty()) r.agencies = vocab.agencies_in(split_words(trailing));
  if (r.agencies.empty()) {
    for (const char* note : {"lead agency", "lead:", "addressed to", "for:", "owner:"}) {
      std::string l = ascii_lower(r.text);
      size_t at = l.find(note);
      if (at == std::string::npos) continue;
      r.agencies = vocab.agencies_in(split_words(std::string_view(r.text).substr(at)));
      if (!r.agencies.empty()) break;
    }
  }
  r.addressee_found = !r.agencies.empty();
  // An action: the word after the modal, or an imperative first word ("Audit the quality ...").
  for (size_t i = 0; i < words.size() && i < 40 && !r.action_verb; ++i) r.action_verb = vocab.is_action_verb(words[i].text);
  r.time_frame = vocab.names_time_frame(words);
  r.measure = vocab.names_measure(words);
  for (const auto& tag : tagger.tag_text(r.text)) {
    if (tag.present) r.themes.push_back(tag.id);
  }
}

// The recommendations of one section t[from, to): the numbering style that gives the longest
// sequence 1, 2, 3, ... wins.
std::vector<Recommendation> items_in(const Flat& f, size_t from, size_t to, const AgencyVocabulary& vocab,
                                     const ThemeTagger& tagger) {
  std::vector<Label> best;
  for (Style s : kStyles) {
    auto seq = label_sequence(f.text, from, to, s);
    if (seq.size() > best.size()) best = std::move(seq);
  }
  std::vector<Recommendation> out;
  for (size_t k = 0; k < best.size(); ++k) {
    size_t body_end = k + 1 < best.size() ? best[k + 1].begin : to;
    Recommendation r;
    r.number = std::to_string(k + 1);
    r.label = trim(std::string_view(f.text).substr(best[k].begin, best[k].end - best[k].begin));
    r.page = f.page_of(best[k].begin);
    auto [text, trailing] = split_item(std::string_view(f.text).substr(best[k].end, body_end - best[k].end));
    r.text = std::move(text);
    if (r.text.empty()) continue;
    assess(r, std::move(trailing), vocab, tagger);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Recommendation> findings_in(const Flat& f, const std::vector<Line>& lines, const AgencyVocabulary& vocab,
                                        const ThemeTagger& tagger) {
  std::vector<Recommendation> out;
  int expected = 1;
  Recommendation* current = nullptr;
  bool in_questions = false;
  for (const auto& line : lines) {
    std::string_view l = std::string_view(f.text).substr(line.begin, line.end - line.begin);
    std::string prefix = "Finding " + std::to_string(expected);
    if (l.rfind(prefix, 0) == 0 && l.size() > prefix.size() && !std::isdigit(static_cast<unsigned char>(l[prefix.size()])) &&
        !ends_with_digit(l)) {
      Recommendation r;
      r.kind = "finding";
      r.number = std::to_string(expected);
      size_t title = prefix.size();
      while (title < l.size() && (l[title] == ':' || l[title] == '.' || l[title] == ' ' || l[title] == '-')) ++title;
      r.label = trim(l.substr(0, title));
      r.text = trim(l.substr(title));
      r.page = f.page_of(line.begin);
      out.push_back(std::move(r));
      current = &out.back();
      in_questions = false;
      ++expected;
      continue;
    }
    if (!current) continue;
    std::string low = lower(l);
    if ((low.rfind("questions", 0) == 0 || low.rfind("issues for", 0) == 0 || low.rfind("issues to consider", 0) == 0) &&
        l.size() < 80) {
      in_questions = true;
      continue;
    }
    if (in_questions) {
      if (is_sub_item_start(l) || l.find('?') != std::string_view::npos) {
        std::string_view q = l;
        if (q.rfind("\u2022", 0) == 0) q.remove_prefix(3);
        else if (q.rfind("- ", 0) == 0) q.remove_prefix(2);
        current->questions.push_back(trim(q));
      } else {
        in_questions = false;
        current = nullptr;
      }
    }
  }
  // A finding is assessed on its title and questions together (each its own line: the title
  // states, the questions ask); its text stays the title.
  for (auto& r : out) {
    std::string title = r.text;
    for (const auto& q : r.questions) r.text += "\n" + q;
    assess(r, "", vocab, tagger);
    r.text = std::move(title);
  }
  return out;
}

}  // namespace

std::vector<Recommendation> find_recommendations(const std::vector<std::string>& pages, const AgencyVocabulary& agencies,
                                                 const ThemeTagger& tagger) {
  Flat f = flatten(pages);
  std::vector<Line> lines = lines_of(f.text);
  std::vector<Recommendation> best;
  // Every recommendations section (an executive summary may repeat them): the richest wins.
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = std::string_view(f.text).substr(lines[i].begin, lines[i].end - lines[i].begin);
    int number = -1;
    if (!is_recommendations_heading(l, &number)) continue;
    size_t from = lines[i].end;
    size_t to = f.text.size();
    int from_page = f.page_of(from);
    for (size_t j = i + 1; j < lines.size(); ++j) {
      std::string_view m = std::string_view(f.text).substr(lines[j].begin, lines[j].end - lines[j].begin);
      if (is_end_heading(m, number) || f.page_of(lines[j].begin) > from_page + 15) {
        to = lines[j].begin;
        break;
      }
    }
    auto items = items_in(f, from, to, agencies, tagger);
    if (items.size() >= best.size()) best = std::move(items);
  }
  if (best.empty()) {
    // No section: recommendations set out through the text as "Recommendation 1: ...".
    auto seq = label_sequence(f.text, 0, f.text.size(), Style::kWord);
    if (!seq.empty()) best = items_in(f, seq.front().begin, f.text.size(), agencies, tagger);
  }
  auto findings = findings_in(f, lines, agencies, tagger);
  for (auto& r : findings) best.push_back(std::move(r));
  return best;
}

std::vector<Recommendation> find_numbered_items(const std::vector<std::string>& pages, const AgencyVocabulary& agencies,
                                                const ThemeTagger& tagger) {
  Flat f = flatten(pages);
  return items_in(f, 0, f.text.size(), agencies, tagger);
}

}  // namespace scr
