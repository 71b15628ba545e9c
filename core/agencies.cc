#include "scr/agencies.h"

#include "data_file.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "scr/boards.h"
#include "scr/error.h"

namespace scr {

using nlohmann::json;

AgencyVocabulary AgencyVocabulary::parse(const std::string& text, const std::string& source) {
  json j = data_file::parse(text, source);
  AgencyVocabulary v;
  try {
    for (const auto& a : j.at("agencies")) {
      Agency agency;
      agency.id = a.at("id").get<std::string>();
      std::string where = source + ": agency \"" + agency.id + "\"";
      agency.label = a.at("label").get<std::string>();
      agency.group = a.value("group", agency.id);
      agency.phrasings = data_file::strings(a, "phrasings", where, true);
      if (v.find(agency.id)) throw Error(where + ": defined twice");
      for (const auto& p : agency.phrasings) v.names_.add(p, static_cast<int>(v.agencies_.size()));
      v.agencies_.push_back(std::move(agency));
    }
    v.action_verbs_ = data_file::strings(j, "action_verbs", source, true);
    std::sort(v.action_verbs_.begin(), v.action_verbs_.end());
    for (const auto& p : data_file::strings(j, "time_frame", source, true)) v.time_frame_.add(p, 0);
    for (const auto& p : data_file::strings(j, "measure", source, true)) v.measure_.add(p, 0);
  } catch (const json::exception& e) {
    throw Error(source + ": " + e.what());
  }
  if (v.agencies_.empty()) throw Error(source + ": no agencies");
  return v;
}

AgencyVocabulary AgencyVocabulary::load(const std::string& path) {
  return parse(data_file::read(path, "agency vocabulary"), path);
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

std::vector<AgencyVocabulary::Mention> AgencyVocabulary::mentions(const std::vector<Word>& words) const {
  std::vector<Mention> out;
  for (const auto& m : names_.find(words)) {
    for (int id : m.ids) out.push_back({m.first, m.last, agencies_[static_cast<size_t>(id)].id});
  }
  return out;
}

bool AgencyVocabulary::is_action_verb(const std::string& word) const {
  return std::binary_search(action_verbs_.begin(), action_verbs_.end(), word);
}

}  // namespace scr
