// SearchFilters: a request's filters kept by field name, the names checked against the field table
// so that a filter given under a name nothing reads fails loudly instead of being ignored.
#include <stdexcept>

#include "scr/fields.h"
#include "scr/search.h"

namespace scr {
namespace {

std::string_view filter_name(std::string_view field) {
  const Field* f = find_field(field);
  if (!f || !f->filter) {
    throw std::invalid_argument("'" + std::string(field) + "' is not a filter field (" + field_names(&Field::filter) + ")");
  }
  return f->name;
}

}  // namespace

const std::vector<std::string>& SearchFilters::of(std::string_view field) const {
  static const std::vector<std::string> none;
  auto it = by_field_.find(filter_name(field));
  return it == by_field_.end() ? none : it->second;
}

std::vector<std::string>& SearchFilters::of(std::string_view field) {
  std::string_view name = filter_name(field);
  auto it = by_field_.find(name);
  if (it == by_field_.end()) it = by_field_.emplace(std::string(name), std::vector<std::string>{}).first;
  return it->second;
}

}  // namespace scr
