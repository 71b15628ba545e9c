// The report fields a search can filter on, count as a facet, or cross in a trend table: each one
// once, with its name as typed (board:kent, facets=board, columns=board), a second accepted name,
// its term prefix in the index, its label, what it may be used for and the natural order of its
// values, and for a report's own fields how its metadata gives the terms. Query building, request
// filters (HTTP parameters and scr-query options), facets, trend dimensions, the index writer and
// their messages iterate this table, so adding a field is one entry here plus its extraction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scr/boards.h"
#include "scr/report.h"

namespace scr {

struct Field {
  std::string_view name;    ///< as typed in queries, facets and trend columns
  std::string_view alias;   ///< a second accepted name ("review_type" for "review"), or empty
  std::string_view prefix;  ///< its boolean terms' prefix (scr/schema.h)
  std::string_view label;   ///< as shown to a person
  bool filter = false;      ///< a field of the query syntax (board:kent) and a request filter
  bool facet = false;       ///< counted as a facet
  bool trend = false;       ///< a trend dimension
  bool by_value = false;    ///< facet values listed in their own order (years), not by count
  /// The values in their natural order (the term values), for zero-filled trend columns. Empty
  /// when the values come from a data file (themes, agencies, boards, regions) or are open
  /// (catalogue keywords).
  std::vector<std::string_view> order;
  /// What a value is, for help texts: "a board's name or slug (Kent, kent)".
  std::string_view hint;
  /// Several values in one request parameter are separated by commas (theme=neglect,drugs);
  /// false where a value may hold a comma (board names): the parameter is repeated instead.
  bool comma_lists = true;
  /// The values a report's metadata gives this field (spelt as the record has them; the writer
  /// makes them terms), which its recommendations and findings inherit. Null for the fields the
  /// writer fills from elsewhere: themes, agencies, status, document type, keywords, ids.
  std::vector<std::string> (*from_report)(const ReportMeta&) = nullptr;
  /// Its terms are a recommendation's or finding's own (the agency it is made to, its clarity),
  /// not its report's: a recommendations search filters the recommendations on it, not the reports.
  bool recommendation_own = false;
};

/// Every field, in facet order (the order facets are listed in messages and help).
const std::vector<Field>& fields();

/// The field called `name` (or whose alias it is); null when there is none.
const Field* find_field(std::string_view name);

/// The fields with `use` set, as "board, region, review (or review_type), ..." (for error messages).
std::string field_names(bool Field::*use);

/// The term value a user's `value` for `field` stands for: board names resolved through the
/// board table, regions to their canonical name, "<1", "under 1" or "infant" to the youngest age
/// band, "serious case review" to "scr", ids as given, anything else as term_value() spells it.
std::string field_term_value(std::string_view field, const std::string& value, const BoardRegistry& boards);

}  // namespace scr
