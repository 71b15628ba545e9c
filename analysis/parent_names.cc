#include "parent_names.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "scr/phrase_match.h"

namespace scr {
namespace {

// Capitalised words that stand beside a role word without being a name ("his mother, Child A,",
// "the father (Mr B)", "Mother (MA)" keeps its initials out: names of two letters or fewer).
const std::set<std::string>& not_names() {
  static const std::set<std::string> s = {"child", "baby", "the", "and", "but", "who", "which", "when", "she", "he",
                                          "they", "her", "his", "mr", "mrs", "ms", "miss", "dr", "mother", "father",
                                          "police", "children", "young", "also", "however", "later", "then"};
  return s;
}

bool capitalised(std::string_view text, const Word& w) {
  return w.begin < text.size() && std::isupper(static_cast<unsigned char>(text[w.begin]));
}

bool name_like(std::string_view text, const Word& w) {
  return capitalised(text, w) && w.text.size() > 2 && !not_names().count(w.text) &&
         std::all_of(w.text.begin(), w.text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

bool is_title(const Word& w) {
  return w.text == "ms" || w.text == "mr" || w.text == "mrs" || w.text == "miss" || w.text == "dr";
}

// The name starting at word j, as a key ("helen", or "ms k" for a title and what follows it), and
// the index past it; an empty key when there is none.
std::pair<std::string, size_t> name_at(std::string_view text, const std::vector<Word>& words, size_t j) {
  if (j < words.size() && is_title(words[j]) && j + 1 < words.size() && capitalised(text, words[j + 1]) &&
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
    if (n > 0 && is_title(words[n - 1]) && capitalised(text, words[n])) {
      names.insert(words[n - 1].text + " " + words[n].text);
    } else if (name_like(text, words[n])) {
      names.insert(words[n].text);
    }
  }
}

}  // namespace

std::set<std::string> parent_names(const std::vector<std::string_view>& texts, const std::set<std::string>& roles) {
  std::set<std::string> candidates, lower, inside;
  std::vector<std::vector<Word>> words_of;
  for (std::string_view text : texts) {
    words_of.push_back(split_words(text));
    collect(text, words_of.back(), roles, candidates);
  }
  if (candidates.empty()) return candidates;
  for (size_t t = 0; t < texts.size(); ++t) {
    const auto& words = words_of[t];
    for (size_t k = 0; k < words.size(); ++k) {
      // A title and what follows it are one name ("ms k"); its title is always capitalised.
      if (is_title(words[k]) && k + 1 < words.size() && candidates.count(words[k].text + " " + words[k + 1].text)) {
        if (k > 0 && texts[t].substr(words[k - 1].end, words[k].begin - words[k - 1].end).find_first_of(".?!:") ==
                         std::string_view::npos) {
          inside.insert(words[k].text + " " + words[k + 1].text);
        }
        continue;
      }
      if (!candidates.count(words[k].text)) continue;
      if (!capitalised(texts[t], words[k])) {
        lower.insert(words[k].text);
      } else if (k > 0) {
        std::string_view g = texts[t].substr(words[k - 1].end, words[k].begin - words[k - 1].end);
        if (g.find_first_of(".?!:") == std::string_view::npos) inside.insert(words[k].text);
      }
    }
  }
  std::set<std::string> out;
  for (const auto& c : candidates) {
    if (!lower.count(c) && inside.count(c)) out.insert(c);
  }
  return out;
}

}  // namespace scr
