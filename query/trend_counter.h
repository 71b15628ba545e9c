// The trend counter: a MatchSpy that reads each matching document's packed facet value once and
// counts it into every period and column it belongs to.
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "scr/agencies.h"
#include "scr/boards.h"
#include "scr/taxonomy.h"
#include "scr/trends.h"

namespace scr {

/// How one dimension reads from the index: its term prefix, the order of its columns, and for
/// derived dimensions (theme-group, agency-group) how a stored value maps to a column.
struct DimensionSpec {
  std::string name;
  std::string prefix;
  std::vector<std::string> order;
  std::map<std::string, std::string> map_value;  ///< stored value -> column; empty: identity
  bool only_mapped = false;                      ///< values not in map_value are not columns
};

/// Throws scr::Error for an unknown dimension name.
DimensionSpec dimension_spec(const std::string& name, const Taxonomy& taxonomy, const AgencyVocabulary& agencies,
                             const BoardRegistry& boards);

class TrendSpy : public Xapian::MatchSpy {
 public:
  /// `year_prefix`: the facet prefix the row year is read from (publication or incident year).
  TrendSpy(std::vector<Period> periods, DimensionSpec dim, const DimensionSpec* cross, std::string year_prefix);
  /// Matching documents that had no year of that kind (left out of every row).
  long without_year() const { return without_year_; }
  void operator()(const Xapian::Document& doc, double weight) override;

  /// Years seen in the match set (to make rows when no periods were given).
  const std::set<int>& years() const { return years_; }
  /// The table for `periods` (which may differ from the constructor's only when those were empty
  /// and the spy counted by year: pass the years then).
  TrendTable table(const std::vector<Period>& periods, int suppress_below) const;
  /// The most columns table() can make: the zero-filled ones and the values seen.
  size_t column_bound() const {
    return (cross_ ? dim_.order.size() * cross_->order.size() : dim_.order.size()) + seen_columns_.size();
  }

 private:
  std::vector<std::string> values_of(const std::string& packed, const DimensionSpec& d) const;
  std::vector<Period> periods_;
  bool by_year_;
  DimensionSpec dim_;
  std::optional<DimensionSpec> cross_;
  std::set<int> years_;
  std::string year_prefix_;
  long without_year_ = 0;
  // Counting key: period label -> column -> count; totals per period label.
  std::map<std::string, std::map<std::string, long>> counts_;
  std::map<std::string, long> totals_;
  std::set<std::string> seen_columns_;
};

}  // namespace scr
