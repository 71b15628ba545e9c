// Exact facet counts over the whole match set, in one pass, from the documents' boolean terms.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "scr/search.h"

namespace scr {

/// Packed facet values by document, kept in memory between searches (like doc values): reading a
/// value from the index for every match of every search is most of a facet count's cost. Valid
/// for one revision of the index; the Searcher clears it when the revision changes.
using FacetCache = std::unordered_map<Xapian::docid, std::string>;

/// Counts, for each requested facet, the matching documents per value. A document counts once per
/// value (multi-valued facets such as theme count a report once for each of its themes).
class FacetSpy : public Xapian::MatchSpy {
 public:
  /// `facets`: names as in SearchRequest::facets; unknown names are ignored (see known_facet()).
  /// `cache` may be null (then every value is read from the index).
  explicit FacetSpy(const std::vector<std::string>& facets, FacetCache* cache = nullptr);
  void operator()(const Xapian::Document& doc, double weight) override;
  /// Values most frequent first (ties by value); years in ascending order.
  std::map<std::string, std::vector<FacetValue>> results() const;

 private:
  struct Facet {
    std::string name, prefix;
    std::map<std::string, size_t, std::less<>> counts;  // transparent: counted without a string per value
  };
  std::vector<Facet> facets_;
  FacetCache* cache_;
};

/// Whether `name` is a facet this index can count.
bool known_facet(const std::string& name);

}  // namespace scr
