// Exact facet counts over the whole match set, in one pass, from the documents' boolean terms.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "scr/search.h"

namespace scr {

/// Counts, for each requested facet, the matching documents per value. A document counts once per
/// value (multi-valued facets such as theme count a report once for each of its themes).
class FacetSpy : public Xapian::MatchSpy {
 public:
  /// `facets`: names as in SearchRequest::facets; unknown names are ignored (see known_facet()).
  explicit FacetSpy(const std::vector<std::string>& facets);
  void operator()(const Xapian::Document& doc, double weight) override;
  /// Values most frequent first (ties by value); years in ascending order.
  std::map<std::string, std::vector<FacetValue>> results() const;

 private:
  struct Facet {
    std::string name, prefix;
    std::map<std::string, size_t> counts;
  };
  std::vector<Facet> facets_;
};

/// Whether `name` is a facet this index can count.
bool known_facet(const std::string& name);

}  // namespace scr
