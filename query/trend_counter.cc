#include "trend_counter.h"

#include <algorithm>
#include <charconv>

#include "scr/error.h"
#include "scr/fields.h"
#include "scr/schema.h"

namespace scr {
namespace {

namespace sc = schema;

std::vector<std::string> slugs(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(sc::term_value(v));
  return out;
}

int year_of(const std::string& packed, std::string_view year_prefix) {
  int year = 0;
  sc::for_each_facet(packed, [&](std::string_view prefix, std::string_view value) {
    if (prefix == year_prefix) std::from_chars(value.data(), value.data() + value.size(), year);
  });
  return year;
}

}  // namespace

const std::vector<std::string>& trend_dimensions() {
  // The trend fields of the table, with the groups of themes and of agencies beside their fields.
  static const std::vector<std::string> d = [] {
    std::vector<std::string> out;
    for (const auto& f : fields()) {
      if (!f.trend) continue;
      out.emplace_back(f.name);
      if (f.name == "theme" || f.name == "agency") out.push_back(std::string(f.name) + "-group");
    }
    return out;
  }();
  return d;
}

std::vector<Period> parse_periods(const std::string& text) {
  std::vector<Period> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? text.size() + 1 : comma + 1;
    item.erase(std::remove(item.begin(), item.end(), ' '), item.end());
    if (item.empty()) continue;
    Period p;
    int a = 0, b = 0;
    char sep[3] = {};
    if (std::sscanf(item.c_str(), "%d%2[-.]%d", &a, sep, &b) == 3 && (std::string(sep) == "-" || std::string(sep) == "..")) {
      p = {a, b};
    } else if (std::sscanf(item.c_str(), "%d", &a) == 1 && std::to_string(a) == item) {
      p = {a, a};
    } else {
      throw Error("a period is a year (2016) or a range (2011-2014 or 2011..2014), not \"" + item + "\"");
    }
    if (p.from > p.to || p.from < 1900 || p.to > 2100) throw Error("the period " + item + " is not a range of years");
    out.push_back(p);
  }
  if (out.empty()) throw Error("no periods given");
  return out;
}

DimensionSpec dimension_spec(const std::string& name, const Taxonomy& taxonomy, const AgencyVocabulary& agencies,
                             const BoardRegistry& boards) {
  DimensionSpec d;
  d.name = name;
  const bool group = name == "theme-group" || name == "agency-group";
  const Field* field = find_field(group ? name.substr(0, name.size() - std::string_view("-group").size()) : name);
  if (!field || !field->trend) {
    throw Error("unknown trend dimension \"" + name + "\" (one of: " + [] {
      std::string known;
      for (const auto& n : trend_dimensions()) known += (known.empty() ? "" : ", ") + n;
      return known;
    }() + ")");
  }
  d.prefix = field->prefix;
  d.order.assign(field->order.begin(), field->order.end());
  // The columns whose values come from the data files (the table has no fixed order for them).
  if (field->name == "theme") {
    if (!group) {
      for (const auto& t : taxonomy.themes()) d.order.push_back(sc::term_value(t.id));
    } else {
      for (const auto& g : taxonomy.groups()) d.order.push_back(sc::term_value(g.id));
      for (const auto& t : taxonomy.themes()) d.map_value[sc::term_value(t.id)] = sc::term_value(t.group);
    }
  } else if (field->name == "agency") {
    d.only_mapped = true;  // agency terms hold both ids and group names: keep the ones asked for
    for (const auto& a : agencies.agencies()) {
      std::string id = sc::term_value(a.id), group_name = sc::term_value(a.group);
      std::string column = group ? group_name : id;
      if (std::find(d.order.begin(), d.order.end(), column) == d.order.end()) d.order.push_back(column);
      d.map_value[id] = column;
      if (group) d.map_value[group_name] = group_name;
    }
  } else if (field->name == "region") {
    d.order = slugs(english_regions());
    d.order.push_back("wales");
  } else if (field->name == "board") {
    for (const auto& b : boards.boards()) d.order.push_back(sc::term_value(b.name));
  }
  // keyword: catalogue categories, no fixed order: the values seen, sorted.
  return d;
}

TrendSpy::TrendSpy(std::vector<Period> periods, DimensionSpec dim, const DimensionSpec* cross, std::string year_prefix)
    : periods_(std::move(periods)), by_year_(periods_.empty()), dim_(std::move(dim)), year_prefix_(std::move(year_prefix)) {
  if (cross) cross_ = *cross;
}

std::vector<std::string> TrendSpy::values_of(const std::string& packed, const DimensionSpec& d) const {
  std::vector<std::string> out;
  sc::for_each_facet(packed, [&](std::string_view prefix, std::string_view value) {
    if (prefix != d.prefix) return;
    std::string v(value);
    if (!d.map_value.empty()) {
      auto it = d.map_value.find(v);
      if (it != d.map_value.end()) v = it->second;
      else if (d.only_mapped) return;
    }
    // A report counts once per value, however often its terms repeat it (theme-group: two themes
    // of one group are one report for the group).
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  });
  return out;
}

void TrendSpy::operator()(const Xapian::Document& doc, double) {
  const std::string packed = doc.get_value(sc::kSlotFacets);
  int year = year_of(packed, year_prefix_);
  if (year == 0) {  // no year of the kind asked for: in no period
    ++without_year_;
    return;
  }
  years_.insert(year);
  std::vector<std::string> labels;
  if (by_year_) {
    labels.push_back(std::to_string(year));
  } else {
    for (const auto& p : periods_) {
      if (year >= p.from && year <= p.to) labels.push_back(p.label());
    }
  }
  if (labels.empty()) return;
  std::vector<std::string> columns = values_of(packed, dim_);
  if (cross_) {
    std::vector<std::string> second = values_of(packed, *cross_), pairs;
    for (const auto& a : columns) {
      for (const auto& b : second) pairs.push_back(a + " | " + b);
    }
    columns = std::move(pairs);
  }
  for (const auto& c : columns) seen_columns_.insert(c);
  for (const auto& l : labels) {
    ++totals_[l];
    auto& row = counts_[l];
    for (const auto& c : columns) ++row[c];
  }
}

TrendTable TrendSpy::table(const std::vector<Period>& periods, int suppress_below) const {
  TrendTable t;
  t.dimension = dim_.name;
  if (cross_) t.cross = cross_->name;
  // Columns: the dimension's own order (crossed: every pair), zero-filled, then values seen that
  // the order does not know, sorted.
  if (cross_) {
    for (const auto& a : dim_.order) {
      for (const auto& b : cross_->order) t.columns.push_back(a + " | " + b);
    }
  } else {
    t.columns = dim_.order;
  }
  std::vector<std::string> extra;
  for (const auto& c : seen_columns_) {
    if (std::find(t.columns.begin(), t.columns.end(), c) == t.columns.end()) extra.push_back(c);
  }
  t.columns.insert(t.columns.end(), extra.begin(), extra.end());
  for (const auto& p : periods) {
    TrendRow row;
    row.period = p.label();
    auto tot = totals_.find(row.period);
    row.total = tot == totals_.end() ? 0 : tot->second;
    auto counts = counts_.find(row.period);
    for (const auto& c : t.columns) {
      TrendCell cell;
      if (counts != counts_.end()) {
        auto it = counts->second.find(c);
        if (it != counts->second.end()) cell.count = it->second;
      }
      if (suppress_below > 0 && cell.count > 0 && cell.count < suppress_below) {
        cell.suppressed = true;
        cell.count = 0;
      } else if (row.total > 0) {
        cell.prevalence = static_cast<double>(cell.count) / static_cast<double>(row.total);
      }
      row.cells.push_back(cell);
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace scr
