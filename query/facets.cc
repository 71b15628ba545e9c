#include "facets.h"

#include <algorithm>

#include "scr/schema.h"

namespace scr {
namespace {

namespace sc = schema;

const std::map<std::string, std::string_view>& facet_prefixes() {
  static const std::map<std::string, std::string_view> m = {
      {"year", sc::kPrefixYear},       {"board", sc::kPrefixBoard},       {"region", sc::kPrefixRegion},
      {"status", sc::kPrefixStatus},   {"type", sc::kPrefixDocType},      {"review_type", sc::kPrefixReviewType},
      {"outcome", sc::kPrefixOutcome}, {"age", sc::kPrefixAgeBand},       {"sex", sc::kPrefixSex},
      {"theme", sc::kPrefixTheme},     {"agency", sc::kPrefixAgency},     {"era", sc::kPrefixEra}};
  return m;
}

}  // namespace

bool known_facet(const std::string& name) { return facet_prefixes().count(name) > 0; }

FacetSpy::FacetSpy(const std::vector<std::string>& facets) {
  for (const auto& f : facets) {
    auto it = facet_prefixes().find(f);
    if (it == facet_prefixes().end()) continue;
    if (std::any_of(facets_.begin(), facets_.end(), [&](const Facet& x) { return x.name == f; })) continue;
    facets_.push_back({f, std::string(it->second), {}});
  }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  for (auto& f : facets_) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(f.prefix);
    for (; it != doc.termlist_end(); ++it) {
      const std::string& term = *it;
      if (term.compare(0, f.prefix.size(), f.prefix) != 0) break;
      std::string value = term.substr(f.prefix.size());
      if (!value.empty() && value[0] == ':') value.erase(0, 1);
      // "Y" is also the start of other single-capital terms? No: only Y + digits are year terms.
      if (f.name == "year" && (value.empty() || !std::isdigit(static_cast<unsigned char>(value[0])))) continue;
      ++f.counts[value];
    }
  }
}

std::map<std::string, std::vector<FacetValue>> FacetSpy::results() const {
  std::map<std::string, std::vector<FacetValue>> out;
  for (const auto& f : facets_) {
    std::vector<FacetValue> values;
    for (const auto& [v, n] : f.counts) values.push_back({v, n});
    if (f.name != "year") {
      std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    }
    out[f.name] = std::move(values);
  }
  return out;
}

}  // namespace scr
