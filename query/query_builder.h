// From the user's query string and filters to a Xapian query: the syntax of docs/query-syntax.md.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "scr/boards.h"
#include "scr/search.h"

namespace scr {

struct BuiltQuery {
  Xapian::Query query;            ///< what to run (filters included)
  Xapian::Query relaxed;          ///< the same with words ORed instead of ANDed (fallback), or empty
  Xapian::Query boost;            ///< pseudonym boost to combine with OP_AND_MAYBE, or empty
  std::string corrected;          ///< spelling suggestion, "" if none
  std::vector<Expansion> expansions;  ///< theme synonyms applied
};

/// Builds queries against one database. Holds a Xapian::QueryParser: one per thread.
class QueryBuilder {
 public:
  QueryBuilder(const Xapian::Database& db, const BoardRegistry& boards);
  /// Throws Xapian::QueryParserError (turned into a QueryError by the caller) on bad syntax.
  BuiltQuery build(const SearchRequest& request);
  /// `text` parsed as plain words (every word required, or any), without rewriting or filters.
  Xapian::Query words(const std::string& text, bool all_words);
  /// The stemmer queries and snippets share with the indexer.
  const Xapian::Stem& stemmer() const { return stem_; }

 private:
  // A run of query tokens [first, last) that is one taxonomy phrasing.
  struct PhraseSpan {
    size_t first = 0, last = 0;
    std::string phrase;               ///< its words, folded: "bed sharing"
    std::vector<std::string> themes;  ///< theme ids the synonym table gives it
  };
  struct Rewrite;

  Xapian::QueryParser make_parser(Xapian::Query::op default_op);
  /// Whether a word of `text` (operators aside) is not a term of the index, so may be misspelt.
  bool has_unknown_word(std::string_view text) const;
  Xapian::Query filters(const SearchFilters& f) const;
  /// The themes of one phrasing, from the index's synonym table.
  std::vector<std::string> themes_of(const std::string& phrase) const;
  /// The taxonomy phrasings among plain-word tokens, segmented to cover as many words as possible.
  std::vector<PhraseSpan> segment(const std::vector<std::string>& tokens) const;
  /// The query text with each phrasing replaced, in place, by a token standing for "its words OR
  /// the reports tagged with its themes": operators, brackets and NOT keep their meaning around it.
  std::string rewrite(const std::vector<std::string>& tokens, Rewrite& rw);

  const Xapian::Database& db_;
  const BoardRegistry& boards_;
  Xapian::Stem stem_{"en"};
};

/// Whether `field` ("board", "year", ...) is a filter field of the query syntax.
bool is_filter_field(std::string_view field);

}  // namespace scr
