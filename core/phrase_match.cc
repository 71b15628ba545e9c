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
  if (p.words[0].back() == '*') wildcard_first_[static_cast<unsigned char>(p.words[0][0])].push_back(index);
  else by_first_[p.words[0]].push_back(index);
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

size_t PhraseSet::longest_at(const std::vector<Word>& words, size_t i, std::vector<int>* ids) const {
  size_t best = 0;
  if (ids) ids->clear();
  auto consider = [&](size_t index) {
    const Phrase& p = phrases_[index];
    if (p.words.size() < best || !matches_at(p, words, i)) return;
    if (p.words.size() > best) {
      best = p.words.size();
      if (ids) ids->clear();
    }
    if (ids && std::find(ids->begin(), ids->end(), p.id) == ids->end()) ids->push_back(p.id);
  };
  if (auto it = by_first_.find(words[i].text); it != by_first_.end()) {
    for (size_t index : it->second) consider(index);
  }
  if (!words[i].text.empty()) {
    for (size_t index : wildcard_first_[static_cast<unsigned char>(words[i].text[0])]) consider(index);
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
