#include "analyse.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "metadata.h"
#include "record_json.h"
#include "scr/error.h"
#include "scr/text.h"

namespace scr {
namespace {

using nlohmann::json;

constexpr size_t kMetadataPages = 5;  // cover, contents and the opening pages

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

std::string encode_analysis(const AnalysedFile& a) {
  json info = {{"title", a.info.title},     {"author", a.info.author},     {"subject", a.info.subject},
               {"keywords", a.info.keywords}, {"creator", a.info.creator}, {"producer", a.info.producer}};
  if (a.info.created) info["created"] = *a.info.created;
  if (a.info.modified) info["modified"] = *a.info.modified;
  json j = {{"status", status_name(a.status)}, {"reason", a.reason},   {"page_count", a.page_count},
            {"pages", a.pages},                {"ocr_pages", a.ocr_pages}, {"furniture", a.furniture},
            {"info", info},                    {"meta", record_json::meta_json(a.meta)},
            {"page_starts", a.page_starts},
            {"themes", record_json::themes_json(a.themes)},
            {"recommendations", record_json::recommendations_json(a.recommendations)},
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
    a.meta = record_json::meta_from(j.at("meta"));
    if (j.contains("page_starts")) j.at("page_starts").get_to(a.page_starts);
    if (j.contains("themes")) a.themes = record_json::themes_from(j.at("themes"));
    if (j.contains("recommendations")) a.recommendations = record_json::recommendations_from(j.at("recommendations"));
    a.taxonomy_version = j.value("taxonomy", "");
    return a;
  } catch (const json::exception& e) {
    throw Error(std::string("analysis: ") + e.what());
  }
}

}  // namespace scr
