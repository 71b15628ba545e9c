// The JSON shapes scr-query --json prints and scr-searchd serves (docs/http-api.md).
#pragma once

#include <string>

#include "scr/search.h"
#include "scr/trends.h"

namespace scr {

/// {"total": {"value", "relation": "eq"|"gte", "lower", "upper"}, "hits": [...], "facets": {name:
/// [{"value", "count"}]}, "suggestion", "partial_match", "notes", "took_ms", "parsed_query"}.
/// Text that is not valid UTF-8 is replaced, never breaks the output.
std::string search_response_json(const SearchResponse& response, bool pretty = false);
/// {"error": {"code": "invalid_query", "message": ...}}
std::string query_error_json(const QueryError& error, const std::string& code = "invalid_query");

/// {"unit", "dimension", "cross", "columns": [...], "rows": [{"period", "total", "cells": [{"count",
/// "prevalence"} or {"suppressed": true}]}], "notes", "took_ms"}.
std::string trend_table_json(const TrendTable& table, bool pretty = false);
/// One line per period: period, total, then per column the count and the percentage (rounded to
/// `decimals`); suppressed cells say "suppressed".
std::string trend_table_csv(const TrendTable& table, int decimals = 1);
/// {"period": {"from", "to"}, "boards_considered", "without_reports": [...], "with_reports": [...]}.
std::string coverage_json(const Coverage& coverage, bool pretty = false);

}  // namespace scr
