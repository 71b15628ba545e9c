#include "parent_names.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "scr/phrase_match.h"

namespace scr {
namespace {

// Capitalised words that stand beside a role word without being a name ("his mother, Child A,";
// titles are kept out by is_title, and "Mother (MA)" keeps its initials out: names of two letters
// or fewer).
const std::set<std::string>& not_names() {
  static const std::set<std::string> s = {"child", "baby", "the", "and", "but", "who", "which", "when", "she", "he",
                                          "they", "her", "his", "mother", "father", "police", "children", "young",
                                          "also", "however", "later", "then"};
  return s;
}

bool capitalised(std::string_view text, const Word& w) {
  return w.begin < text.size() && std::isupper(static_cast<unsigned char>(text[w.begin]));
}

bool name_like(std::string_view text, const Word& w) {
  return capitalised(text, w) && w.text.size() > 2 && !not_names().count(w.text) && !is_title(w.text) &&
         std::all_of(w.text.begin(), w.text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

// The name starting at word j, as a key ("helen", or "ms k" for a title and what follows it), and
// the index past it; an empty key when there is none.
std::pair<std::string, size_t> name_at(std::string_view text, const std::vector<Word>& words, size_t j) {
  if (j < words.size() && is_title(words[j].text) && j + 1 < words.size() && capitalised(text, words[j + 1]) &&
      text.substr(words[j].end, words[j + 1].begin - words[j].end).find_first_of(",;()") == std::string_view::npos) {
    return {words[j].text + " " + words[j + 1].text, j + 2};
  }
  if (j < words.size() && name_like(text, words[j])) return {words[j].text, j + 1};
  return {"", j};
}

// Adds the candidates of one text to `names`.
void collect(std::string_view text, const std::vector<Word>& words, const std::set<std::string>& roles,
             std::set<std::string>& names) {
  auto gap = [&](size_t k) {  // the text between word k and word k + 1
    return k + 1 < words.size() ? text.substr(words[k].end, words[k + 1].begin - words[k].end) : text.substr(words[k].end);
  };
  auto holds = [](std::string_view g, std::string_view marks) { return g.find_first_of(marks) != std::string_view::npos; };
  auto possessive = [&](size_t k) {
    return words[k].text == "his" || words[k].text == "her" || words[k].text == "their";
  };
  for (size_t i = 0; i < words.size(); ++i) {
    if (!roles.count(words[i].text)) continue;
    // "her mother, Helen," / "the father (Dean)" / "his mother, Ms K,": role, comma or bracket,
    // name, closing mark; the role after "his", "her", "their", "the" or a possessive "'s".
    if (i > 0 && i + 1 < words.size() && holds(gap(i), ",(") && !holds(gap(i), ".;") &&
        (possessive(i - 1) || words[i - 1].text == "the" || words[i - 1].text == "s")) {
      auto [name, past] = name_at(text, words, i + 1);
      if (!name.empty() && holds(gap(past - 1), ",).;")) names.insert(name);
    }
    // "Helen, his mother," / "Helen, Alfie's mother," / "Dean (father)": name, comma or bracket,
    // an optional possessive, role, closing mark.
    if (!holds(gap(i), ",).;")) continue;
    size_t n = std::string::npos;
    if (i >= 1 && holds(gap(i - 1), "(") && !holds(gap(i - 1), ".")) n = i - 1;
    if (i >= 2 && possessive(i - 1) && holds(gap(i - 2), ",") && !holds(gap(i - 2), ".")) n = i - 2;
    // "Helen, Alfie's mother", "Ms K, Child K's mother": the comma before the possessor's name.
    for (size_t back = i >= 2 ? i - 2 : 0; i >= 2 && words[i - 1].text == "s" && back >= 1 && back + 4 >= i; --back) {
      if (holds(gap(back - 1), ",") && !holds(gap(back - 1), ".")) {
        n = back - 1;
        break;
      }
    }
    if (n == std::string::npos) continue;
    if (n > 0 && is_title(words[n - 1].text) && capitalised(text, words[n])) {
      names.insert(words[n - 1].text + " " + words[n].text);
    } else if (name_like(text, words[n])) {
      names.insert(words[n].text);
    }
  }
}

}  // namespace

bool is_title(std::string_view w) { return w == "ms" || w == "mr" || w == "mrs" || w == "miss" || w == "dr"; }

std::set<std::string> parent_names(const std::vector<std::string_view>& texts, const std::set<std::string>& roles) {
  // Reports are long and most of their words are no role: role words are found by a byte scan,
  // and only the few bytes around each are split into words (tagging must stay cheap, issue 12).
  std::vector<std::vector<std::string>> roles_by_length(24);
  std::set<std::string> role_words;  // the roles a name can stand beside: no title
  for (const auto& r : roles) {
    if (is_title(r)) continue;
    role_words.insert(r);
    if (r.size() < roles_by_length.size()) roles_by_length[r.size()].push_back(r);
  }
  auto is_role = [&](std::string_view w) {
    if (w.size() >= roles_by_length.size()) return false;
    for (const auto& r : roles_by_length[w.size()]) {
      bool same = true;
      for (size_t k = 0; same && k < w.size(); ++k) same = std::tolower(static_cast<unsigned char>(w[k])) == r[k];
      if (same) return true;
    }
    return false;
  };
  auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  std::set<std::string> candidates;
  constexpr size_t kReach = 80;  // bytes either side of a role word: its appositive and a possessor
  for (std::string_view text : texts) {
    const size_t n = text.size();
    for (size_t i = 0; i < n;) {
      if (!alpha(text[i])) {
        ++i;
        continue;
      }
      const size_t b = i;
      while (i < n && alpha(text[i])) ++i;
      // An appositive needs punctuation beside the role: a comma or bracket after it ("his
      // mother, Helen,", "Dean (father)"), or a stop after it and a comma shortly before ("Dean,
      // her partner."). Most role words have neither and are passed over before any splitting.
      size_t after = i;
      while (after < n && text[after] == ' ') ++after;
      const char next = after < n ? text[after] : '\0';
      const bool comma_before = text.substr(b > 40 ? b - 40 : 0, b > 40 ? 40 : b).find(',') != std::string_view::npos;
      if (!(next == ',' || next == '(' || next == ')' || ((next == '.' || next == ';') && comma_before))) continue;
      if (!is_role(text.substr(b, i - b))) continue;
      size_t from = b > kReach ? b - kReach : 0, to = std::min(n, i + kReach);
      while (from > 0 && from < b && text[from - 1] != ' ' && text[from - 1] != '\n') ++from;
      while (to < n && to > i && text[to] != ' ' && text[to] != '\n') --to;
      std::string_view window = text.substr(from, to - from);
      collect(window, split_words(window), role_words, candidates);
    }
  }
  if (candidates.empty()) return candidates;
  // Each candidate as it is written ("Helen", "Ms K"): never in lower case, and capitalised at
  // least once inside a sentence.
  std::set<std::string> out;
  for (const auto& c : candidates) {
    std::string written = c;
    for (size_t k = 0; k < written.size(); ++k) {
      if (k == 0 || written[k - 1] == ' ') written[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(written[k])));
    }
    bool inside = false, in_lower_case = false;
    auto whole_word = [&](std::string_view text, size_t at, size_t len) {
      return (at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]))) &&
             (at + len >= text.size() || !std::isalnum(static_cast<unsigned char>(text[at + len])));
    };
    for (std::string_view text : texts) {
      for (size_t at = text.find(written); at != std::string_view::npos && !inside; at = text.find(written, at + 1)) {
        if (!whole_word(text, at, written.size())) continue;
        size_t k = at;
        while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\n')) --k;
        inside = k > 0 && std::string_view(".?!:").find(text[k - 1]) == std::string_view::npos;
      }
      if (c.find(' ') == std::string::npos) {
        for (size_t at = text.find(c); at != std::string_view::npos && !in_lower_case; at = text.find(c, at + 1)) {
          in_lower_case = whole_word(text, at, c.size());
        }
      }
    }
    if (inside && !in_lower_case) out.insert(c);
  }
  return out;
}

}  // namespace scr
