#include "data_file.h"

#include <fstream>
#include <sstream>

#include "scr/error.h"

namespace scr::data_file {

using nlohmann::json;

std::string read(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read the " + what);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

json parse(const std::string& text, const std::string& source) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw Error(source + ": line " + std::to_string(line) + ", column " + std::to_string(column) +
                ": not valid JSON (" + e.what() + ")");
  } catch (const json::exception& e) {
    // Valid syntax the parser still refuses: a number too large for any type (found by fuzzing).
    throw Error(source + ": not valid JSON (" + e.what() + ")");
  }
}

std::vector<std::string> strings(const json& j, const char* field, const std::string& where, bool required) {
  std::vector<std::string> out;
  auto it = j.find(field);
  if (it == j.end()) {
    if (required) throw Error(where + ": missing \"" + field + "\"");
    return out;
  }
  if (!it->is_array()) throw Error(where + ": \"" + field + "\" must be a list of strings");
  for (const auto& v : *it) {
    if (!v.is_string() || v.get<std::string>().empty()) {
      throw Error(where + ": \"" + field + "\" must hold non-empty strings, found " + v.dump());
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace scr::data_file
