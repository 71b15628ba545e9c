#include "data_file.h"

#include <cmath>
#include <fstream>
#include <set>
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

namespace {

/// Refuses a key that appears twice in one object: valid JSON, but the parser keeps the last
/// value and silently drops the first, so an edit to the first copy would change nothing.
class DuplicateKeyCheck {
 public:
  explicit DuplicateKeyCheck(const std::string& source) : source_(source) {}

  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        objects_.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!objects_.empty()) objects_.pop_back();
        break;
      case json::parse_event_t::key: {
        auto& object = objects_.back();
        object.last_key = parsed.get<std::string>();
        if (!object.keys.insert(object.last_key).second) {
          std::string where = object.id.empty() ? "" : " (the one with \"id\": \"" + object.id + "\")";
          throw Error(source_ + ": \"" + object.last_key + "\" twice in one object" + where +
                      "; the parser would drop the first");
        }
        break;
      }
      case json::parse_event_t::value:
        if (!objects_.empty() && objects_.back().last_key == "id" && parsed.is_string()) {
          objects_.back().id = parsed.get<std::string>();
        }
        break;
      default:
        break;
    }
    return true;
  }

 private:
  struct Object {
    std::set<std::string> keys;
    std::string last_key, id;
  };
  const std::string& source_;
  std::vector<Object> objects_;
};

}  // namespace

json parse(const std::string& text, const std::string& source) {
  try {
    return json::parse(text, DuplicateKeyCheck(source));
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

int whole_number(const json& j, const char* field, int fallback, int min, int max, const std::string& where) {
  auto it = j.find(field);
  if (it == j.end()) return fallback;
  const double d = it->is_number() ? it->get<double>() : min - 1.0;
  if (!(d >= min && d <= max) || d != std::floor(d)) {
    throw Error(where + ": \"" + field + "\" must be a whole number from " + std::to_string(min) + " to " +
                std::to_string(max));
  }
  return static_cast<int>(d);
}

}  // namespace scr::data_file
