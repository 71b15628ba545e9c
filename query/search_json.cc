#include "scr/search_json.h"

#include <algorithm>
#include <cstdio>

#include "scr/csv.h"

#include <nlohmann/json.hpp>

namespace scr {

using nlohmann::json;

std::string search_response_json(const SearchResponse& r, bool pretty) {
  json hits = json::array();
  for (const auto& h : r.hits) {
    json snippets = json::array();
    for (const auto& s : h.snippets) {
      snippets.push_back({{"page", s.page}, {"html", s.html}});
      if (!s.label.empty()) snippets.back()["label"] = s.label;
    }
    hits.push_back({{"id", h.id},         {"score", h.score},       {"percent", h.percent},
                    {"type", h.doc_type}, {"title", h.title},       {"board", h.board},
                    {"region", h.region}, {"year", h.year},         {"review_type", h.review_type},
                    {"pseudonym", h.pseudonym}, {"status", h.status}, {"pages", h.pages},
                    {"file", h.file},     {"themes", h.themes},     {"snippets", snippets}});
    if (!h.implementation.empty()) hits.back()["implementation"] = h.implementation;
  }
  json facets = json::object();
  for (const auto& [name, values] : r.facets) {
    json list = json::array();
    for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = list;
  }
  json expansions = json::array();
  for (const auto& e : r.expansions) expansions.push_back({{"phrase", e.phrase}, {"theme", e.theme}});
  json j = {{"total", {{"value", r.total.value}, {"relation", r.total.exact ? "eq" : "gte"},
                       {"lower", r.total.lower}, {"upper", r.total.upper}}},
            {"hits", hits},
            {"facets", facets},
            {"suggestion", r.suggestion},
            {"partial_match", r.partial_match},
            {"notes", r.notes},
            {"expansions", expansions},
            {"interpreted_as", {{"kind", r.interpreted_as.kind}, {"agencies", r.interpreted_as.agencies},
                                {"query", r.interpreted_as.query}, {"description", r.interpreted_as.description}}},
            {"parsed_query", r.parsed_query},
            {"took_ms", r.took_ms}};
  return j.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

std::string query_error_json(const QueryError& e, const std::string& code) {
  json j = {{"error", {{"code", code}, {"message", e.message}}}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string trend_table_json(const TrendTable& t, bool pretty) {
  json rows = json::array();
  for (const auto& r : t.rows) {
    json cells = json::array();
    for (const auto& c : r.cells) {
      if (c.suppressed) cells.push_back({{"suppressed", true}});
      else cells.push_back({{"count", c.count}, {"prevalence", c.prevalence}});
    }
    rows.push_back({{"period", r.period}, {"total", r.total}, {"cells", cells}});
  }
  json j = {{"unit", t.unit}, {"dimension", t.dimension}, {"cross", t.cross}, {"columns", t.columns},
            {"rows", rows},   {"notes", t.notes},         {"took_ms", t.took_ms}};
  return j.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

std::string trend_table_csv(const TrendTable& t, int decimals) {
  CsvRow header = {"period", "total"};
  for (const auto& c : t.columns) {
    header.push_back(c);
    header.push_back(c + " %");
  }
  std::string out = csv_line(header, CsvReader::kSpreadsheet);
  char pct[32];
  for (const auto& r : t.rows) {
    CsvRow row = {r.period, std::to_string(r.total)};
    for (const auto& c : r.cells) {
      if (c.suppressed) {
        row.push_back("suppressed");
        row.push_back("suppressed");
        continue;
      }
      row.push_back(std::to_string(c.count));
      std::snprintf(pct, sizeof pct, "%.*f", std::clamp(decimals, 0, 6), 100.0 * c.prevalence);
      row.push_back(pct);
    }
    out += csv_line(row, CsvReader::kSpreadsheet);
  }
  return out;
}

std::string coverage_json(const Coverage& c, bool pretty) {
  json j = {{"period", {{"from", c.period.from}, {"to", c.period.to}}},
            {"boards_considered", c.boards_considered},
            {"without_reports", c.without},
            {"with_reports", c.with_reports}};
  return j.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace scr
