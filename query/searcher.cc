#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "facets.h"
#include "intent.h"
#include "query_string.h"
#include "query_builder.h"
#include "report_record.h"
#include "scr/boards.h"
#include "scr/error.h"
#include "scr/intents.h"
#include "scr/schema.h"
#include "scr/search.h"
#include "scr/text.h"
#include "scr/text_cache.h"
#include "snippets.h"
#include "trend_counter.h"
#include "scr/trends.h"

namespace scr {
namespace {

namespace sc = schema;
using nlohmann::json;

std::string meta_string(const json& rec, const char* field) {
  if (!rec.contains("meta") || !rec["meta"].contains(field)) return "";
  const json& v = rec["meta"][field]["value"];
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// Searches and trend tables stop after this long (Xapian's match time limit).
constexpr double kTimeLimitSeconds = 2.0;

class XapianSearcher final : public Searcher {
 public:
  explicit XapianSearcher(const std::string& dir)
      : dir_(dir),
        boards_(BoardRegistry::load_default()),
        taxonomy_(Taxonomy::load_default()),
        agencies_(AgencyVocabulary::load_default()),
        intents_(IntentVocabulary::load_default()) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(dir, ec)) {
      // A Xapian stub file naming several shards (one "auto <index>/xapian" line each): Xapian
      // searches them as one database; each shard's text cache sits beside its database.
      for (const auto& shard : stub_shards(dir)) caches_.emplace_back(shard + "/text-cache");
      try {
        db_ = Xapian::Database(dir);
      } catch (const Xapian::Error& e) {
        throw Error(dir + ": cannot open the shards this stub file names (" + e.get_msg() + ")");
      }
    } else {
      caches_.emplace_back(dir + "/text-cache");
      try {
        db_path_ = dir + "/xapian";
        db_ = Xapian::Database(db_path_);
        opened_ino_ = inode_of(db_path_);
      } catch (const Xapian::Error& e) {
        throw Error(dir + ": cannot open the index (" + e.get_msg() + "); build one with scr-index --index " + dir);
      }
    }
    // The first board of a slug names it (as the search over the table did).
    for (const auto& b : boards_.boards()) board_names_.emplace(sc::term_value(b.name), b.name);
    for (const auto& reg : english_regions()) region_names_.emplace(sc::term_value(reg), reg);
    std::string schema = db_.get_metadata(std::string(sc::kMetaSchema));
    if (!schema.empty() && schema != std::to_string(sc::kSchemaVersion)) {
      throw Error(dir + ": index schema " + schema + ", this program reads schema " + std::to_string(sc::kSchemaVersion) +
                  ". " + sc::mismatch_advice(dir, schema));
    }
  }

  bool reopen() override {
    bool changed = refresh();
    if (changed) ++reopens_;
    return changed;
  }

  long reopens() const override { return reopens_; }

  IndexInfo info() override {
    return retrying([&] {
      IndexInfo i;
      i.documents = db_.get_doccount();
      i.revision = std::to_string(db_.get_revision());
      i.corpus_root = db_.get_metadata(std::string(sc::kMetaCorpusRoot));
      std::string s = db_.get_metadata(std::string(sc::kMetaSchema));
      i.schema = s.empty() ? 0 : std::stoi(s);
      return i;
    });
  }

  std::optional<ReportRecord> report(const std::string& id) override {
    return retrying([&]() -> std::optional<ReportRecord> {
      std::string q = sc::make_term(sc::kPrefixId, id);
      auto it = db_.postlist_begin(q);
      if (it == db_.postlist_end(q)) return std::nullopt;
      auto served = served_report_record(db_, id, db_.get_document(*it).get_data());
      return served ? ReportRecord{id, std::move(*served)} : ReportRecord{id, "", true};
    });
  }

  // What every operation taking a query string refuses before parsing it. Invalid UTF-8 would be
  // cleaned to nothing and widen the query to every report: refused, never guessed at.
  static std::optional<QueryError> check_query_text(const std::string& query) {
    if (query.size() > SearchRequest::kMaxQueryBytes) {
      return QueryError{"The query is too long (" + std::to_string(query.size()) + " bytes; at most " +
                        std::to_string(SearchRequest::kMaxQueryBytes) + ")."};
    }
    if (!is_valid_utf8(query)) return QueryError{"The query is not valid UTF-8 text; send it UTF-8 encoded."};
    return std::nullopt;
  }

  SearchResult search(const SearchRequest& request) override {
    if (auto e = check_query_text(request.query)) return *e;
    for (const auto& f : request.facets) {
      if (!known_facet(f)) {
        return QueryError{"Unknown facet '" + f +
                          "'. Facets: year, board, region, status, type, review_type, outcome, age, sex, theme, agency, era."};
      }
    }
    return retrying([&]() -> SearchResult { return run(request); });
  }

  SearchResult similar(const std::string& id, size_t limit) override {
    return retrying([&]() -> SearchResult {
      auto start = std::chrono::steady_clock::now();
      std::string q = sc::make_term(sc::kPrefixId, id);
      auto it = db_.postlist_begin(q);
      if (it == db_.postlist_end(q)) return QueryError{"No report with id '" + id + "'."};
      Xapian::RSet rset;
      rset.add_document(*it);
      Xapian::Enquire enq(db_);
      // Relevance feedback on the report's most telling words (free text only: no filters, no ids).
      struct FreeText : Xapian::ExpandDecider {
        bool operator()(const std::string& t) const override {
          return t.size() > 2 && std::islower(static_cast<unsigned char>(t[0])) && !std::isdigit(static_cast<unsigned char>(t[0]));
        }
      } decider;
      enq.set_query(Xapian::Query(q));
      Xapian::ESet eset = enq.get_eset(40, rset, &decider);
      std::vector<Xapian::Query> terms;
      for (auto e = eset.begin(); e != eset.end(); ++e) terms.emplace_back(*e);
      Xapian::Query like(Xapian::Query::OP_ELITE_SET, terms.begin(), terms.end(), 20);
      Xapian::Query reports(sc::make_term(sc::kPrefixDocType, sc::kDocReport));
      Xapian::Query query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_FILTER, like, reports), Xapian::Query(q));
      enq.set_query(query);
      Xapian::MSet mset = enq.get_mset(0, std::min(limit, SearchRequest::kMaxLimit));
      SearchResponse r;
      r.parsed_query = query.get_description();
      fill_hits(r, mset, {}, {}, SearchRequest{});
      r.total = {mset.get_matches_estimated(), mset.get_matches_lower_bound() == mset.get_matches_upper_bound(),
                 mset.get_matches_lower_bound(), mset.get_matches_upper_bound()};
      r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      return r;
    });
  }

  std::variant<TrendTable, QueryError> trends(const TrendRequest& request) override {
    if (auto e = check_query_text(request.query)) return *e;
    return retrying([&]() -> std::variant<TrendTable, QueryError> { return run_trends(request); });
  }

  Coverage coverage(const CoverageRequest& request) override {
    return retrying([&]() -> Coverage {
      Coverage c;
      c.period = request.period;
      Xapian::Query reports(sc::make_term(sc::kPrefixDocType, sc::kDocReport));
      Xapian::Query years(Xapian::Query::OP_VALUE_RANGE, sc::kSlotYear, Xapian::sortable_serialise(request.period.from),
                          Xapian::sortable_serialise(request.period.to));
      Xapian::Enquire enq(db_);
      enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, reports, years));
      Xapian::ValueCountMatchSpy spy(sc::kSlotBoard);
      enq.add_matchspy(&spy);
      enq.get_mset(0, 1, db_.get_doccount());
      std::set<std::string> with;
      for (auto v = spy.values_begin(); v != spy.values_end(); ++v) with.insert(*v);
      std::vector<std::pair<std::string, std::string>> considered;  // slug, name
      if (request.boards == "seen") {
        std::string prefix = std::string(sc::kPrefixBoard);
        for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
          std::string slug = (*t).substr(prefix.size());
          if (!slug.empty() && slug[0] == ':') slug.erase(0, 1);
          const Board* b = nullptr;
          for (const auto& x : boards_.boards()) {
            if (sc::term_value(x.name) == slug) b = &x;
          }
          considered.emplace_back(slug, b ? b->name : slug);
        }
      } else {
        for (const auto& b : boards_.boards()) considered.emplace_back(sc::term_value(b.name), b.name);
      }
      c.boards_considered = considered.size();
      for (const auto& [slug, name] : considered) (with.count(slug) ? c.with_reports : c.without).push_back(name);
      std::sort(c.with_reports.begin(), c.with_reports.end());
      std::sort(c.without.begin(), c.without.end());
      return c;
    });
  }

 private:
  std::variant<TrendTable, QueryError> run_trends(const TrendRequest& request) {
    auto start = std::chrono::steady_clock::now();
    std::unique_ptr<DimensionSpec> cross;
    DimensionSpec dim;
    try {
      dim = dimension_spec(request.dimension, taxonomy_, agencies_, boards_);
      if (!request.cross.empty()) cross = std::make_unique<DimensionSpec>(dimension_spec(request.cross, taxonomy_, agencies_, boards_));
    } catch (const Error& e) {
      return QueryError{e.what()};
    }
    if (!request.cross.empty() && request.cross == request.dimension) {
      return QueryError{"a dimension cannot be crossed with itself (" + request.cross + " x " + request.cross + ")"};
    }
    if (request.unit != "reports" && request.unit != "recommendations") {
      return QueryError{"the unit is \"reports\" or \"recommendations\", not \"" + request.unit + "\""};
    }
    SearchRequest search;
    search.query = request.query;
    search.filters = request.filters;
    search.expand_synonyms = request.expand_synonyms;
    if (request.unit == "recommendations" && search.filters.doc_types.empty()) {
      search.filters.doc_types = {std::string(sc::kDocRecommendation), std::string(sc::kDocFinding)};
    }
    QueryBuilder builder(db_, boards_);
    BuiltQuery built;
    try {
      built = builder.build(search);
    } catch (const Xapian::Error& e) {
      return QueryError{"The query could not be understood: " + e.get_msg()};
    }
    // Rows first: the periods given, else every year of the filters' range when it has both ends
    // (zero-filled), else every year from the first to the last seen.
    std::vector<Period> periods;
    for (const auto& p : request.periods) {  // a period asked for twice is one row
      if (std::none_of(periods.begin(), periods.end(), [&](const Period& q) { return q.from == p.from && q.to == p.to; })) {
        periods.push_back(p);
      }
    }
    const auto too_many_rows = [](size_t rows) {
      return QueryError{"the table would have " + std::to_string(rows) + " rows; at most " +
                        std::to_string(TrendRequest::kMaxRows) + ": pool the years into periods or narrow the year range"};
    };
    if (periods.size() > TrendRequest::kMaxRows) return too_many_rows(periods.size());
    if (request.year != "publication" && request.year != "incident") {
      return QueryError{"year is \"publication\" or \"incident\", not \"" + request.year + "\""};
    }
    TrendSpy spy(periods, dim, cross.get(),
                 std::string(request.year == "incident" ? sc::kPrefixIncidentYear : sc::kPrefixYear));
    Xapian::Enquire enq(db_);
    enq.set_query(built.query);
    enq.add_matchspy(&spy);
    enq.set_time_limit(kTimeLimitSeconds);
    Xapian::MSet counted = enq.get_mset(0, 1, db_.get_doccount());  // exact: every match goes through the spy
    if (counted.get_matches_lower_bound() != counted.get_matches_upper_bound()) {
      // Stopped by the time limit: the counts would be short. A wrong count is worse than none.
      return QueryError{"the trend table took longer than " + std::to_string(static_cast<int>(kTimeLimitSeconds)) +
                        " s to count; narrow the base query or the years"};
    }
    if (periods.empty()) {
      int from = 0, to = 0;
      if (request.filters.year_from && request.filters.year_to) {
        from = *request.filters.year_from;
        to = *request.filters.year_to;
      } else if (!spy.years().empty()) {
        from = request.filters.year_from.value_or(*spy.years().begin());
        to = request.filters.year_to.value_or(*spy.years().rbegin());
      }
      if (from && to >= from && static_cast<size_t>(to - from) + 1 > TrendRequest::kMaxRows) {
        return too_many_rows(static_cast<size_t>(to - from) + 1);
      }
      for (int y = from; y && y <= to; ++y) periods.push_back({y, y});
    }
    if (periods.size() * spy.column_bound() > TrendRequest::kMaxCells) {
      return QueryError{"the table would have " + std::to_string(periods.size()) + " rows x up to " +
                        std::to_string(spy.column_bound()) + " columns; at most " +
                        std::to_string(TrendRequest::kMaxCells) + " cells: choose fewer periods or another dimension"};
    }
    TrendTable t = spy.table(periods, request.suppress_below);
    t.unit = request.unit;
    for (const auto& e : built.expansions) {
      t.notes.push_back("also counted reports tagged with the theme " + e.theme + " (\"" + e.phrase + "\")");
    }
    if (spy.without_year() > 0) {
      t.notes.push_back(std::to_string(spy.without_year()) + " matching " + request.unit + " have no " + request.year +
                        " year and are in no period");
    }
    if (request.suppress_below > 0) {
      t.notes.push_back("cells from 1 to " + std::to_string(request.suppress_below - 1) + " are suppressed");
    }
    t.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return t;
  }

  // Xapian readers see a consistent snapshot; when the writer has since recycled the blocks it
  // reads, the operation throws DatabaseModifiedError: reopen and run the whole operation again.
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
        // No Xapian type leaves the library (its exceptions are not std::exceptions).
        throw Error(dir_ + ": " + e.get_description());
      }
    }
  }

  static ino_t inode_of(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
  }

  // Moves to the newest commit. A database put in place of the one opened (scr-index --compact,
  // a restored backup) is another database, which Database::reopen() does not follow: it is
  // opened afresh. Until it can be, the open one goes on answering.
  bool refresh() {
    if (opened_ino_ != 0) {
      ino_t now = inode_of(db_path_);
      if (now != 0 && now != opened_ino_) {
        try {
          db_ = Xapian::Database(db_path_);
          opened_ino_ = now;
          facet_cache_.clear();  // keyed by revision, which the new database may share
          return true;
        } catch (const Xapian::Error&) {
          // Half-way through a swap without an atomic exchange: try again on the next request.
        }
      }
    }
    return db_.reopen();
  }

  SearchResult run(const SearchRequest& request) {
    if (!request.literal && request.filters.doc_types.empty()) {
      QueryIntent intent = interpret_query(normalise_query(request.query), intents_, agencies_);
      if (intent.recommendations) return run_recommendations(request, intent);
    }
    return run_literal(request);
  }

  SearchResult run_literal(const SearchRequest& request) {
    auto start = std::chrono::steady_clock::now();
    QueryBuilder builder(db_, boards_);
    BuiltQuery built;
    try {
      built = builder.build(request);
    } catch (const Xapian::QueryParserError& e) {
      return QueryError{"The query could not be understood: " + e.get_msg() +
                        ". Check that quotes and brackets are closed and that AND/OR/NOT stand between words."};
    } catch (const Xapian::WildcardError& e) {
      return QueryError{"A wildcard matched too many words (" + e.get_msg() + "); make it longer."};
    } catch (const Xapian::InvalidArgumentError& e) {
      return QueryError{"The query could not be run: " + e.get_msg()};
    }
    SearchResponse r;
    size_t limit = std::min(request.limit, SearchRequest::kMaxLimit);
    Xapian::doccount doccount = db_.get_doccount();
    // Exact counts are cheap at the sizes this corpus has (thousands to tens of thousands).
    Xapian::doccount check_at_least = doccount <= 200000 ? doccount : 0;

    auto run_query = [&](const Xapian::Query& q, std::unique_ptr<FacetSpy>& spy) {
      Xapian::Enquire enq(db_);
      enq.set_query(q);
      enq.set_time_limit(kTimeLimitSeconds);
      if (request.sort == SortOrder::kNewest) enq.set_sort_by_value_then_relevance(sc::kSlotDate, true);
      if (request.sort == SortOrder::kOldest) enq.set_sort_by_value_then_relevance(sc::kSlotDate, false);
      if (request.sort == SortOrder::kRecentlyIndexed) enq.set_sort_by_value_then_relevance(sc::kSlotIndexed, true);
      spy.reset();
      if (!request.facets.empty()) {
        spy = std::make_unique<FacetSpy>(request.facets, facet_cache());
        enq.add_matchspy(spy.get());
      }
      // Xapian estimates nothing when asked for no items: fetch one and drop it (facet-only requests).
      return enq.get_mset(request.offset, std::max<size_t>(limit, 1), check_at_least);
    };
    std::unique_ptr<FacetSpy> spy;
    Xapian::MSet mset = run_query(built.query, spy);
    Xapian::Query ran = built.query;
    if (mset.empty() && request.offset == 0 && !built.relaxed.empty() &&
        built.relaxed.get_length() > 1 && built.relaxed.get_description() != built.query.get_description()) {
      Xapian::MSet relaxed = run_query(built.relaxed, spy);
      if (!relaxed.empty()) {
        mset = relaxed;
        ran = built.relaxed;
        r.partial_match = true;
        r.notes.push_back("No report contains all of the words; showing reports that contain some of them, best first.");
      }
    }
    r.parsed_query = ran.get_description();
    r.total.lower = mset.get_matches_lower_bound();
    r.total.upper = mset.get_matches_upper_bound();
    r.total.value = mset.get_matches_estimated();
    r.total.exact = r.total.lower == r.total.upper;
    if (spy) r.facets = facet_results(*spy);
    if (!built.corrected.empty() && built.corrected != request.query) r.suggestion = built.corrected;
    r.expansions = built.expansions;
    for (const auto& e : built.expansions) {
      r.notes.push_back("Also searched reports tagged with the theme " + e.theme + " (\"" + e.phrase +
                        "\" is one of its phrasings); turn synonyms off to search the words alone.");
    }

    std::vector<std::string> terms;
    for (auto t = ran.get_unique_terms_begin(); t != ran.get_unique_terms_end(); ++t) {
      const std::string& term = *t;
      if (term.empty()) continue;
      if (std::islower(static_cast<unsigned char>(term[0])) || std::isdigit(static_cast<unsigned char>(term[0])) ||
          (term[0] == 'Z' && term.size() > 1) || static_cast<unsigned char>(term[0]) >= 0x80) {
        terms.push_back(term);
      }
    }
    std::vector<std::string> phrases;
    {
      std::string q = normalise_query(request.query);
      for (size_t a = q.find('"'); a != std::string::npos;) {
        size_t b = q.find('"', a + 1);
        if (b == std::string::npos) break;
        std::string ph = q.substr(a + 1, b - a - 1);
        for (auto& c : ph) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (ph.find(' ') != std::string::npos) phrases.push_back(ph);
        a = q.find('"', b + 1);
      }
    }
    Highlighter highlighter(HighlightTerms::from_query(ran, &mset), builder.stemmer());
    fill_hits(r, mset, terms, phrases, request, &highlighter);
    if (r.hits.size() > limit) r.hits.resize(limit);
    r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return r;
  }

  // One recommendation or finding that matched a search for recommendations.
  struct MatchedRecommendation {
    std::string label, text;
    int page = 0;
    double weight = 0;
  };

  // The reports' recommendations are searched, the reports they belong to are kept when they
  // satisfy every filter of the query (checked on the reports themselves, as any search), and
  // ranked by their matching recommendations: the best one, then the next two at half and a
  // quarter of their weight, so that a report with several matching recommendations rises.
  SearchResult run_recommendations(const SearchRequest& request, const QueryIntent& intent) {
    auto start = std::chrono::steady_clock::now();
    QueryBuilder builder(db_, boards_);
    // The filters of the rest of the query: a theme is the report's (a recommendation's own themes
    // are the words it was searched for); an agency, a clarity or an implementation status is the
    // recommendation's; the others (board, year, region...) are both's, as the recommendations
    // inherit them.
    QuerySplit split = split_filters(intent.rest, is_filter_field);
    std::string rec_text, report_text;
    auto add = [](std::string& to, const std::string& part) { to += (to.empty() ? "" : " ") + part; };
    for (const auto& t : split.text) add(rec_text, t);
    auto route = [&](const std::string& group, bool excluded) {
      std::string field = field_name(group);
      std::string token = excluded ? "-" + group : group;
      if (field == "theme") {
        add(report_text, token);
      } else if (field == "agency" || field == "clarity" || field == "implementation") {
        add(rec_text, token);
      } else {
        add(rec_text, token);
        add(report_text, token);
      }
    };
    for (const auto& g : split.filters) route(g, false);
    for (const auto& g : split.exclusions) route(g, true);

    SearchRequest for_recs;
    for_recs.query = rec_text;
    for_recs.filters = request.filters;
    for_recs.filters.themes.clear();
    for_recs.filters.doc_types = {std::string(sc::kDocRecommendation), std::string(sc::kDocFinding)};
    for_recs.expand_synonyms = request.expand_synonyms;
    SearchRequest for_reports;
    for_reports.query = report_text;
    for_reports.filters = request.filters;
    for_reports.filters.agencies.clear();
    BuiltQuery recs, reports;
    try {
      recs = builder.build(for_recs);
      reports = builder.build(for_reports);
    } catch (const Xapian::QueryParserError& e) {
      return QueryError{"The query could not be understood: " + e.get_msg() +
                        ". Check that quotes and brackets are closed and that AND/OR/NOT stand between words."};
    } catch (const Xapian::WildcardError& e) {
      return QueryError{"A wildcard matched too many words (" + e.get_msg() + "); make it longer."};
    } catch (const Xapian::InvalidArgumentError& e) {
      return QueryError{"The query could not be run: " + e.get_msg()};
    }
    // An agency the query names: recommendations addressed to it, or naming it in their text
    // (an addressee the indexer did not find: "the CCG should ensure that GPs ...").
    Xapian::Query addressed;
    if (!intent.addressees.empty()) {
      std::vector<Xapian::Query> any;
      for (const auto& a : intent.addressees) {
        any.emplace_back(sc::make_term(sc::kPrefixAgency, sc::term_value(a.agency)));
        any.push_back(builder.words(a.words, true));
      }
      addressed = Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
    }
    auto with_addressee = [&](const Xapian::Query& q) {
      return addressed.empty() || q.empty() ? q : Xapian::Query(Xapian::Query::OP_AND, q, addressed);
    };

    SearchResponse r;
    r.interpreted_as.kind = "recommendations";
    for (const auto& t : split.text) add(r.interpreted_as.query, t);  // the words, without the filters
    std::string to_whom;
    for (size_t k = 0; k < intent.addressees.size(); ++k) {
      const auto& id = intent.addressees[k].agency;
      r.interpreted_as.agencies.push_back(id);
      const Agency* a = agencies_.find(id);
      to_whom += (k == 0 ? "" : k + 1 == intent.addressees.size() ? " or " : ", ") + (a ? a->label : id);
    }
    r.interpreted_as.description = "recommendations and findings" + (to_whom.empty() ? "" : " addressed to " + to_whom) +
                                   (r.interpreted_as.query.empty() ? "" : " about \"" + r.interpreted_as.query + "\"");

    constexpr size_t kMaxRecommendations = 5000;
    auto run_recs = [&](const Xapian::Query& q) {
      Xapian::Enquire enq(db_);
      enq.set_query(q);
      enq.set_time_limit(kTimeLimitSeconds);
      return enq.get_mset(0, kMaxRecommendations, kMaxRecommendations);
    };
    Xapian::Query rec_query = with_addressee(recs.query);
    Xapian::MSet rec_mset = run_recs(rec_query);
    if (rec_mset.empty() && !recs.relaxed.empty() && recs.relaxed.get_description() != recs.query.get_description()) {
      Xapian::MSet relaxed = run_recs(with_addressee(recs.relaxed));
      if (!relaxed.empty()) {
        rec_mset = relaxed;
        rec_query = with_addressee(recs.relaxed);
        r.partial_match = true;
        r.notes.push_back("No recommendation contains all of the words; showing those that contain some of them, best first.");
      }
    }
    if (rec_mset.empty()) {
      // Nothing recommended matches: the words themselves, as a search of the reports.
      SearchRequest literal = request;
      literal.literal = true;
      SearchResult plain = run_literal(literal);
      if (auto* p = std::get_if<SearchResponse>(&plain)) {
        p->notes.insert(p->notes.begin(), "No recommendation or finding matched (" + r.interpreted_as.description +
                                              "); showing reports that match the words as written.");
      }
      return plain;
    }

    // The matching recommendations, by report, best first (the MSet's order).
    std::map<std::string, std::vector<MatchedRecommendation>> by_report;
    for (auto m = rec_mset.begin(); m != rec_mset.end(); ++m) {
      Xapian::Document doc = m.get_document();
      std::string summary = doc.get_value(sc::kSlotHit);
      json rec = json::parse(summary, nullptr, false);
      if (rec.is_discarded() || !rec.contains("report")) rec = json::parse(doc.get_data(), nullptr, false);  // older index
      if (rec.is_discarded() || !rec.contains("report")) continue;
      // One label for every numbering style a report uses ("R4", "4.", "Recommendation 4:").
      std::string number = rec.value("number", "");
      std::string label = (rec.value("type", "") == sc::kDocFinding ? "Finding " : "Recommendation ") + number;
      if (number.empty()) label = rec.value("label", "");
      by_report[rec.value("report", "")].push_back({label, rec.value("text", ""), rec.value("page", 0), m.get_weight()});
    }
    std::map<std::string, double> score;
    for (const auto& [id, list] : by_report) {
      double s = 0, factor = 1;
      for (size_t k = 0; k < list.size() && k < 3; ++k, factor /= 2) s += factor * list[k].weight;
      score[id] = s + 0.001 * static_cast<double>(list.size());  // boolean matches: more is better
    }

    // The reports, checked against every report filter, with their facets.
    std::vector<Xapian::Query> ids;
    for (const auto& [id, list] : by_report) ids.emplace_back(sc::make_term(sc::kPrefixId, id));
    Xapian::Query report_query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()),
                               reports.query);
    Xapian::Enquire enq(db_);
    enq.set_query(report_query);
    enq.set_weighting_scheme(Xapian::BoolWeight());
    if (request.sort == SortOrder::kNewest) enq.set_sort_by_value(sc::kSlotDate, true);
    if (request.sort == SortOrder::kOldest) enq.set_sort_by_value(sc::kSlotDate, false);
    if (request.sort == SortOrder::kRecentlyIndexed) enq.set_sort_by_value(sc::kSlotIndexed, true);
    std::unique_ptr<FacetSpy> spy;
    if (!request.facets.empty()) {
      spy = std::make_unique<FacetSpy>(request.facets, facet_cache());
      enq.add_matchspy(spy.get());
    }
    Xapian::MSet report_mset = enq.get_mset(0, ids.size(), ids.size());
    std::vector<std::pair<Xapian::MSetIterator, std::string>> order;  // entry, report id
    for (auto m = report_mset.begin(); m != report_mset.end(); ++m) {
      json rec = json::parse(m.get_document().get_value(sc::kSlotHit), nullptr, false);
      std::string id = rec.is_discarded() ? "" : rec.value("id", "");
      if (id.empty()) id = json::parse(m.get_document().get_data(), nullptr, false).value("id", "");
      order.emplace_back(m, id);
    }
    if (request.sort == SortOrder::kRelevance) {
      std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) { return score[a.second] > score[b.second]; });
    }
    r.total.value = r.total.lower = r.total.upper = order.size();
    if (rec_mset.get_matches_upper_bound() > rec_mset.size()) {
      // More recommendations matched than were read: there may be further reports.
      r.total.exact = false;
      r.total.upper = order.size() + (rec_mset.get_matches_upper_bound() - rec_mset.size());
    }
    if (spy) r.facets = facet_results(*spy);
    r.expansions = recs.expansions;
    for (const auto& e : recs.expansions) {
      r.notes.push_back("Also searched recommendations tagged with the theme " + e.theme + " (\"" + e.phrase + "\").");
    }
    r.notes.push_back("Read as a search for " + r.interpreted_as.description +
                      ": reports are ranked by their matching recommendations, shown as the snippets. "
                      "Search literally (--literal, literal=true) to search the words as written.");
    r.parsed_query = rec_query.get_description() + " => reports: " + report_query.get_description();

    const size_t limit = std::min(request.limit, SearchRequest::kMaxLimit);
    std::vector<Xapian::MSetIterator> page;
    for (size_t k = request.offset; k < order.size() && page.size() < limit; ++k) page.push_back(order[k].first);
    SearchRequest no_snippets = request;
    no_snippets.snippets = false;
    fill_hits(r, page, {}, {}, no_snippets, nullptr);
    const double best = order.empty() ? 0 : score[order.front().second];
    const size_t wanted = std::min<size_t>(request.snippets_per_hit, 5);
    const size_t bytes = std::clamp<size_t>(request.snippet_bytes, 400, 1000);
    for (auto& h : r.hits) {
      h.score = score[h.id];
      h.percent = best > 0 ? static_cast<int>(std::lround(100.0 * h.score / best)) : 100;
      if (!request.snippets) continue;
      const auto& list = by_report[h.id];
      for (size_t k = 0; k < list.size() && k < wanted; ++k) {
        std::string html = rec_mset.snippet(list[k].text, bytes, builder.stemmer(), 0, "<mark>", "</mark>", "\u2026");
        h.snippets.push_back({list[k].page, std::move(html), list[k].label});
      }
    }
    r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return r;
  }

  std::map<std::string, std::vector<FacetValue>> facet_results(const FacetSpy& spy) const {
    auto results = spy.results();
    // Boards and regions shown by name, not slug (filters accept either).
    for (auto& [name, values] : results) {
      if (name == "board" || name == "region") {
        const auto& names = name == "board" ? board_names_ : region_names_;
        for (auto& v : values) {
          if (auto it = names.find(v.value); it != names.end()) v.value = it->second;
        }
      } else if (name == "age") {
        for (auto& v : values) {
          v.value = sc::age_band_label(v.value);
        }
      }
    }
    return results;
  }

  void fill_hits(SearchResponse& r, const Xapian::MSet& mset, const std::vector<std::string>& terms,
                 const std::vector<std::string>& phrases, const SearchRequest& request,
                 Highlighter* highlighter = nullptr) {
    std::vector<Xapian::MSetIterator> all;
    for (auto m = mset.begin(); m != mset.end(); ++m) all.push_back(m);
    fill_hits(r, all, terms, phrases, request, highlighter);
  }

  // The hits of `items` (entries of an MSet), in that order.
  void fill_hits(SearchResponse& r, const std::vector<Xapian::MSetIterator>& items,
                 const std::vector<std::string>& terms, const std::vector<std::string>& phrases,
                 const SearchRequest& request, Highlighter* highlighter) {
    for (const auto& m : items) {
      Hit h;
      Xapian::Document doc = m.get_document();
      std::string summary = doc.get_value(sc::kSlotHit);  // indexes before the hit summary: the record
      json rec = json::parse(summary.empty() ? doc.get_data() : summary, nullptr, false);
      if (rec.is_discarded()) continue;
      h.id = rec.value("id", "");
      h.score = m.get_weight();
      h.percent = m.get_percent();
      h.doc_type = rec.value("type", "report");
      h.title = meta_string(rec, "title");
      h.board = meta_string(rec, "board");
      h.region = meta_string(rec, "region");
      h.review_type = meta_string(rec, "review_type");
      h.pseudonym = meta_string(rec, "pseudonym");
      std::string year = meta_string(rec, "year");
      h.year = year.empty() ? 0 : std::atoi(year.c_str());
      h.status = rec.value("status", "");
      h.pages = rec.value("pages", 0);
      h.indexed_at = rec.value("indexed_at", 0.0);
      if (rec.contains("implementation") && rec["implementation"].is_object()) {
        h.implementation = rec["implementation"].value("status", "");
      }
      if (rec.contains("files") && !rec["files"].empty()) h.file = rec["files"][0].value("path", "");
      if (h.doc_type != "report") {
        // A recommendation or finding: its report's title and board, and its own text as the title.
        h.title = rec.value("label", "") + " " + rec.value("text", "");
        h.board = rec.value("board", "");
        h.year = rec.value("year", 0);
        h.pseudonym = rec.value("report_title", "");
      }
      if (rec.contains("themes")) {
        for (const auto& t : rec["themes"]) {
          if (t.is_string()) h.themes.push_back(t.get<std::string>());
          else if (t.value("present", false)) h.themes.push_back(t.value("id", ""));
        }
      }
      if (h.title.empty()) h.title = h.file.empty() ? h.id : h.file;
      if (request.snippets && highlighter && !highlighter->terms().empty() && !rec.value("sha256", "").empty()) {
        size_t wanted = std::min<size_t>(request.snippets_per_hit, 5);
        std::vector<size_t> candidates = candidate_pages(*m, rec, terms, wanted + 3);
        const std::string sha = rec["sha256"].get<std::string>();
        const size_t bytes = std::clamp<size_t>(request.snippet_bytes, 80, 1000);
        if (candidates.empty()) {
          if (auto pages = cached_pages(sha, nullptr)) h.snippets = make_snippets(*highlighter, *pages, phrases, wanted, bytes);
        } else {
          // The best candidates first (decompressing a page is the larger part of a snippet's
          // cost); the others only when those did not give enough snippets.
          std::vector<size_t> first(candidates.begin(), candidates.begin() + std::min(wanted, candidates.size()));
          if (auto pages = cached_pages(sha, &first)) h.snippets = make_snippets(*highlighter, *pages, phrases, wanted, bytes);
          if (h.snippets.size() < wanted && candidates.size() > first.size()) {
            std::vector<size_t> rest(candidates.begin() + static_cast<long>(first.size()), candidates.end());
            if (auto pages = cached_pages(sha, &rest)) {
              for (auto& s : make_snippets(*highlighter, *pages, phrases, wanted - h.snippets.size(), bytes)) {
                h.snippets.push_back(std::move(s));
              }
            }
          }
        }
      }
      r.hits.push_back(std::move(h));
    }
  }

  // The pages of document `did` where the query's words stand, most distinct words first, from the
  // positions the index keeps and the page starts its record holds: only those pages are then read
  // from the text cache. Empty when the record has no page starts or the words no positions
  // (stem-only matches), and the caller reads every page instead.
  std::vector<size_t> candidate_pages(Xapian::docid did, const json& rec, const std::vector<std::string>& terms,
                                      size_t how_many) {
    if (!rec.contains("page_starts")) return {};
    std::vector<unsigned> starts = rec["page_starts"].get<std::vector<unsigned>>();
    if (starts.empty()) return {};
    std::map<size_t, std::pair<size_t, size_t>> per_page;  // page -> (distinct words, occurrences)
    for (const auto& t : terms) {
      if (t.empty() || t[0] == 'Z') continue;
      std::set<size_t> seen;
      try {
        for (auto p = db_.positionlist_begin(did, t); p != db_.positionlist_end(did, t); ++p) {
          auto it = std::upper_bound(starts.begin(), starts.end(), *p);
          if (it == starts.begin()) continue;  // in the title or pseudonym fields
          size_t page = static_cast<size_t>(it - starts.begin()) - 1;
          ++per_page[page].second;
          if (seen.insert(page).second) ++per_page[page].first;
        }
      } catch (const Xapian::Error&) {
        return {};
      }
    }
    std::vector<std::pair<size_t, std::pair<size_t, size_t>>> ranked(per_page.begin(), per_page.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.second.first != b.second.first ? a.second.first > b.second.first : a.second.second > b.second.second;
    });
    std::vector<size_t> out;
    for (size_t i = 0; i < ranked.size() && i < how_many; ++i) out.push_back(ranked[i].first);
    return out;
  }

  std::string dir_;
  BoardRegistry boards_;
  /// Facet slug -> the name shown ("kingston-upon-thames" -> "Kingston upon Thames"), made once:
  /// computing every board's slug for every facet value was a tenth of a search's instructions.
  std::unordered_map<std::string, std::string> board_names_, region_names_;
  // The cached pages of a report, from whichever shard's cache holds them (keyed by content hash).
  std::optional<std::vector<std::string>> cached_pages(const std::string& sha, const std::vector<size_t>* only) const {
    for (const auto& c : caches_) {
      if (caches_.size() > 1 && !c.contains(sha)) continue;
      if (auto pages = c.get(sha, only)) return pages;
    }
    return std::nullopt;
  }

  // The index folders a stub file's shards belong to: each line "TYPE PATH" (as Xapian requires), PATH
  // relative to the stub's folder, naming "<index>/xapian".
  static std::vector<std::string> stub_shards(const std::string& stub) {
    std::vector<std::string> out;
    std::ifstream in(stub);
    std::string line;
    std::filesystem::path base = std::filesystem::path(stub).parent_path();
    while (std::getline(in, line)) {
      std::string t = trim(line);
      if (t.empty() || t[0] == '#') continue;
      size_t sp = t.find(' ');
      std::string type = sp == std::string::npos ? "auto" : t.substr(0, sp);
      std::string path = sp == std::string::npos ? t : trim(t.substr(sp + 1));
      if (type == "remote" || type == "inmemory") continue;  // no text cache to find: no snippets
      std::filesystem::path p = std::filesystem::path(path).is_absolute() ? std::filesystem::path(path) : base / path;
      out.push_back(p.lexically_normal().parent_path().string());
    }
    return out;
  }

  // The facet cache of the revision being searched (single-database indexes only: a stub's shards
  // have no single revision).
  FacetCache* facet_cache() {
    try {
      Xapian::rev rev = db_.get_revision();
      if (rev != facet_cache_revision_) {
        facet_cache_.clear();
        facet_cache_revision_ = rev;
      }
      return &facet_cache_;
    } catch (const Xapian::Error&) {
      return nullptr;
    }
  }

  std::vector<TextCache> caches_;
  std::string db_path_;  ///< the database folder; empty for a stub file of shards
  ino_t opened_ino_ = 0;  ///< its inode when opened (0: not followed)
  std::atomic<long> reopens_{0};
  FacetCache facet_cache_;
  Xapian::rev facet_cache_revision_ = 0;
  Taxonomy taxonomy_;
  AgencyVocabulary agencies_;
  IntentVocabulary intents_;
  Xapian::Database db_;
};

}  // namespace

std::unique_ptr<Searcher> Searcher::open(const std::string& index_dir) {
  return std::make_unique<XapianSearcher>(index_dir);  // a folder, or a stub file of shards
}

}  // namespace scr
