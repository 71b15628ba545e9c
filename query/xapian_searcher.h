// The Searcher over a Xapian index (private to the query library). One class, its definitions
// split by the question they answer:
//   searcher.cc         opening, following the writer's commits, retrying, shards, lookups by id
//   searcher_search.cc  a search: the literal one, a search for recommendations, similar reports
//   searcher_hits.cc    the hits of a search: their summaries and their snippets' pages
//   searcher_trends.cc  trend tables and board coverage
#pragma once

#include <sys/types.h>
#include <xapian.h>

#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "facets.h"
#include "highlighter.h"
#include "intent.h"
#include "scr/agencies.h"
#include "scr/boards.h"
#include "scr/error.h"
#include "scr/intents.h"
#include "scr/search.h"
#include "scr/taxonomy.h"
#include "scr/text_cache.h"

namespace scr {

class XapianSearcher final : public Searcher {
 public:
  /// `dir` is an index folder, or a Xapian stub file naming shards. Throws Error when it cannot be
  /// opened or holds another schema.
  explicit XapianSearcher(const std::string& dir);

  bool reopen() override;
  long reopens() const override { return reopens_; }
  IndexInfo info() override;
  std::optional<ReportRecord> report(const std::string& id) override;
  SearchResult search(const SearchRequest& request) override;
  SearchResult similar(const std::string& id, size_t limit) override;
  std::variant<TrendTable, QueryError> trends(const TrendRequest& request) override;
  Coverage coverage(const CoverageRequest& request) override;

 private:
  using json = nlohmann::json;

  /// Searches and trend tables stop after this long (Xapian's match time limit).
  static constexpr double kTimeLimitSeconds = 2.0;

  // searcher.cc
  /// What every operation taking a query string refuses before parsing it.
  static std::optional<QueryError> check_query_text(const std::string& query);
  /// Xapian readers see a consistent snapshot; when the writer has since recycled the blocks it
  /// reads, the operation throws DatabaseModifiedError: reopen and run the whole operation again.
  /// No Xapian type leaves the library (its exceptions are not std::exceptions).
  template <class F>
  auto retrying(F&& f) -> decltype(f()) {
    for (int attempt = 0;; ++attempt) {
      try {
        if (attempt == 0 && refresh()) ++reopens_;
        return f();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= 3) throw Error(dir_ + ": the index kept changing under the search; try again");
        refresh();
      } catch (const Xapian::DatabaseError& e) {
        throw Error(dir_ + ": index error: " + e.get_description());
      } catch (const Xapian::Error& e) {
        throw Error(dir_ + ": " + e.get_description());
      }
    }
  }
  static ino_t inode_of(const std::string& path);
  bool refresh();
  static std::vector<std::string> stub_shards(const std::string& stub);
  FacetCache* facet_cache();

  // searcher_search.cc
  SearchResult run(const SearchRequest& request);
  SearchResult run_literal(const SearchRequest& request);
  SearchResult run_recommendations(const SearchRequest& request, const QueryIntent& intent);
  std::map<std::string, std::vector<FacetValue>> facet_results(const FacetSpy& spy) const;

  // searcher_hits.cc
  /// The terms whose positions show where a search's words stand, one group per word of the query:
  /// an unstemmed term is its own group; a stem (Xapian keeps no positions for "Zneglect") is the
  /// group of the index's words with that stem ("neglect", "neglected", "neglecting").
  using PositionTerms = std::vector<std::vector<std::string>>;
  PositionTerms position_terms_of(const std::vector<std::string>& query_terms, const Xapian::Stem& stemmer) const;
  void fill_hits(SearchResponse& r, const Xapian::MSet& mset, const PositionTerms& position_terms,
                 const std::vector<std::string>& phrases, const SearchRequest& request,
                 Highlighter* highlighter = nullptr);
  void fill_hits(SearchResponse& r, const std::vector<Xapian::MSetIterator>& items, const PositionTerms& position_terms,
                 const std::vector<std::string>& phrases, const SearchRequest& request, Highlighter* highlighter);
  std::vector<size_t> candidate_pages(Xapian::docid did, const json& rec, const PositionTerms& position_terms,
                                      size_t how_many);
  std::optional<std::vector<std::string>> cached_pages(const std::string& sha, const std::vector<size_t>* only) const;

  // searcher_trends.cc
  std::variant<TrendTable, QueryError> run_trends(const TrendRequest& request);

  std::string dir_;
  BoardRegistry boards_;
  /// Facet slug -> the name shown ("kingston-upon-thames" -> "Kingston upon Thames"), made once:
  /// computing every board's slug for every facet value was a tenth of a search's instructions.
  std::unordered_map<std::string, std::string> board_names_, region_names_;
  std::vector<TextCache> caches_;
  std::string db_path_;   ///< the database folder; empty for a stub file of shards
  ino_t opened_ino_ = 0;  ///< its inode when opened (0: not followed)
  std::atomic<long> reopens_{0};
  FacetCache facet_cache_;
  Xapian::rev facet_cache_revision_ = 0;
  Taxonomy taxonomy_;
  AgencyVocabulary agencies_;
  IntentVocabulary intents_;
  Xapian::Database db_;
};

}  // namespace scr
