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
      {"theme", sc::kPrefixTheme},     {"agency", sc::kPrefixAgency},     {"era", sc::kPrefixEra},
      {"keyword", sc::kPrefixKeyword}, {"clarity", sc::kPrefixClarity},   {"implementation", sc::kPrefixImplementation}};
  return m;
}

}  // namespace

bool known_facet(const std::string& name) { return facet_prefixes().count(name) > 0; }

FacetSpy::FacetSpy(const std::vector<std::string>& facets, FacetCache* cache) : cache_(cache) {
  for (const auto& f : facets) {
    auto it = facet_prefixes().find(f);
    if (it == facet_prefixes().end()) continue;
    if (std::any_of(facets_.begin(), facets_.end(), [&](const Facet& x) { return x.name == f; })) continue;
    facets_.push_back({f, std::string(it->second), {}});
  }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  // One small value per document, not its termlist (thousands of terms): this runs for every
  // document in the match set.
  std::string read;
  const std::string* packed = &read;
  if (cache_) {
    auto it = cache_->find(doc.get_docid());
    if (it == cache_->end()) it = cache_->emplace(doc.get_docid(), doc.get_value(sc::kSlotFacets)).first;
    packed = &it->second;
  } else {
    read = doc.get_value(sc::kSlotFacets);
  }
  sc::for_each_facet(*packed, [&](std::string_view prefix, std::string_view value) {
    for (auto& f : facets_) {
      if (prefix != f.prefix) continue;
      auto it = f.counts.find(value);
      if (it != f.counts.end()) ++it->second;
      else f.counts.emplace(std::string(value), 1);
    }
  });
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
