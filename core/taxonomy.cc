#include "scr/taxonomy.h"

#include <openssl/sha.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "scr/boards.h"
#include "scr/error.h"

namespace scr {
namespace {

using nlohmann::json;

// "line L, column C" of byte offset `pos` in `text`.
std::string position_of(const std::string& text, size_t pos) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
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

std::string text_field(const json& j, const char* field, const std::string& where, bool required) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    if (required) throw Error(where + ": missing \"" + field + "\"");
    return "";
  }
  if (!it->is_string()) throw Error(where + ": \"" + field + "\" must be a string");
  return it->get<std::string>();
}

std::string short_hash(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 6; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-')) return false;
  }
  return true;
}

}  // namespace

Taxonomy Taxonomy::parse(const std::string& text, const std::string& source) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(source + ": " + position_of(text, e.byte == 0 ? 0 : e.byte - 1) + ": not valid JSON (" + e.what() + ")");
  }
  if (!j.is_object()) throw Error(source + ": the taxonomy must be a JSON object");
  Taxonomy t;
  try {
    t.version_ = text_field(j, "version", source, true) + "/" + short_hash(text);
    const json& groups = j.at("groups");
    for (const auto& g : groups) {
      ThemeGroup group;
      group.id = text_field(g, "id", source + ": a group", true);
      group.label = text_field(g, "label", source + ": group " + group.id, true);
      group.absence_cancels = g.value("absence_cancels", true);
      t.groups_.push_back(group);
    }
    const json& cues = j.at("cues");
    std::string where = source + ": cues";
    t.cues_.scope_words = cues.value("scope_words", 7);
    if (t.cues_.scope_words < 1 || t.cues_.scope_words > 30) throw Error(where + ": \"scope_words\" must be 1 to 30");
    t.cues_.scope_words_after = cues.value("scope_words_after", 10);
    if (t.cues_.scope_words_after < 1 || t.cues_.scope_words_after > 30) throw Error(where + ": \"scope_words_after\" must be 1 to 30");
    t.cues_.negation_before = strings(cues, "negation_before", where, true);
    t.cues_.absence_before = strings(cues, "absence_before", where, false);
    t.cues_.negation_after = strings(cues, "negation_after", where, false);
    t.cues_.hypothetical_before = strings(cues, "hypothetical_before", where, false);
    t.cues_.hypothetical_clause_start = strings(cues, "hypothetical_clause_start", where, false);
    t.cues_.terminators = strings(cues, "terminators", where, false);
    t.cues_.pseudo_negations = strings(cues, "pseudo_negations", where, false);

    std::set<std::string> ids;
    for (const auto& th : j.at("themes")) {
      Theme theme;
      theme.id = text_field(th, "id", source + ": a theme", true);
      std::string w = source + ": theme \"" + theme.id + "\"";
      if (!valid_id(theme.id)) throw Error(w + ": ids are lower-case letters, digits and '-'");
      if (!ids.insert(theme.id).second) throw Error(w + ": defined twice");
      theme.label = text_field(th, "label", w, true);
      theme.group = text_field(th, "group", w, true);
      if (!t.group(theme.group)) throw Error(w + ": unknown group \"" + theme.group + "\"");
      theme.description = text_field(th, "description", w, false);
      theme.phrasings = strings(th, "phrasings", w, true);
      theme.indicators = strings(th, "indicators", w, false);
      if (theme.phrasings.empty()) throw Error(w + ": needs at least one phrasing");
      theme.threshold = th.value("threshold", 1.0);
      if (!(theme.threshold > 0)) throw Error(w + ": \"threshold\" must be above 0");
      t.themes_.push_back(std::move(theme));
    }
  } catch (const json::exception& e) {
    throw Error(source + ": " + e.what());
  }
  if (t.themes_.empty()) throw Error(source + ": no themes");
  return t;
}

Taxonomy Taxonomy::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read the taxonomy file");
  std::ostringstream s;
  s << in.rdbuf();
  return parse(s.str(), path);
}

std::string Taxonomy::default_path() {
  if (const char* env = std::getenv("SCR_TAXONOMY"); env && *env) return env;
  return data_dir() + "/taxonomy.json";
}

Taxonomy Taxonomy::load_default() { return load(default_path()); }

const Theme* Taxonomy::find(const std::string& id) const {
  for (const auto& t : themes_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const ThemeGroup* Taxonomy::group(const std::string& id) const {
  for (const auto& g : groups_) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

}  // namespace scr
