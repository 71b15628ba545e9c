#include "scr/taxonomy.h"

#include "data_file.h"

#include <openssl/sha.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "scr/boards.h"
#include "scr/error.h"

namespace scr {
namespace {

using nlohmann::json;

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
  json j = data_file::parse(text, source);
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
      group.praise_cancels = g.value("praise_cancels", false);
      group.historic_cancels = g.value("historic_cancels", false);
      group.needs_parent = g.value("needs_parent", false);
      group.needs_child = g.value("needs_child", false);
      group.needs_deficit = g.value("needs_deficit", false);
      t.groups_.push_back(group);
    }
    const json& cues = j.at("cues");
    std::string where = source + ": cues";
    t.cues_.scope_words = data_file::whole_number(cues, "scope_words", 7, 1, 30, where);
    t.cues_.scope_words_after = data_file::whole_number(cues, "scope_words_after", 10, 1, 30, where);
    t.cues_.negation_before = data_file::strings(cues, "negation_before", where, true);
    t.cues_.absence_before = data_file::strings(cues, "absence_before", where, false);
    t.cues_.negation_after = data_file::strings(cues, "negation_after", where, false);
    t.cues_.hypothetical_before = data_file::strings(cues, "hypothetical_before", where, false);
    t.cues_.hypothetical_clause_start = data_file::strings(cues, "hypothetical_clause_start", where, false);
    t.cues_.terminators = data_file::strings(cues, "terminators", where, false);
    t.cues_.pseudo_negations = data_file::strings(cues, "pseudo_negations", where, false);
    t.cues_.routine_scope_words = data_file::whole_number(cues, "routine_scope_words", 4, 1, 30, where);
    t.cues_.routine_before = data_file::strings(cues, "routine_before", where, false);
    t.cues_.routine_after = data_file::strings(cues, "routine_after", where, false);
    t.cues_.routine_clause = data_file::strings(cues, "routine_clause", where, false);
    t.cues_.praise_before = data_file::strings(cues, "praise_before", where, false);
    t.cues_.praise_after = data_file::strings(cues, "praise_after", where, false);
    t.cues_.praise_clause = data_file::strings(cues, "praise_clause", where, false);
    t.cues_.definition_before = data_file::strings(cues, "definition_before", where, false);
    t.cues_.definition_after = data_file::strings(cues, "definition_after", where, false);
    t.cues_.historic_clause = data_file::strings(cues, "historic_clause", where, false);
    t.cues_.child_subject = data_file::strings(cues, "child_subject", where, false);
    t.cues_.parent_subject = data_file::strings(cues, "parent_subject", where, false);
    t.cues_.own_history = data_file::strings(cues, "own_history", where, false);
    t.cues_.childhood_events = data_file::strings(cues, "childhood_events", where, false);
    t.cues_.pronoun_subjects = data_file::strings(cues, "pronoun_subjects", where, false);
    t.cues_.child_nouns = data_file::strings(cues, "child_nouns", where, false);
    t.cues_.parent_link = data_file::strings(cues, "parent_link", where, false);
    t.cues_.deficit = data_file::strings(cues, "deficit", where, false);
    t.cues_.positive = data_file::strings(cues, "positive", where, false);
    t.cues_.boilerplate = data_file::strings(cues, "boilerplate", where, false);
    if (j.contains("sections")) {
      const json& sec = j.at("sections");
      std::string sw = source + ": sections";
      t.sections_.not_counted = data_file::strings(sec, "not_counted", sw, false);
      t.sections_.good_practice = data_file::strings(sec, "good_practice", sw, false);
      t.sections_.counted = data_file::strings(sec, "counted", sw, false);
    }

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
      theme.phrasings = data_file::strings(th, "phrasings", w, true);
      theme.indicators = data_file::strings(th, "indicators", w, false);
      for (const auto& f : th.value("families", json::array())) {
        CueFamily family;
        family.signs = data_file::strings(f, "signs", w + ": a family", true);
        family.with = data_file::strings(f, "with", w + ": a family", true);
        family.window = static_cast<size_t>(data_file::whole_number(f, "window", 12, 1, 40, w + ": a family"));
        family.weight = f.value("weight", 1.0);
        if (!(family.weight > 0 && family.weight <= 1)) throw Error(w + ": a family's \"weight\" must be above 0 and at most 1");
        if (family.signs.empty() || family.with.empty()) throw Error(w + ": a family needs \"signs\" and \"with\"");
        theme.families.push_back(std::move(family));
      }
      if (theme.phrasings.empty()) throw Error(w + ": needs at least one phrasing");
      theme.threshold = th.value("threshold", 1.0);
      theme.historic_cancels = th.value("historic_cancels", t.group(theme.group)->historic_cancels);
      theme.needs_parent = th.value("needs_parent", t.group(theme.group)->needs_parent);
      theme.needs_child = th.value("needs_child", t.group(theme.group)->needs_child);
      theme.needs_deficit = th.value("needs_deficit", t.group(theme.group)->needs_deficit);
      theme.procedures = data_file::strings(th, "procedures", w, false);
      theme.from_adult_past = data_file::strings(th, "from_adult_past", w, false);
      for (const auto& g : theme.from_adult_past) {
        if (!t.group(g)) throw Error(w + ": \"from_adult_past\" names unknown group \"" + g + "\"");
      }
      theme.of_parent = th.value("of_parent", std::string());
      if (!(theme.threshold > 0)) throw Error(w + ": \"threshold\" must be above 0");
      t.themes_.push_back(std::move(theme));
    }
    for (const auto& theme : t.themes_) {
      if (theme.of_parent.empty()) continue;
      if (!t.find(theme.of_parent) || theme.of_parent == theme.id) {
        throw Error(where + ": theme \"" + theme.id + "\": \"of_parent\" must name another theme, not \"" + theme.of_parent + "\"");
      }
    }
    for (const auto& c : j.value("clusters", json::array())) {
      ThemeCluster cluster;
      cluster.id = text_field(c, "id", source + ": a cluster", true);
      std::string w = source + ": cluster \"" + cluster.id + "\"";
      cluster.label = text_field(c, "label", w, true);
      cluster.description = text_field(c, "description", w, false);
      cluster.phrasings = data_file::strings(c, "phrasings", w, true);
      cluster.themes = data_file::strings(c, "themes", w, true);
      if (cluster.themes.size() < 2) throw Error(w + ": needs at least two themes");
      for (const auto& id : cluster.themes) {
        if (!ids.count(id)) throw Error(w + ": unknown theme \"" + id + "\"");
      }
      t.clusters_.push_back(std::move(cluster));
    }
  } catch (const json::exception& e) {
    throw Error(source + ": " + e.what());
  }
  if (t.themes_.empty()) throw Error(source + ": no themes");
  return t;
}

Taxonomy Taxonomy::load(const std::string& path) { return parse(data_file::read(path, "taxonomy file"), path); }

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
