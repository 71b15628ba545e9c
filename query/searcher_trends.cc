// Trend tables (counts per period, by a dimension, zero-filled, in one pass of a match spy) and
// which boards have reports in a period.
#include <algorithm>
#include <chrono>
#include <set>

#include "query_builder.h"
#include "scr/schema.h"
#include "scr/trends.h"
#include "trend_counter.h"
#include "xapian_searcher.h"

namespace scr {

namespace sc = schema;
using nlohmann::json;

std::variant<TrendTable, QueryError> XapianSearcher::trends(const TrendRequest& request) {
  if (auto e = check_query_text(request.query)) return *e;
  return retrying([&]() -> std::variant<TrendTable, QueryError> { return run_trends(request); });
}

std::variant<TrendTable, QueryError> XapianSearcher::run_trends(const TrendRequest& request) {
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
  if (request.unit == "recommendations" && search.filters.of("type").empty()) {
    search.filters.of("type") = {std::string(sc::kDocRecommendation), std::string(sc::kDocFinding)};
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

Coverage XapianSearcher::coverage(const CoverageRequest& request) {
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

}  // namespace scr
