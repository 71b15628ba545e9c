#include "scr/phrase_match.h"

#include <algorithm>
#include <cctype>

#include "scr/text.h"

#include <xapian.h>

namespace scr {

namespace {

bool is_abbreviation(const std::string& w) {
  static const char* const kAbbreviations[] = {"dr", "mr", "mrs", "ms", "prof", "para", "paras", "approx", "fig",
                                               "ref", "vol", "pp", "cf", "vs", "e", "g", "i", "st", "nos"};
  for (const char* a : kAbbreviations) {
    if (w == a) return true;
  }
  return false;
}

}  // namespace

std::vector<Word> split_words(std::string_view text) {
  // Accents are folded per word, not over the whole text, so that offsets stay those of `text`.
  std::vector<Word> out;
  out.reserve(text.size() / 5);
  bool clause = true;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c) || c >= 0x80) {
      size_t start = i;
      bool non_ascii = false;
      while (i < n) {
        unsigned char d = static_cast<unsigned char>(text[i]);
        if (std::isalnum(d)) {
          ++i;
        } else if (d >= 0x80) {
          // Typographic punctuation that survived cleaning (it should not) still ends a word.
          if (text.substr(i, 3) == "\u2019" || text.substr(i, 3) == "\u2013" || text.substr(i, 3) == "\u2014") break;
          non_ascii = true;
          ++i;
        } else {
          break;
        }
      }
      if (i == start) {
        // The text starts with typographic punctuation here: skip it as punctuation (making a
        // word of nothing would never move on).
        i += 3;
        continue;
      }
      Word w;
      w.begin = start;
      w.end = i;
      if (non_ascii) {
        w.text = ascii_lower(fold_accents(text.substr(start, i - start)));
      } else {
        w.text.assign(text.data() + start, i - start);
        for (auto& ch : w.text) {
          if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
        }
      }
      w.clause_start = clause;
      // A paragraph number ("4.11 Had there been ...") does not open the clause: the word after it does.
      bool number = std::all_of(w.text.begin(), w.text.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
      if (!(number && clause)) clause = false;
      out.push_back(std::move(w));
      continue;
    }
    if (c == ';' || c == ':' || c == '(' || c == ')' || c == '?' || c == '!') clause = true;
    // A full stop ends a sentence, except after an abbreviation ("Dr. Jones", "para. 4", "e.g.").
    if (c == '.' && !(out.size() && is_abbreviation(out.back().text) && out.back().end == i)) clause = true;
    if (c == '-' && i > 0 && i + 1 < n && text[i - 1] == ' ' && text[i + 1] == ' ') clause = true;
    ++i;
  }
  return out;
}

std::string synonym_key(std::string_view phrase) {
  thread_local Xapian::Stem stem("en");
  std::string key = "=";
  for (const auto& w : split_words(phrase)) {
    if (w.text == "a" || w.text == "an" || w.text == "the") continue;
    if (key.size() > 1) key += ' ';
    key += stem(w.text);
  }
  return key;
}

bool PhraseSet::add(std::string_view phrase, int id) {
  Phrase p;
  p.id = id;
  // Each space-separated piece is split as text is ("0-19" is "0" "19"); a piece "*" matches any
  // one word, and a '*' ending a piece makes its last word a prefix.
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && phrase[i] == ' ') ++i;
    size_t j = phrase.find(' ', i);
    if (j == std::string_view::npos) j = phrase.size();
    std::string_view piece = phrase.substr(i, j - i);
    i = j;
    if (piece.empty()) continue;
    if (piece == "*") {
      p.words.push_back("*");
      continue;
    }
    std::vector<Word> words = split_words(piece);
    for (size_t k = 0; k < words.size(); ++k) {
      bool star = k + 1 == words.size() && piece.back() == '*';
      p.words.push_back(star ? words[k].text + "*" : words[k].text);
    }
  }
  if (p.words.empty() || p.words[0] == "*") return false;
  size_t index = phrases_.size();
  if (p.words[0].back() != '*') first_words_.set(first_key(p.words[0]));
  const bool wildcard = std::any_of(p.words.begin(), p.words.end(), [](const std::string& w) { return w.back() == '*'; });
  if (!wildcard) {
    uint32_t node = 0;
    for (const auto& w : p.words) {
      auto it = trie_[node].next.find(w);
      if (it == trie_[node].next.end()) {
        trie_.emplace_back();
        it = trie_[node].next.emplace(w, static_cast<uint32_t>(trie_.size() - 1)).first;
      }
      node = it->second;
    }
    trie_[node].phrases.push_back(index);
  } else if (p.words[0].back() == '*') {
    wildcard_first_[static_cast<unsigned char>(p.words[0][0])].push_back(index);
  } else {
    by_first_[p.words[0]].push_back(index);
  }
  phrases_.push_back(std::move(p));
  return true;
}

bool PhraseSet::matches_at(const Phrase& p, const std::vector<Word>& words, size_t i) const {
  if (i + p.words.size() > words.size()) return false;
  for (size_t k = 0; k < p.words.size(); ++k) {
    const std::string& want = p.words[k];
    const std::string& got = words[i + k].text;
    if (want == "*") continue;
    if (want.back() == '*') {
      if (got.compare(0, want.size() - 1, want, 0, want.size() - 1) != 0 || got.size() < want.size() - 1) return false;
    } else if (want != got) {
      return false;
    }
  }
  return true;
}

size_t PhraseSet::first_key(const std::string& word) {
  // The length and the first three bytes: enough to tell most words apart, no loop over the word.
  size_t k = word.size() * 131;
  for (size_t j = 0; j < 3 && j < word.size(); ++j) k = k * 31 + static_cast<unsigned char>(word[j]);
  return k & 4095;
}

size_t PhraseSet::longest_at(const std::vector<Word>& words, size_t i, std::vector<int>* ids) const {
  if (ids) ids->clear();
  const bool exact_first = first_words_.test(first_key(words[i].text));
  if (!exact_first && (words[i].text.empty() || wildcard_first_[static_cast<unsigned char>(words[i].text[0])].empty())) {
    return 0;
  }
  size_t best = 0;
  // The phrases of the best length, by the order they were added (a theme's phrasing before its
  // indicator: the tagger counts the first payload of a theme at a place).
  thread_local std::vector<size_t> found;  // reused: this runs for every word of every cue list
  found.clear();
  auto take = [&](size_t length, size_t index) {
    if (length < best) return;
    if (length > best) {
      best = length;
      found.clear();
    }
    found.push_back(index);
  };
  uint32_t node = 0;
  for (size_t k = i; exact_first && k < words.size(); ++k) {
    auto it = trie_[node].next.find(words[k].text);
    if (it == trie_[node].next.end()) break;
    node = it->second;
    for (size_t index : trie_[node].phrases) take(k + 1 - i, index);
  }
  auto consider = [&](size_t index) {
    const Phrase& p = phrases_[index];
    if (p.words.size() >= best && matches_at(p, words, i)) take(p.words.size(), index);
  };
  if (exact_first && !by_first_.empty()) {
    if (auto it = by_first_.find(words[i].text); it != by_first_.end()) {
      for (size_t index : it->second) consider(index);
    }
  }
  if (!words[i].text.empty()) {
    for (size_t index : wildcard_first_[static_cast<unsigned char>(words[i].text[0])]) consider(index);
  }
  if (ids) {
    ids->clear();
    std::sort(found.begin(), found.end());
    for (size_t index : found) {
      if (std::find(ids->begin(), ids->end(), phrases_[index].id) == ids->end()) ids->push_back(phrases_[index].id);
    }
  }
  return best;
}

std::vector<PhraseSet::Match> PhraseSet::find(const std::vector<Word>& words) const {
  std::vector<Match> out;
  std::vector<int> ids;
  for (size_t i = 0; i < words.size();) {
    size_t len = longest_at(words, i, &ids);
    if (len == 0) {
      ++i;
      continue;
    }
    out.push_back({i, i + len, ids});
    i += len;
  }
  return out;
}

}  // namespace scr
