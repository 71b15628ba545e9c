// The query string's top level, read before Xapian parses it.
//
// Xapian's QueryParser binds a field filter to the expression beside it ("a OR b board:x" filters
// only b), and anything the builder adds to a parsed query (theme expansions) would sit outside
// the filters Xapian placed. A researcher means a field written at the top level of the query to
// hold for the whole query, so those tokens are taken out here and applied to everything.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace scr {

/// The query cut at top-level white space: "quoted phrases" and (bracketed groups), with any
/// prefix such as -"..." or title:"...", stay one token each. An unclosed quote or bracket runs
/// to the end (Xapian then reports or tolerates it).
std::vector<std::string> split_top_level(std::string_view query);

/// The field a token names: "region:London", "-board:leeds", "+year:2010..2012" -> "region",
/// "board", "year" (lower case); "" for anything else.
std::string field_name(std::string_view token);

/// Whether `token` is an operator of the query syntax: AND, OR, NOT, XOR.
bool is_operator(std::string_view token);

struct QuerySplit {
  std::vector<std::string> text;        ///< tokens left for the free-text parser, in order
  std::vector<std::string> filters;     ///< each ANDed with the whole query: "board:a OR board:b"
  std::vector<std::string> exclusions;  ///< each removed from the whole query: "region:london"
};

/// Takes the top-level filter tokens out of `query`. `is_filter_field("region")` says which
/// field names filter. A filter token (or a chain of them joined by OR) constrains the whole
/// query unless it is itself an operand of OR or XOR with text ("neglect OR board:x" keeps its
/// meaning: either); "-field:v" and "NOT field:v" exclude; an AND beside a filter is dropped.
QuerySplit split_filters(std::string_view query, const std::function<bool(std::string_view)>& is_filter_field);

}  // namespace scr
