// Text parameters to typed requests (scr/request_params.h). Values the query library itself
// judges (a theme id, a facet or trend dimension, the unit, the query's syntax) are passed through: it
// answers those with a QueryError of its own. Here: numbers, switches, enumerations and periods.
#include "scr/request_params.h"

#include <charconv>
#include <sstream>

#include "scr/fields.h"

namespace scr {

void RequestLimits::check() const {
  if (max_query_bytes > SearchRequest::kMaxQueryBytes) {
    throw Error("the longest query accepted is at most " + std::to_string(SearchRequest::kMaxQueryBytes) +
                " bytes (the query library's limit), not " + std::to_string(max_query_bytes));
  }
  if (max_limit > SearchRequest::kMaxLimit) {
    throw Error("the largest page of hits is at most " + std::to_string(SearchRequest::kMaxLimit) +
                " (the query library's limit), not " + std::to_string(max_limit));
  }
}

RequestParams::RequestParams(std::multimap<std::string, std::string> params, RequestLimits limits,
                             std::map<std::string, std::string> labels)
    : params_(std::move(params)), limits_(limits), labels_(std::move(labels)) {}

std::string RequestParams::label(const std::string& name) const {
  auto it = labels_.find(name);
  return it == labels_.end() ? name : it->second;
}

void RequestParams::fail(const std::string& name, const std::string& what) const {
  throw ParamError(label(name) + " " + what);
}

std::vector<std::string> RequestParams::values(const std::string& name) const {
  std::vector<std::string> out;
  auto [a, b] = params_.equal_range(name);
  for (auto it = a; it != b; ++it) out.push_back(it->second);
  return out;
}

std::string RequestParams::text(const std::string& name, const std::string& fallback) const {
  auto it = params_.find(name);
  return it == params_.end() ? fallback : it->second;
}

size_t RequestParams::count(const std::string& name, size_t fallback, size_t max) const {
  std::string v = text(name);
  if (v.empty()) return fallback;
  size_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size()) fail(name, "must be a whole number, not \"" + v + "\"");
  if (n > max) fail(name, "is at most " + std::to_string(max));
  return n;
}

bool RequestParams::flag(const std::string& name, bool fallback) const {
  std::string v = text(name);
  if (v.empty()) return fallback;
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  fail(name, "is true or false, not \"" + v + "\"");
}

// Each value, split on commas, empty items dropped. Board names are the exception (a name may
// hold a comma), so `board` is only ever repeated.
std::vector<std::string> RequestParams::list(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& v : values(name)) {
    std::stringstream ss(v);
    std::string item;
    while (std::getline(ss, item, ',')) {
      if (!item.empty()) out.push_back(item);
    }
  }
  return out;
}

std::string RequestParams::query() const {
  std::string q = text("q");
  if (q.size() > limits_.max_query_bytes) {
    fail("q", "is too long (" + std::to_string(q.size()) + " bytes; at most " + std::to_string(limits_.max_query_bytes) + ")");
  }
  return q;
}

SearchFilters RequestParams::filters() const {
  SearchFilters f;
  for (const auto& field : fields()) {
    if (!field.filter) continue;
    for (std::string_view name : {field.name, field.alias}) {
      if (name.empty()) continue;
      std::vector<std::string> given = field.comma_lists ? list(std::string(name)) : values(std::string(name));
      std::erase(given, std::string());
      if (given.empty()) continue;
      std::vector<std::string>& into = f.of(field.name);
      into.insert(into.end(), given.begin(), given.end());
    }
  }
  if (std::string years = text("year"); !years.empty()) {
    try {
      auto p = parse_periods(years);
      f.year_from = p.front().from;
      f.year_to = p.back().to;
    } catch (const Error& e) {
      throw ParamError(label("year") + ": " + e.what());
    }
  }
  return f;
}

SearchRequest RequestParams::search(size_t default_limit) const {
  SearchRequest s;
  s.query = query();
  s.filters = filters();
  s.limit = count("limit", std::min(default_limit, limits_.max_limit), limits_.max_limit);
  s.offset = count("offset", 0, RequestLimits::kMaxOffset);
  s.facets = list("facets");
  s.snippets = flag("snippets", true);
  s.snippets_per_hit = count("snippets_per_hit", 2, RequestLimits::kMaxSnippetsPerHit);
  s.expand_synonyms = flag("synonyms", true);
  s.literal = flag("literal", false);
  std::string sort = text("sort", "relevance");
  if (sort == "newest") s.sort = SortOrder::kNewest;
  else if (sort == "oldest") s.sort = SortOrder::kOldest;
  else if (sort == "indexed") s.sort = SortOrder::kRecentlyIndexed;
  else if (sort != "relevance") fail("sort", "is relevance, newest, oldest or indexed, not \"" + sort + "\"");
  return s;
}

TrendRequest RequestParams::trends() const {
  TrendRequest t;
  t.query = query();
  t.filters = filters();
  t.dimension = text("columns", text("dimension", "theme"));
  t.cross = text("cross");
  t.unit = text("unit", "reports");
  std::string by = text("by", "year");
  if (by != "year" && by != "incident-year") fail("by", "is year or incident-year, not \"" + by + "\"");
  t.year = by == "incident-year" ? "incident" : "publication";
  t.suppress_below = static_cast<int>(count("suppress", 0, RequestLimits::kMaxSuppress));
  t.expand_synonyms = flag("synonyms", true);
  if (std::string per = text("per"); !per.empty()) {
    try {
      t.periods = parse_periods(per);
    } catch (const Error& e) {
      throw ParamError(label("per") + ": " + e.what());
    }
  }
  return t;
}

CoverageRequest RequestParams::coverage() const {
  CoverageRequest c;
  std::string period = text("period");
  if (period.empty()) fail("period", "is required, e.g. 2015..2017");
  try {
    auto p = parse_periods(period);
    c.period = {p.front().from, p.back().to};
  } catch (const Error& e) {
    throw ParamError(label("period") + ": " + e.what());
  }
  c.boards = text("boards", "all");
  if (c.boards != "all" && c.boards != "seen") fail("boards", "is all or seen, not \"" + c.boards + "\"");
  return c;
}

}  // namespace scr
