#include "scr/agencies.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scr/boards.h"
#include "scr/error.h"

namespace scr {
namespace {

using nlohmann::json;

std::vector<std::string> strings(const json& j, const char* field, const std::string& where) {
  std::vector<std::string> out;
  auto it = j.find(field);
  if (it == j.end()) throw Error(where + ": missing \"" + field + "\"");
  if (!it->is_array()) throw Error(where + ": \"" + field + "\" must be a list of strings");
  for (const auto& v : *it) {
    if (!v.is_string() || v.get<std::string>().empty()) throw Error(where + ": \"" + field + "\" must hold non-empty strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

size_t line_of(const std::string& text, size_t pos) {
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(pos, text.size())), '\n'));
}

}  // namespace

AgencyVocabulary AgencyVocabulary::parse(const std::string& text, const std::string& source) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(source + ": line " + std::to_string(line_of(text, e.byte == 0 ? 0 : e.byte - 1)) + ": not valid JSON (" +
                e.what() + ")");
  }
  AgencyVocabulary v;
  try {
    for (const auto& a : j.at("agencies")) {
      Agency agency;
      agency.id = a.at("id").get<std::string>();
      std::string where = source + ": agency \"" + agency.id + "\"";
      agency.label = a.at("label").get<std::string>();
      agency.group = a.value("group", agency.id);
      agency.phrasings = strings(a, "phrasings", where);
      if (v.find(agency.id)) throw Error(where + ": defined twice");
      for (const auto& p : agency.phrasings) v.names_.add(p, static_cast<int>(v.agencies_.size()));
      v.agencies_.push_back(std::move(agency));
    }
    v.action_verbs_ = strings(j, "action_verbs", source);
    std::sort(v.action_verbs_.begin(), v.action_verbs_.end());
    for (const auto& p : strings(j, "time_frame", source)) v.time_frame_.add(p, 0);
    for (const auto& p : strings(j, "measure", source)) v.measure_.add(p, 0);
  } catch (const json::exception& e) {
    throw Error(source + ": " + e.what());
  }
  if (v.agencies_.empty()) throw Error(source + ": no agencies");
  return v;
}

AgencyVocabulary AgencyVocabulary::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read the agency vocabulary");
  std::ostringstream s;
  s << in.rdbuf();
  return parse(s.str(), path);
}

AgencyVocabulary AgencyVocabulary::load_default() {
  if (const char* env = std::getenv("SCR_AGENCIES"); env && *env) return load(env);
  return load(data_dir() + "/agencies.json");
}

const Agency* AgencyVocabulary::find(const std::string& id) const {
  for (const auto& a : agencies_) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

std::vector<std::string> AgencyVocabulary::agencies_in(const std::vector<Word>& words, size_t first, size_t last) const {
  last = std::min(last, words.size());
  std::vector<std::string> out;
  if (first >= last) return out;
  std::vector<Word> part(words.begin() + static_cast<long>(first), words.begin() + static_cast<long>(last));
  for (const auto& m : names_.find(part)) {
    for (int id : m.ids) {
      const std::string& a = agencies_[static_cast<size_t>(id)].id;
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    }
  }
  return out;
}

bool AgencyVocabulary::is_action_verb(const std::string& word) const {
  return std::binary_search(action_verbs_.begin(), action_verbs_.end(), word);
}

}  // namespace scr
