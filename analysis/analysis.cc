#include "analysis.h"

#include <algorithm>

#include "metadata.h"
#include "scr/text.h"

namespace scr {
namespace {

constexpr size_t kMetadataPages = 5;  // cover, contents and the opening pages

}  // namespace

TextAnalysis analyse_text(const std::vector<std::string>& pages, const TextAnalysers& analysers) {
  TextAnalysis out;
  if (!analysers.tagger) return out;
  if (analysers.report_themes) out.themes = analysers.tagger->tag_pages(pages);
  out.taxonomy_version = analysers.tagger->taxonomy().version();
  if (analysers.agencies) out.recommendations = find_recommendations(pages, *analysers.agencies, *analysers.tagger);
  return out;
}

TextAnalysis analyse_catalogue(const ReportMeta& meta, const ThemeTagger& tagger) {
  // The summary is read with the same rules as report text; each keyword that is a phrasing of a
  // theme (or its id) is a cataloguer's statement of it. Provenance is in the evidence.
  std::vector<ThemeTag> tags;
  if (meta.summary.known()) tags = tagger.tag_text(meta.summary.value);
  for (auto& t : tags) {
    for (auto& e : t.evidence) e.sentence = "catalogue summary: " + e.sentence;
  }
  for (const auto& keyword : meta.keywords) {
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
  TextAnalysis out;
  out.themes = std::move(tags);
  out.taxonomy_version = tagger.taxonomy().version();
  return out;
}

ReadReport read_report(const ExtractResult& extracted, const std::string& relative_path, const BoardRegistry& boards) {
  ReadReport out;
  MetadataInput in;
  in.relative_path = relative_path;
  in.info = extracted.info;
  if (!extracted.pages.empty()) {
    CleanedText clean = clean_pages(extracted.pages);
    out.pages = std::move(clean.pages);
    out.furniture = std::move(clean.furniture);
    for (size_t i = 0; i < extracted.pages.size() && i < kMetadataPages; ++i) in.raw_pages.push_back(extracted.pages[i]);
    for (size_t i = 0; i < out.pages.size() && i < kMetadataPages; ++i) in.clean_pages.push_back(out.pages[i]);
    in.furniture = out.furniture;
    if (!extracted.lead_lines.empty()) in.cover_lines = extracted.lead_lines[0];
  }
  out.meta = find_metadata(in, boards);
  return out;
}

}  // namespace scr
