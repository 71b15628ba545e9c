#include "intent.h"

#include <algorithm>

#include "query_string.h"

namespace scr {
namespace {

bool is_plain(const std::string& token) {
  if (token.empty() || token[0] == '-' || token[0] == '+' || is_operator(token)) return false;
  return token.find_first_of(":*\"()") == std::string::npos;
}

// The query's operators left without an operand on one side once words are taken out.
std::vector<std::string> drop_dangling_operators(std::vector<std::string> tokens) {
  std::vector<std::string> out;
  for (auto& t : tokens) {
    if (is_operator(t)) {
      // An operator after nothing or after another operator has no left operand ("NOT" may
      // follow AND/OR: "a AND NOT b").
      if (t != "NOT" && (out.empty() || is_operator(out.back()))) continue;
      if (t == "NOT" && !out.empty() && out.back() == "NOT") continue;
    }
    out.push_back(std::move(t));
  }
  while (!out.empty() && is_operator(out.back())) out.pop_back();
  return out;
}

}  // namespace

QueryIntent interpret_query(std::string_view query, const IntentVocabulary& intents, const AgencyVocabulary& agencies) {
  QueryIntent intent;
  const std::vector<std::string> tokens = split_top_level(query);
  for (const auto& t : tokens) {
    if (field_name(t) == "type") return intent;  // type:recommendation, type:report: as written
  }
  // Each token's words, with the role each word plays once read.
  enum class Role { kContent, kCue, kAgency, kConnector };
  std::vector<bool> dropped(tokens.size(), false);
  for (size_t i = 0; i < tokens.size();) {
    if (!is_plain(tokens[i])) {
      ++i;
      continue;
    }
    // A run of plain words: cues, agencies and connectors are read within it, never across a
    // phrase, a field or an operator.
    size_t end = i;
    while (end < tokens.size() && is_plain(tokens[end])) ++end;
    std::vector<Word> words;
    std::vector<size_t> token_of;
    for (size_t t = i; t < end; ++t) {
      for (auto& w : split_words(tokens[t])) {
        words.push_back(std::move(w));
        token_of.push_back(t);
      }
    }
    std::vector<Role> role(words.size(), Role::kContent);
    for (const auto& m : intents.recommendation_cues().find(words)) {
      std::string cue;
      for (size_t k = m.first; k < m.last; ++k) {
        role[k] = Role::kCue;
        cue += (k > m.first ? " " : "") + words[k].text;
      }
      intent.cues.push_back(cue);
    }
    for (const auto& m : agencies.mentions(words)) {
      bool free = true;
      for (size_t k = m.first; k < m.last; ++k) free = free && role[k] == Role::kContent;
      if (!free) continue;
      std::string named;
      for (size_t k = m.first; k < m.last; ++k) {
        role[k] = Role::kAgency;
        named += (k > m.first ? " " : "") + words[k].text;
      }
      auto same = [&](const QueryIntent::Addressee& a) { return a.agency == m.id; };
      if (std::none_of(intent.addressees.begin(), intent.addressees.end(), same)) intent.addressees.push_back({m.id, named});
    }
    // Connectors go where they join a cue or an agency to something, or stand at the run's ends:
    // "what was recommended to GPs about ..." keeps only what follows "about"; a connector inside
    // the subject ("children who were not brought") stays, and so does the phrasing it is part of.
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t k = 0; k < words.size(); ++k) {
        if (role[k] != Role::kContent || !intents.is_connector(words[k].text)) continue;
        bool edge = k == 0 || k + 1 == words.size();
        bool beside = (k > 0 && role[k - 1] != Role::kContent) || (k + 1 < words.size() && role[k + 1] != Role::kContent);
        if (edge || beside) {
          role[k] = Role::kConnector;
          changed = true;
        }
      }
    }
    // A token goes when every word of it went ("GPs", "GP's"); one partly read stays whole.
    for (size_t t = i; t < end; ++t) {
      bool all = true, any = false;
      for (size_t k = 0; k < words.size(); ++k) {
        if (token_of[k] != t) continue;
        any = true;
        all = all && role[k] != Role::kContent;
      }
      dropped[t] = any && all;
    }
    i = end;
  }
  if (intent.cues.empty()) return QueryIntent{};
  intent.recommendations = true;
  std::vector<std::string> kept;
  for (size_t t = 0; t < tokens.size(); ++t) {
    if (!dropped[t]) kept.push_back(tokens[t]);
  }
  for (const auto& t : drop_dangling_operators(std::move(kept))) intent.rest += (intent.rest.empty() ? "" : " ") + t;
  return intent;
}

}  // namespace scr
