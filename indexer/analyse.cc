#include "analyse.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "metadata.h"
#include "scr/error.h"
#include "scr/text.h"

namespace scr {
namespace {

using nlohmann::json;

constexpr size_t kMetadataPages = 5;  // cover, contents and the opening pages

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

// Text from PDFs can hold bytes that are not UTF-8; replace rather than fail on them.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

void analyse_text(AnalysedFile& a, const TextAnalysers& analysers) {
  a.themes.clear();
  a.recommendations.clear();
  if (analysers.tagger) {
    a.themes = analysers.tagger->tag_pages(a.pages);
    a.taxonomy_version = analysers.tagger->taxonomy().version();
    if (analysers.agencies) a.recommendations = find_recommendations(a.pages, *analysers.agencies, *analysers.tagger);
  }
}

void analyse_catalogue(AnalysedFile& a, const ThemeTagger& tagger) {
  // The summary is read with the same rules as report text; each keyword that is a phrasing of a
  // theme (or its id) is a cataloguer's statement of it. Provenance is in the evidence.
  std::vector<ThemeTag> tags;
  if (a.meta.summary.known()) tags = tagger.tag_text(a.meta.summary.value);
  for (auto& t : tags) {
    for (auto& e : t.evidence) e.sentence = "catalogue summary: " + e.sentence;
  }
  for (const auto& keyword : a.meta.keywords) {
    std::string words = keyword;
    std::replace(words.begin(), words.end(), '-', ' ');
    std::vector<std::string> ids;
    if (tagger.taxonomy().find(keyword)) ids.push_back(keyword);  // a theme id as a keyword
    for (const auto& k : tagger.tag_text(words)) {
      if (k.mentions > 0 && std::find(ids.begin(), ids.end(), k.id) == ids.end()) ids.push_back(k.id);
    }
    for (const auto& id : ids) {
      auto it = std::find_if(tags.begin(), tags.end(), [&](const ThemeTag& t) { return t.id == id; });
      if (it == tags.end()) {
        tags.push_back({});
        it = tags.end() - 1;
        it->id = id;
      }
      it->present = true;
      it->score = std::max(it->score, 1.0);
      ++it->mentions;
      if (it->evidence.size() < kMaxEvidence) it->evidence.push_back({0, "catalogue keyword: " + keyword});
    }
  }
  a.themes = std::move(tags);
  a.taxonomy_version = tagger.taxonomy().version();
}

AnalysedFile analyse_file(const std::string& root, const std::string& relative_path, const ExtractOptions& options,
                          const BoardRegistry& boards, const TextAnalysers& analysers) {
  AnalysedFile a;
  ExtractResult r = extract_pdf(root + "/" + relative_path, options);
  a.status = r.status;
  a.reason = r.reason;
  a.page_count = r.page_count;
  a.info = r.info;
  a.ocr_pages = r.ocr_pages;
  MetadataInput in;
  in.relative_path = relative_path;
  in.info = r.info;
  if (!r.pages.empty()) {
    CleanedText clean = clean_pages(r.pages);
    a.pages = std::move(clean.pages);
    a.furniture = std::move(clean.furniture);
    for (size_t i = 0; i < r.pages.size() && i < kMetadataPages; ++i) in.raw_pages.push_back(r.pages[i]);
    for (size_t i = 0; i < a.pages.size() && i < kMetadataPages; ++i) in.clean_pages.push_back(a.pages[i]);
    in.furniture = a.furniture;
    if (!r.lead_lines.empty()) in.cover_lines = r.lead_lines[0];
  }
  // Even an unreadable file gets what its name and folder say, so a maintainer can find it.
  a.meta = find_metadata(in, boards);
  if (!a.pages.empty()) analyse_text(a, analysers);
  return a;
}

std::string encode_meta(const ReportMeta& m) { return dump(meta_json(m)); }

std::string encode_themes(const std::vector<ThemeTag>& tags) { return dump(themes_json(tags)); }
std::string encode_recommendations(const std::vector<Recommendation>& recs) { return dump(recommendations_json(recs)); }

std::vector<ThemeTag> decode_themes(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) throw Error("themes: not a JSON array");
  try {
    return themes_from(j);
  } catch (const json::exception& e) {
    throw Error(std::string("themes: ") + e.what());
  }
}

std::vector<Recommendation> decode_recommendations(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) throw Error("recommendations: not a JSON array");
  try {
    return recommendations_from(j);
  } catch (const json::exception& e) {
    throw Error(std::string("recommendations: ") + e.what());
  }
}

ReportMeta decode_meta(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw Error("metadata: not a JSON object");
  try {
    return meta_from(j);
  } catch (const json::exception& e) {
    throw Error(std::string("metadata: ") + e.what());
  }
}

std::string encode_analysis(const AnalysedFile& a) {
  json info = {{"title", a.info.title},     {"author", a.info.author},     {"subject", a.info.subject},
               {"keywords", a.info.keywords}, {"creator", a.info.creator}, {"producer", a.info.producer}};
  if (a.info.created) info["created"] = *a.info.created;
  if (a.info.modified) info["modified"] = *a.info.modified;
  json j = {{"status", status_name(a.status)}, {"reason", a.reason},   {"page_count", a.page_count},
            {"pages", a.pages},                {"ocr_pages", a.ocr_pages}, {"furniture", a.furniture},
            {"info", info},                    {"meta", meta_json(a.meta)},
            {"page_starts", a.page_starts},
            {"themes", themes_json(a.themes)},  {"recommendations", recommendations_json(a.recommendations)},
            {"taxonomy", a.taxonomy_version}};
  return dump(j);
}

AnalysedFile decode_analysis(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw Error("analysis: not a JSON object");
  try {
    AnalysedFile a;
    auto status = status_from_name(j.at("status").get<std::string>());
    if (!status) throw Error("analysis: unknown status");
    a.status = *status;
    j.at("reason").get_to(a.reason);
    j.at("page_count").get_to(a.page_count);
    j.at("pages").get_to(a.pages);
    j.at("ocr_pages").get_to(a.ocr_pages);
    j.at("furniture").get_to(a.furniture);
    const json& info = j.at("info");
    info.at("title").get_to(a.info.title);
    info.at("author").get_to(a.info.author);
    info.at("subject").get_to(a.info.subject);
    info.at("keywords").get_to(a.info.keywords);
    info.at("creator").get_to(a.info.creator);
    info.at("producer").get_to(a.info.producer);
    if (info.contains("created")) a.info.created = info.at("created").get<std::time_t>();
    if (info.contains("modified")) a.info.modified = info.at("modified").get<std::time_t>();
    a.meta = meta_from(j.at("meta"));
    if (j.contains("page_starts")) j.at("page_starts").get_to(a.page_starts);
    if (j.contains("themes")) a.themes = themes_from(j.at("themes"));
    if (j.contains("recommendations")) a.recommendations = recommendations_from(j.at("recommendations"));
    a.taxonomy_version = j.value("taxonomy", "");
    return a;
  } catch (const json::exception& e) {
    throw Error(std::string("analysis: ") + e.what());
  }
}

}  // namespace scr
