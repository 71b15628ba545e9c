// Word-level phrase matching on cleaned text, shared by the theme tagger and the agency finder.
//
// Text is cut into words (runs of letters and digits, accents folded, lower case): "Co-sleeping"
// and "co sleeping" are both the words "co" "sleeping", "mother's" is "mother" "s". A phrase is a
// sequence of such words; a word ending in '*' matches any word it starts ("neglect*"). Matching is
// longest-first and consumes the words it matched, so "adult social care" is not also "social care".
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace scr {

struct Word {
  std::string text;   ///< folded, lower case
  size_t begin = 0;   ///< byte offsets in the text it came from
  size_t end = 0;
  bool clause_start = false;  ///< first word, or after ';', ':', '(' or a dash between spaces
};

/// The words of `text` (see above).
std::vector<Word> split_words(std::string_view text);

/// The synonym-table key of a phrase: "=" then its words, English-stemmed, without the
/// "a"/"an"/"the" that queries add or drop, a trailing '*' ignored: "the missed health
/// appointments" and "missed health appointment*" share "=miss health appoint".
std::string synonym_key(std::string_view phrase);

class PhraseSet {
 public:
  struct Match {
    size_t first = 0;  ///< index of the first word matched
    size_t last = 0;   ///< one past the last word
    std::vector<int> ids;  ///< payloads of every phrase of this (longest) length matching here
  };

  /// Adds `phrase` with payload `id`. Returns false (and adds nothing) when it has no words.
  bool add(std::string_view phrase, int id);
  /// Longest, non-overlapping matches, left to right.
  std::vector<Match> find(const std::vector<Word>& words) const;
  /// Every match starting at word `i`, longest first (no consuming): used for cue lookups.
  size_t longest_at(const std::vector<Word>& words, size_t i, std::vector<int>* ids) const;
  bool empty() const { return phrases_.empty(); }

 private:
  struct Phrase {
    std::vector<std::string> words;  ///< a trailing '*' marks a prefix word
    int id;
  };
  bool matches_at(const Phrase& p, const std::vector<Word>& words, size_t i) const;
  /// Phrases without a wildcard live in a word trie: a text word is looked up once per step
  /// instead of being compared with every phrase that starts with it (cue lists hold hundreds
  /// of phrases opening "the", "not" or "no"). Node 0 is the root.
  struct Node {
    std::unordered_map<std::string, uint32_t> next;
    std::vector<size_t> phrases;  ///< indexes into phrases_ that end here
  };
  /// A cheap test before any hashing: bit `first_key(w)` is set for the first word of every phrase
  /// that starts with an exact word. Most text words open no phrase of a given cue list, and 30
  /// lists are looked up over every paragraph that mentions a theme.
  static size_t first_key(const std::string& word);
  std::bitset<4096> first_words_;
  std::vector<Phrase> phrases_;
  std::vector<Node> trie_ = std::vector<Node>(1);
  std::unordered_map<std::string, std::vector<size_t>> by_first_;  ///< phrases with a wildcard, by exact first word
  std::vector<size_t> wildcard_first_[256];  ///< phrases whose first word ends in '*', by first byte
};

}  // namespace scr
