// Searching an scr index: ranked, snippeted, faceted, with the query syntax in docs/query-syntax.md.
//
// No Xapian type appears here. A Searcher is not thread-safe: use one per thread (they are cheap
// to open, and each reopens by itself when the indexer commits).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace scr {

/// kNewest/kOldest: by publication date; kRecentlyIndexed: newest first indexed first (feeds).
enum class SortOrder { kRelevance, kNewest, kOldest, kRecentlyIndexed };

/// What a search is narrowed to, by the filter fields of scr/fields.h: each field's values are
/// ORed, the fields ANDed (board: Kent or Essex, and theme neglect). A value is spelt as a person
/// types it (the query syntax's board:, theme:, sex: ... take the same values).
struct SearchFilters {
  /// The values given for `field` (its name or alias: "review" or "review_type"); empty when none.
  /// Throws std::invalid_argument for a name that is not a filter field.
  const std::vector<std::string>& of(std::string_view field) const;
  /// The values for `field`, to set or add to.
  std::vector<std::string>& of(std::string_view field);
  /// Every field with values, by the field's name.
  const std::map<std::string, std::vector<std::string>, std::less<>>& by_field() const { return by_field_; }

  std::optional<int> year_from, year_to;  ///< inclusive

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> by_field_;
};

struct SearchRequest {
  std::string query;                ///< the query string (docs/query-syntax.md); may be empty with filters
  SearchFilters filters;            ///< ANDed with the query; values within one list are ORed
  SortOrder sort = SortOrder::kRelevance;
  size_t offset = 0;
  size_t limit = 10;                ///< capped at kMaxLimit
  std::vector<std::string> facets;  ///< year, board, region, status, type, review_type, outcome, age, sex, theme, agency
  bool snippets = true;
  size_t snippets_per_hit = 2;      ///< at most 5
  size_t snippet_bytes = 300;
  /// A phrasing of a taxonomy theme ("bed sharing") also finds the reports tagged with that theme
  /// (which may say "co-sleeping" instead), ranked first when they also have the words.
  bool expand_synonyms = true;
  /// Search the words as written: a query asking for recommendations ("what was recommended to
  /// GPs about ...") is not read as one (SearchResponse::interpreted_as).
  bool literal = false;

  static constexpr size_t kMaxLimit = 100;
  static constexpr size_t kMaxQueryBytes = 2000;
};

struct Snippet {
  int page = 0;       ///< 1-based PDF page
  std::string html;   ///< HTML-escaped text, query words in <mark>...</mark>
  /// When the snippet is one of the report's recommendations or findings (a search for
  /// recommendations): its label, "Recommendation 3"; else "".
  std::string label;
};

struct Hit {
  std::string id;
  double score = 0;  ///< Xapian's weight; 0 when sorted by date
  int percent = 0;   ///< relevance as a percentage of the best hit
  std::string title, board, region, review_type, pseudonym, status, doc_type, file;
  int year = 0;
  int pages = 0;
  double indexed_at = 0;  ///< unix seconds when first indexed
  std::string implementation;  ///< a recommendation's imported status ("done"), else ""
  std::vector<std::string> themes;
  std::vector<Snippet> snippets;
};

struct FacetValue {
  std::string value;
  size_t count = 0;
};

struct Total {
  size_t value = 0;
  bool exact = true;        ///< false: value is an estimate between lower and upper
  size_t lower = 0, upper = 0;
};

/// A query phrase that the taxonomy's synonym table widened to a theme.
struct Expansion {
  std::string phrase;  ///< as the query had it, folded: "bed sharing"
  std::string theme;   ///< theme id: "unsafe-sleep"
};

/// How the query was understood (SearchRequest::literal turns the reading off).
struct Interpretation {
  std::string kind = "reports";        ///< "reports", or "recommendations": reports ranked by their matching recommendations
  std::vector<std::string> agencies;   ///< addressees the query names (agency ids)
  std::string query;                   ///< what the recommendations were searched for ("" for any)
  std::string description;             ///< the reading in words, for the user
};

struct SearchResponse {
  Total total;
  std::vector<Hit> hits;
  std::map<std::string, std::vector<FacetValue>> facets;  ///< facet -> values, most frequent first (years in order)
  std::string suggestion;     ///< "did you mean" query, "" when none
  bool partial_match = false; ///< no report matched every word: these match some of them
  std::vector<std::string> notes;  ///< what was done to the query, for the user (fallbacks, capped wildcards)
  std::vector<Expansion> expansions;  ///< theme synonyms used (SearchRequest::expand_synonyms)
  Interpretation interpreted_as;
  std::string parsed_query;   ///< Xapian's description of the query run (for debugging)
  double took_ms = 0;
};

/// A query the user can fix: the message says what is wrong, in words.
struct QueryError {
  std::string message;
};

using SearchResult = std::variant<SearchResponse, QueryError>;

/// One report's stored record.
struct ReportRecord {
  std::string id;
  /// The record as stored (docs/index-schema.md, "Document data") with each recommendation's
  /// imported implementation status merged in and the index's internals (page starts) left out;
  /// empty when `damaged`.
  std::string json;
  bool damaged = false;  ///< the stored record is not a JSON object
};

struct IndexInfo {
  size_t documents = 0;
  std::string revision;
  std::string corpus_root;
  int schema = 0;
};

struct TrendRequest;  // scr/trends.h
struct TrendTable;
struct CoverageRequest;
struct Coverage;

class Searcher {
 public:
  /// Opens an index folder read-only, or a Xapian stub file naming several shards (one
  /// "auto <index>/xapian" line each, paths relative to the stub), searched as one; snippets come
  /// from each shard's text cache. Throws scr::Error when it is missing or unreadable.
  static std::unique_ptr<Searcher> open(const std::string& index_dir);
  virtual ~Searcher() = default;

  /// Runs a search. Never throws for anything a user typed; scr::Error only when the index itself fails.
  virtual SearchResult search(const SearchRequest& request) = 0;
  /// Reports like report `id` (relevance feedback on its most telling terms), itself excluded.
  virtual SearchResult similar(const std::string& id, size_t limit) = 0;
  /// The stored record of report `id`, or nullopt.
  virtual std::optional<ReportRecord> report(const std::string& id) = 0;
  /// A trend table (scr/trends.h): counts per period and value, exact, in one pass.
  virtual std::variant<TrendTable, QueryError> trends(const TrendRequest& request) = 0;
  /// The boards with no report published in a period. Throws scr::Error on an index failure.
  virtual Coverage coverage(const CoverageRequest& request) = 0;
  /// How many times this Searcher has picked up a new commit (each operation reopens first).
  /// Safe to read from another thread.
  virtual long reopens() const = 0;
  /// Picks up the indexer's latest commit; returns whether anything changed.
  virtual bool reopen() = 0;
  virtual IndexInfo info() = 0;
};

}  // namespace scr
