// How a query is understood before it is run: a search of reports, or a search of the reports'
// recommendations ("what was recommended to GPs about missed appointments").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scr/agencies.h"
#include "scr/intents.h"

namespace scr {

struct QueryIntent {
  bool recommendations = false;       ///< the query asks what was recommended (or learnt)
  std::vector<std::string> cues;      ///< the words that said so, folded: "recommended", "learning for"
  struct Addressee {
    std::string agency;               ///< agency id: "gp"
    std::string words;                ///< the words that named it, folded: "gps"
  };
  std::vector<Addressee> addressees;  ///< agencies the query names, each once, in order
  /// The query without its cues, its agencies and the connecting words beside them: what the
  /// recommendations must be about. Fields, phrases, brackets and operators are kept as written.
  std::string rest;
};

/// Reads the intent of a (normalised) query. Only plain words at the top level count: a cue in
/// quotes or in a field is searched as written, and a query naming a document type (type:...)
/// is always a search of what it names.
QueryIntent interpret_query(std::string_view query, const IntentVocabulary& intents, const AgencyVocabulary& agencies);

}  // namespace scr
