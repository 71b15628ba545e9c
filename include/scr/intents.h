// What a query asks for, in words: the cues that make it a search for recommendations
// ("what was recommended to", "learning for") and the connecting words such a query wraps its
// subject in ("what was ... to ... about"). Data (data/query-intents.json), not code.
#pragma once

#include <string>

#include "scr/phrase_match.h"

namespace scr {

class IntentVocabulary {
 public:
  /// Throws scr::Error naming the file and the line of a syntax error, or the field at fault.
  static IntentVocabulary parse(const std::string& json_text, const std::string& source);
  static IntentVocabulary load(const std::string& path);
  static IntentVocabulary load_default();  ///< $SCR_INTENTS, else data_dir()/query-intents.json

  /// Phrasings that ask for recommendations (and findings, the learning reviews draw).
  const PhraseSet& recommendation_cues() const { return recommendation_cues_; }
  /// Words dropped where they join a cue or an agency to the rest ("to", "about", "what was").
  bool is_connector(const std::string& word) const;

 private:
  PhraseSet recommendation_cues_;
  std::vector<std::string> connectors_;  ///< sorted
};

}  // namespace scr
