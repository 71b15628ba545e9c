#include "facets.h"

#include <algorithm>

#include "scr/fields.h"
#include "scr/schema.h"

namespace scr {
namespace {

namespace sc = schema;

const Field* facet_field(const std::string& name) {
  const Field* f = find_field(name);
  return f && f->facet ? f : nullptr;
}

}  // namespace

bool known_facet(const std::string& name) { return facet_field(name) != nullptr; }

FacetSpy::FacetSpy(const std::vector<std::string>& facets, FacetCache* cache) : cache_(cache) {
  for (const auto& f : facets) {
    const Field* field = facet_field(f);
    if (!field) continue;
    if (std::any_of(facets_.begin(), facets_.end(), [&](const Facet& x) { return x.name == f; })) continue;
    facets_.push_back({f, std::string(field->prefix), {}});  // counted under the name asked for
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
    if (const Field* field = facet_field(f.name); !field || !field->by_value) {
      std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    }
    out[f.name] = std::move(values);
  }
  return out;
}

}  // namespace scr
