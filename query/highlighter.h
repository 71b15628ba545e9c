// The query's words found in a page of text, and the best passage of it with them marked: the
// snippet generator of a search. It replaces Xapian's MSet::snippet, which tokenises and stems
// every word it is given and weighs each passage with the whole query (about 0.7 M instructions a
// call, half of a search's CPU): here a word is stemmed only when it could match (its first byte
// is the first byte of a query stem), stems are remembered for the rest of the search, and the
// passage is chosen from the matches alone.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace scr {

/// What a search's words look like in text, read from the Xapian query that ran.
struct HighlightTerms {
  struct Term {
    std::string word;    ///< folded word ("mother"), stem ("neglect" of Zneglect) or wildcard prefix
    double weight = 1;   ///< the term's weight in the search (rarer words weigh more)
  };
  std::vector<Term> exact;     ///< unstemmed terms: the word itself matches
  std::vector<Term> stems;     ///< a word matches when its stem is one of these
  std::vector<Term> prefixes;  ///< wildcards ("neglec*"): a word that starts with one matches
  /// Quoted phrases: their words are marked only where the whole phrase stands.
  struct Phrase {
    std::vector<std::string> words;
    double weight = 1;
  };
  std::vector<Phrase> phrases;

  /// The free-text terms of `query` (prefixed field and filter terms left out), weighted from `mset`
  /// when it knows them. A word that is only in a phrase is not a loose term.
  static HighlightTerms from_query(const Xapian::Query& query, const Xapian::MSet* mset = nullptr);
  bool empty() const { return exact.empty() && stems.empty() && prefixes.empty() && phrases.empty(); }
};

/// Finds the terms in text and writes snippets. One per search (it remembers stems): not thread-safe.
class Highlighter {
 public:
  Highlighter(HighlightTerms terms, const Xapian::Stem& stem);

  /// The passage of about `bytes` bytes of `text` that holds the most distinct terms (then the
  /// rarer ones, then more occurrences), with `&`, `<` and `>` escaped (as Xapian's snippets), each
  /// match in <mark>…</mark> (a phrase in one), "…" where the passage cuts the text. Empty when
  /// nothing in `text` matches.
  std::string snippet(std::string_view text, size_t bytes);
  const HighlightTerms& terms() const { return terms_; }

 private:
  struct Token {
    size_t begin = 0, end = 0;          ///< bytes of the word in the text
    size_t folded = 0, folded_len = 0;  ///< its folded form in folded_
  };
  struct Match {
    size_t first = 0, last = 0;  ///< tokens [first, last]
    int key = 0;                 ///< which term or phrase (distinct terms weigh once)
    double weight = 0;
  };

  void tokenise(std::string_view text);
  std::string_view folded(const Token& t) const { return std::string_view(folded_).substr(t.folded, t.folded_len); }
  /// The key of the loose term `word` matches, or -1.
  int match_word(std::string_view word);

  HighlightTerms terms_;
  const Xapian::Stem& stem_;
  bool first_byte_[256] = {};                   ///< first bytes of the stems
  /// Hashes strings and string views alike, so that a word is looked up without a copy.
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
  };
  /// word -> key or -1, for words that needed a stem
  std::unordered_map<std::string, int, WordHash, std::equal_to<>> seen_;
  std::vector<Token> tokens_;
  std::string folded_;
  std::vector<Match> matches_;
};

}  // namespace scr
