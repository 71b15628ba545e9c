// A search: the literal one (words, phrases and filters, with facets and a relaxed retry), a
// search read as one for recommendations, and reports like a given one.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "intent.h"
#include "query_builder.h"
#include "query_string.h"
#include "scr/fields.h"
#include "scr/schema.h"
#include "scr/text.h"
#include "xapian_searcher.h"

namespace scr {

namespace sc = schema;
using nlohmann::json;

namespace {

// One recommendation or finding that matched a search for recommendations.
struct MatchedRecommendation {
  std::string label, text;
  int page = 0;
  double weight = 0;
};

// Runs `build` (a QueryBuilder::build), turning the parser's errors into messages a person can act
// on; nothing when it built.
template <class F>
std::optional<QueryError> error_of_building(F&& build) {
  try {
    build();
    return std::nullopt;
  } catch (const Xapian::QueryParserError& e) {
    return QueryError{"The query could not be understood: " + e.get_msg() +
                      ". Check that quotes and brackets are closed and that AND/OR/NOT stand between words."};
  } catch (const Xapian::WildcardError& e) {
    return QueryError{"A wildcard matched too many words (" + e.get_msg() + "); make it longer."};
  } catch (const Xapian::InvalidArgumentError& e) {
    return QueryError{"The query could not be run: " + e.get_msg()};
  }
}

}  // namespace

SearchResult XapianSearcher::search(const SearchRequest& request) {
  if (auto e = check_query_text(request.query)) return *e;
  for (const auto& f : request.facets) {
    if (!known_facet(f)) {
      return QueryError{"Unknown facet '" + f + "'. Facets: " + field_names(&Field::facet) + "."};
    }
  }
  return retrying([&]() -> SearchResult { return run(request); });
}

SearchResult XapianSearcher::run(const SearchRequest& request) {
  if (!request.literal && request.filters.of("type").empty()) {
    QueryIntent intent = interpret_query(normalise_one_line(request.query), intents_, agencies_);
    if (intent.recommendations) return run_recommendations(request, intent);
  }
  return run_literal(request);
}

SearchResult XapianSearcher::run_literal(const SearchRequest& request) {
  auto start = std::chrono::steady_clock::now();
  QueryBuilder builder(db_, boards_);
  BuiltQuery built;
  if (auto e = error_of_building([&] { built = builder.build(request); })) return *e;
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
  const PositionTerms position_terms = position_terms_of(terms, builder.stemmer());
  std::vector<std::string> phrases;
  {
    std::string q = normalise_one_line(request.query);
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
  fill_hits(r, mset, position_terms, phrases, request, &highlighter);
  if (r.hits.size() > limit) r.hits.resize(limit);
  r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

namespace {

// A field whose terms only recommendations and findings carry (the rest they inherit from their report).
bool is_recommendations_field(std::string_view field) {
  const Field* f = find_field(field);
  return f && f->recommendation_own;
}

}  // namespace

// The reports' recommendations are searched, the reports they belong to are kept when they
// satisfy every filter of the query (checked on the reports themselves, as any search), and
// ranked by their matching recommendations: the best one, then the next two at half and a
// quarter of their weight, so that a report with several matching recommendations rises.
SearchResult XapianSearcher::run_recommendations(const SearchRequest& request, const QueryIntent& intent) {
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
    } else if (is_recommendations_field(field)) {
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
  for_recs.filters.of("theme").clear();
  for_recs.filters.of("type") = {std::string(sc::kDocRecommendation), std::string(sc::kDocFinding)};
  for_recs.expand_synonyms = request.expand_synonyms;
  SearchRequest for_reports;
  for_reports.query = report_text;
  for_reports.filters = request.filters;
  for (const auto& [field, values] : request.filters.by_field()) {
    if (is_recommendations_field(field)) for_reports.filters.of(field).clear();
  }
  BuiltQuery recs, reports;
  if (auto e = error_of_building([&] {
        recs = builder.build(for_recs);
        reports = builder.build(for_reports);
      })) {
    return *e;
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

SearchResult XapianSearcher::similar(const std::string& id, size_t limit) {
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

std::map<std::string, std::vector<FacetValue>> XapianSearcher::facet_results(const FacetSpy& spy) const {
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

}  // namespace scr
