// Requests as text, parsed once: the parameters a person types (scr-query's options) or sends
// (scr-searchd's query string) become typed requests here, with one set of limits and one set of
// messages, so the command line and the HTTP API accept and refuse the same things.
//
// Parameters go by the HTTP API's names (docs/http-api.md): q, board, region, theme, agency,
// outcome, age, review, type, status, year, sort, limit, offset, facets, snippets,
// snippets_per_hit, synonyms, literal; for trends columns (or dimension), cross, unit, by, per,
// suppress; for coverage period and boards. A name may repeat (board=Kent&board=Essex); the
// list-valued ones also split on commas.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "scr/error.h"
#include "scr/search.h"
#include "scr/trends.h"

namespace scr {

/// A parameter that cannot be used; the message names it as the caller spells it.
class ParamError : public Error {
 public:
  using Error::Error;
};

/// What a caller may ask for at most. A server may lower these, never raise them above the query
/// library's own limits (SearchRequest::kMaxLimit, kMaxQueryBytes): `RequestLimits::check` says so.
struct RequestLimits {
  size_t max_query_bytes = SearchRequest::kMaxQueryBytes;
  size_t max_limit = SearchRequest::kMaxLimit;
  static constexpr size_t kMaxOffset = 100000;
  static constexpr size_t kMaxSnippetsPerHit = 5;
  static constexpr int kMaxSuppress = 1000;
  /// Throws Error when a limit is above the query library's: a larger one would be cut silently.
  void check() const;
};

class RequestParams {
 public:
  /// `labels` maps a parameter's name to how messages spell it (scr-query: "year" -> "--years");
  /// a name without a label is spelt as it is.
  explicit RequestParams(std::multimap<std::string, std::string> params, RequestLimits limits = {},
                         std::map<std::string, std::string> labels = {});

  SearchRequest search(size_t default_limit = 10) const;
  TrendRequest trends() const;
  CoverageRequest coverage() const;
  /// The query (parameter q), refused when longer than the limit.
  std::string query() const;
  SearchFilters filters() const;
  /// A whole number parameter in 0..max; `fallback` when absent.
  size_t count(const std::string& name, size_t fallback, size_t max) const;
  /// The first value of a parameter, or `fallback`.
  std::string text(const std::string& name, const std::string& fallback = "") const;

 private:
  std::string label(const std::string& name) const;
  bool flag(const std::string& name, bool fallback) const;
  std::vector<std::string> list(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;
  [[noreturn]] void fail(const std::string& name, const std::string& what) const;

  std::multimap<std::string, std::string> params_;
  RequestLimits limits_;
  std::map<std::string, std::string> labels_;
};

}  // namespace scr
