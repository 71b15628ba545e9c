// Trend tables: the counts a national analysis publishes (reports per period having each value of
// a dimension, with the period's total), exact, zero-filled, from one pass over the match set.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "scr/search.h"

namespace scr {

/// Rows: one period each, a year or a pooled range of years (inclusive; periods may overlap, as
/// 2011-2014 and 2014-2017 do).
struct Period {
  int from = 0, to = 0;
  std::string label() const { return from == to ? std::to_string(from) : std::to_string(from) + "-" + std::to_string(to); }
};

struct TrendRequest {
  std::string query;     ///< base query, search syntax; may be empty
  SearchFilters filters;
  /// "reports" (default) or "recommendations" (recommendation and finding documents).
  std::string unit = "reports";
  /// Rows. Empty: every year from the first to the last in the match set (or the filters' range).
  std::vector<Period> periods;
  /// Columns: theme, theme-group, agency, region, board, outcome, age, sex, review, era, clarity,
  /// implementation, status.
  std::string dimension = "theme";
  /// Which year puts a report in a period: "publication" (default) or "incident" (when the text
  /// says when the child died or was harmed; reports without one are left out, and a note says how many).
  std::string year = "publication";
  /// Optional second dimension crossed with the first ("age" x "sex"): columns "a | b".
  std::string cross;
  /// Cells below this (and above 0) are suppressed: shown as suppressed, not as a number. 0 = off.
  int suppress_below = 0;
  bool expand_synonyms = true;

  /// Larger tables are refused with a message naming the limit (a request must not take the
  /// machine): periods (after duplicates are dropped) and periods x columns.
  static constexpr size_t kMaxRows = 300;
  static constexpr size_t kMaxCells = 100000;
};

struct TrendCell {
  long count = 0;
  bool suppressed = false;
  double prevalence = 0;  ///< count / row total (0 when the total is 0)
};

struct TrendRow {
  std::string period;
  long total = 0;  ///< distinct units in the period matching the base query
  std::vector<TrendCell> cells;  ///< one per column
};

struct TrendTable {
  std::string unit, dimension, cross;
  std::vector<std::string> columns;  ///< stable order: the dimension's own order, then values seen
  std::vector<TrendRow> rows;
  std::vector<std::string> notes;
  double took_ms = 0;
};

using TrendResult = std::variant<TrendTable, QueryError>;

/// The dimensions a trend can have as columns.
const std::vector<std::string>& trend_dimensions();

/// Parses "2011-2014,2014-2017" or "2011..2014" into periods; throws scr::Error with a message.
std::vector<Period> parse_periods(const std::string& text);

/// Boards with no report published in a period.
struct CoverageRequest {
  Period period;
  /// "all" (default): every board in the shipped list; "seen": boards with a report in the index.
  std::string boards = "all";
};

struct Coverage {
  Period period;
  size_t boards_considered = 0;
  std::vector<std::string> with_reports;  ///< board names, sorted
  std::vector<std::string> without;       ///< board names, sorted
};

}  // namespace scr
