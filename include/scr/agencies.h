// The agencies recommendations are addressed to, and the words that make a recommendation clear
// (an action verb, a time frame, a measure): data/agencies.json, editable without recompiling.
#pragma once

#include <string>
#include <vector>

#include "scr/phrase_match.h"

namespace scr {

struct Agency {
  std::string id;     ///< "police", "health-visiting"
  std::string label;  ///< "Police"
  std::string group;  ///< "health" for every health agency, so `agency:health` finds them all
  std::vector<std::string> phrasings;
};

class AgencyVocabulary {
 public:
  /// Throws scr::Error naming the file and the line of a syntax error, or the field at fault.
  static AgencyVocabulary parse(const std::string& json_text, const std::string& source);
  static AgencyVocabulary load(const std::string& path);
  static AgencyVocabulary load_default();  ///< $SCR_AGENCIES, else data_dir()/agencies.json

  const std::vector<Agency>& agencies() const { return agencies_; }
  const Agency* find(const std::string& id) const;

  /// Agency ids named in `text`, in order of first mention, each once.
  std::vector<std::string> agencies_in(const std::vector<Word>& words, size_t first = 0,
                                       size_t last = static_cast<size_t>(-1)) const;
  struct Mention {
    size_t first = 0, last = 0;  ///< the words [first, last) that name it
    std::string id;
  };
  /// Where agencies are named in `words`, left to right (a phrasing shared by two agencies gives both).
  std::vector<Mention> mentions(const std::vector<Word>& words) const;
  bool is_action_verb(const std::string& word) const;
  bool names_time_frame(const std::vector<Word>& words) const { return !time_frame_.find(words).empty(); }
  bool names_measure(const std::vector<Word>& words) const { return !measure_.find(words).empty(); }

 private:
  std::vector<Agency> agencies_;
  PhraseSet names_;  ///< id = agency index
  std::vector<std::string> action_verbs_;  ///< sorted
  PhraseSet time_frame_, measure_;
};

}  // namespace scr
