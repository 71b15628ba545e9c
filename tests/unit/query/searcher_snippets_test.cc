// Which pages a hit's snippets come from, on a one-report index written for the test (through the
// index writer, as scr-index stores it: positions, page starts, the text cache).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "analyse.h"
#include "index_writer.h"
#include "scr/agencies.h"
#include "scr/search.h"
#include "scr/tagger.h"
#include "scr/taxonomy.h"
#include "scr/text_cache.h"

namespace {

// One report whose pages are `pages`, indexed into `dir`.
void write_report(const std::string& dir, const std::vector<std::string>& pages) {
  std::filesystem::remove_all(dir);
  scr::Taxonomy taxonomy = scr::Taxonomy::load_default();
  scr::AgencyVocabulary agencies = scr::AgencyVocabulary::load_default();
  scr::ThemeTagger tagger(taxonomy);
  scr::IndexWriter writer(dir);
  writer.set_taxonomy(taxonomy, agencies);
  scr::ReportDocument doc;
  doc.sha256 = std::string(64, 'c');
  doc.id = scr::report_id_for_sha(doc.sha256);
  doc.files = {{"board/report.pdf", 1000, 1}};
  scr::AnalysedFile& a = doc.analysis;
  a.pages = pages;
  a.page_count = static_cast<int>(pages.size());
  a.meta.title.offer(pages[0], scr::Source::kText);
  a.meta.board.offer("Kent", scr::Source::kText);
  a.meta.year.offer(2016, scr::Source::kText);
  scr::TextAnalysers analysers{&tagger, &agencies};
  a.take(scr::analyse_text(a.pages, analysers));
  doc.found_meta = a.meta;
  scr::TextCache(dir + "/text-cache").put(doc.sha256, a.pages);
  writer.put_report(doc);
  writer.commit();
}

std::vector<int> snippet_pages(scr::Searcher& searcher, const std::string& query) {
  scr::SearchRequest request;
  request.query = query;
  request.snippets_per_hit = 3;
  auto result = searcher.search(request);
  auto* response = std::get_if<scr::SearchResponse>(&result);
  REQUIRE(response);
  REQUIRE(response->hits.size() == 1);
  std::vector<int> pages;
  for (const auto& s : response->hits[0].snippets) pages.push_back(s.page);
  return pages;
}

}  // namespace

TEST_CASE("searcher: a word matched through its stem gives snippets from its pages, beside a phrase's", "[searcher]") {
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("scr-snippet-pages-" + std::to_string(::getpid()))).string();
  write_report(dir, {"Serious Case Review: Child P",
                     "The mother's mobile phone was often switched off, so visits were missed.",
                     "A nursery worker saw that the baby was bruised on both arms and told no one.",
                     "The review thanks the family for their help."});
  auto searcher = scr::Searcher::open(dir);
  // Xapian keeps no positions for stems ("Zbruis"): the stemmed word's pages are found through
  // the index's words with that stem. Before, only the phrase's words were placed, and the
  // bruising page never gave a snippet.
  CHECK(snippet_pages(*searcher, "bruises \"mobile phone\"") == std::vector<int>{2, 3});
  // A query of stems alone: the same pages, and none without a match.
  CHECK(snippet_pages(*searcher, "bruising") == std::vector<int>{3});
  CHECK(snippet_pages(*searcher, "phones bruises") == std::vector<int>{2, 3});
  std::filesystem::remove_all(dir);
}
