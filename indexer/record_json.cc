#include "record_json.h"

namespace scr::record_json {

using nlohmann::json;

namespace {

Source source_from_name(const std::string& name) {
  for (auto s : {Source::kManifest, Source::kCoverSheet, Source::kPdfInfo, Source::kFileName, Source::kFolder,
                 Source::kText, Source::kDerived}) {
    if (source_name(s) == name) return s;
  }
  return Source::kNone;
}

template <class T>
void put(json& j, const char* name, const Sourced<T>& f) {
  if (f.known()) j[name] = {{"value", f.value}, {"source", source_name(f.source)}};
}

template <class T>
void get(const json& j, const char* name, Sourced<T>& f) {
  auto it = j.find(name);
  if (it == j.end()) return;
  it->at("value").get_to(f.value);
  f.source = source_from_name(it->at("source").get<std::string>());
}

}  // namespace

json meta_json(const ReportMeta& m) {
  json j = json::object();
  put(j, "title", m.title);
  put(j, "review_type", m.review_type);
  put(j, "board", m.board);
  put(j, "region", m.region);
  put(j, "year", m.year);
  put(j, "month", m.month);
  put(j, "pseudonym", m.pseudonym);
  put(j, "author", m.author);
  put(j, "child_age_months", m.child_age_months);
  put(j, "age_band", m.age_band);
  put(j, "sex", m.sex);
  put(j, "outcome", m.outcome);
  put(j, "incident_year", m.incident_year);
  put(j, "summary", m.summary);
  if (!m.keywords.empty()) j["keywords"] = m.keywords;
  return j;
}

ReportMeta meta_from(const json& j) {
  ReportMeta m;
  get(j, "title", m.title);
  get(j, "review_type", m.review_type);
  get(j, "board", m.board);
  get(j, "region", m.region);
  get(j, "year", m.year);
  get(j, "month", m.month);
  get(j, "pseudonym", m.pseudonym);
  get(j, "author", m.author);
  get(j, "child_age_months", m.child_age_months);
  get(j, "age_band", m.age_band);
  get(j, "sex", m.sex);
  get(j, "outcome", m.outcome);
  get(j, "incident_year", m.incident_year);
  get(j, "summary", m.summary);
  if (j.contains("keywords")) j.at("keywords").get_to(m.keywords);
  return m;
}

json themes_json(const std::vector<ThemeTag>& tags) {
  json a = json::array();
  for (const auto& t : tags) {
    json ev = json::array();
    for (const auto& e : t.evidence) ev.push_back({{"page", e.page}, {"sentence", e.sentence}});
    json cancelled = json::array();
    for (const auto& c : t.cancelled_evidence) {
      cancelled.push_back({{"reason", c.reason}, {"page", c.page}, {"sentence", c.sentence}});
    }
    a.push_back({{"id", t.id}, {"present", t.present}, {"score", t.score}, {"mentions", t.mentions},
                 {"cancelled", t.cancelled}, {"evidence", ev}, {"cancelled_evidence", cancelled}});
  }
  return a;
}

std::vector<ThemeTag> themes_from(const json& a) {
  std::vector<ThemeTag> out;
  for (const auto& j : a) {
    ThemeTag t;
    t.id = j.at("id").get<std::string>();
    t.present = j.value("present", false);
    t.score = j.value("score", 0.0);
    t.mentions = j.value("mentions", 0);
    t.cancelled = j.value("cancelled", 0);
    for (const auto& e : j.value("evidence", json::array())) t.evidence.push_back({e.value("page", 0), e.value("sentence", "")});
    for (const auto& c : j.value("cancelled_evidence", json::array())) {
      t.cancelled_evidence.push_back({c.value("reason", ""), c.value("page", 0), c.value("sentence", "")});
    }
    out.push_back(std::move(t));
  }
  return out;
}

json recommendations_json(const std::vector<Recommendation>& recs) {
  json a = json::array();
  for (const auto& r : recs) {
    json j = {{"kind", r.kind},         {"number", r.number},       {"label", r.label},
              {"text", r.text},         {"page", r.page},           {"agencies", r.agencies},
              {"themes", r.themes},     {"addressee_found", r.addressee_found}, {"action_verb", r.action_verb},
              {"time_frame", r.time_frame}, {"measure", r.measure}, {"clarity", r.clarity()}};
    if (!r.questions.empty()) j["questions"] = r.questions;
    a.push_back(std::move(j));
  }
  return a;
}

std::vector<Recommendation> recommendations_from(const json& a) {
  std::vector<Recommendation> out;
  for (const auto& j : a) {
    Recommendation r;
    r.kind = j.value("kind", "recommendation");
    r.number = j.value("number", "");
    r.label = j.value("label", "");
    r.text = j.value("text", "");
    r.page = j.value("page", 0);
    r.agencies = j.value("agencies", std::vector<std::string>{});
    r.themes = j.value("themes", std::vector<std::string>{});
    r.questions = j.value("questions", std::vector<std::string>{});
    r.addressee_found = j.value("addressee_found", false);
    r.action_verb = j.value("action_verb", false);
    r.time_frame = j.value("time_frame", false);
    r.measure = j.value("measure", false);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace scr::record_json
