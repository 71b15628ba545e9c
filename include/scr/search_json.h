// The JSON shapes scr-query --json prints and scr-searchd serves (docs/http-api.md).
#pragma once

#include <string>

#include "scr/search.h"

namespace scr {

/// {"total": {"value", "relation": "eq"|"gte", "lower", "upper"}, "hits": [...], "facets": {name:
/// [{"value", "count"}]}, "suggestion", "partial_match", "notes", "took_ms", "parsed_query"}.
/// Text that is not valid UTF-8 is replaced, never breaks the output.
std::string search_response_json(const SearchResponse& response, bool pretty = false);
/// {"error": {"code": "invalid_query", "message": ...}}
std::string query_error_json(const QueryError& error, const std::string& code = "invalid_query");

}  // namespace scr
