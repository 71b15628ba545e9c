// How the fuzz targets cut their input into parts (pages at form feeds, lines at newlines).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scr::fuzz {

/// `input` cut at every `separator`; an input without one is one part, an empty input one empty part.
inline std::vector<std::string> split(std::string_view input, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t at = input.find(separator, start);
    parts.emplace_back(input.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

}  // namespace scr::fuzz
