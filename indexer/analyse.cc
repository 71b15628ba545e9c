#include "analyse.h"

#include <nlohmann/json.hpp>

#include "record_json.h"
#include "scr/error.h"

namespace scr {
namespace {

using nlohmann::json;

// Text from PDFs can hold bytes that are not UTF-8; replace rather than fail on them.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

void AnalysedFile::take(TextAnalysis analysis) {
  themes = std::move(analysis.themes);
  recommendations = std::move(analysis.recommendations);
  taxonomy_version = std::move(analysis.taxonomy_version);
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
  // Even an unreadable file gets what its name and folder say, so a maintainer can find it.
  ReadReport read = read_report(r, relative_path, boards);
  a.pages = std::move(read.pages);
  a.furniture = std::move(read.furniture);
  a.meta = std::move(read.meta);
  if (!a.pages.empty()) a.take(analyse_text(a.pages, analysers));
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
