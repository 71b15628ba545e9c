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
  std::vector<std::string> notes;
  bool has_free_text = false;     ///< anything to rank on (else: filters only)
  std::vector<Expansion> expansions;  ///< theme synonyms applied
};

/// Builds queries against one database. Holds a Xapian::QueryParser: one per thread.
class QueryBuilder {
 public:
  QueryBuilder(const Xapian::Database& db, const BoardRegistry& boards);
  /// Throws Xapian::QueryParserError (turned into a QueryError by the caller) on bad syntax.
  BuiltQuery build(const SearchRequest& request);
  /// The taxonomy phrasings in the query's plain words (field:value tokens and operators left
  /// out), each with its theme, segmented to cover as many words as possible; `left_over` gets
  /// the words no phrasing covers.
  std::vector<Expansion> theme_expansions(const std::string& text, std::string* left_over) const;
  /// The stemmer queries and snippets share with the indexer.
  const Xapian::Stem& stemmer() const { return stem_; }

 private:
  Xapian::QueryParser make_parser(Xapian::Query::op default_op);
  Xapian::Query filters(const SearchFilters& f) const;

  const Xapian::Database& db_;
  const BoardRegistry& boards_;
  Xapian::Stem stem_{"en"};
};

/// The canonical spelling of a facet value given by a user (board names resolved through the
/// board table, "<1" and "under 1" to "under-1", ...), as the term value the index holds.
std::string filter_value(const std::string& field, const std::string& value, const BoardRegistry& boards);

}  // namespace scr
