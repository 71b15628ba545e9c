#include "scr/intents.h"

#include <algorithm>
#include <cstdlib>

#include "data_file.h"
#include "scr/boards.h"
#include "scr/error.h"

namespace scr {

IntentVocabulary IntentVocabulary::parse(const std::string& text, const std::string& source) {
  nlohmann::json j = data_file::parse(text, source);
  IntentVocabulary v;
  if (!j.is_object() || !j.contains("recommendation")) throw Error(source + ": no \"recommendation\" intent");
  const auto& rec = j["recommendation"];
  for (const auto& p : data_file::strings(rec, "cues", source + ": intent \"recommendation\"", true)) {
    if (!v.recommendation_cues_.add(p, 0)) throw Error(source + ": cue \"" + p + "\" has no words");
  }
  for (const auto& c : data_file::strings(j, "connectors", source, true)) {
    for (const auto& w : split_words(c)) v.connectors_.push_back(w.text);
  }
  std::sort(v.connectors_.begin(), v.connectors_.end());
  return v;
}

IntentVocabulary IntentVocabulary::load(const std::string& path) {
  return parse(data_file::read(path, "query intent vocabulary"), path);
}

IntentVocabulary IntentVocabulary::load_default() {
  if (const char* env = std::getenv("SCR_INTENTS"); env && *env) return load(env);
  return load(data_dir() + "/query-intents.json");
}

bool IntentVocabulary::is_connector(const std::string& word) const {
  return std::binary_search(connectors_.begin(), connectors_.end(), word);
}

}  // namespace scr
