// The query string's top level (split_top_level, field_name, split_filters) and the query text
// normaliser, on arbitrary bytes. Invariant checked besides "no crash": no token of either split
// is empty.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "query_builder.h"
#include "query_string.h"
#include "scr/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string query(reinterpret_cast<const char*>(data), size);
  if (!scr::is_valid_utf8(query)) return 0;  // refused before parsing (the service answers 400)
  std::string normalised = scr::normalise_one_line(query);
  for (const std::string& token : scr::split_top_level(normalised)) {
    if (token.empty()) std::abort();
    (void)scr::field_name(token);
    (void)scr::is_operator(token);
  }
  auto split = scr::split_filters(normalised, scr::is_filter_field);
  for (const auto* list : {&split.text, &split.filters, &split.exclusions}) {
    for (const auto& token : *list) {
      if (token.empty()) std::abort();
    }
  }
  return 0;
}
