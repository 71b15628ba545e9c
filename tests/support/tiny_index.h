// A three-report index written straight through the index writer, as scr-index would store it
// (records, recommendation documents, text cache for snippets), without PDFs: for tests and fuzz
// targets that need an index but not the extractor. Reports: Kent 2015, Leeds 2016, Cornwall 2017.
#pragma once

#include <filesystem>
#include <string>

#include "analyse.h"
#include "index_writer.h"
#include "scr/agencies.h"
#include "scr/schema.h"
#include "scr/tagger.h"
#include "scr/taxonomy.h"
#include "scr/text_cache.h"

namespace scr::testing {

inline void write_tiny_index(const std::string& dir) {
  std::filesystem::remove_all(dir);
  Taxonomy taxonomy = Taxonomy::load_default();
  AgencyVocabulary agencies = AgencyVocabulary::load_default();
  ThemeTagger tagger(taxonomy);
  IndexWriter writer(dir);
  writer.set_taxonomy(taxonomy, agencies);
  TextCache cache(dir + "/text-cache");
  const char* boards[] = {"Kent", "Leeds", "Cornwall"};
  for (int i = 0; i < 3; ++i) {
    ReportDocument doc;
    doc.sha256 = static_cast<char>('0' + i) + std::string(63, 'a');  // the id is its first 16 digits
    doc.id = report_id_for_sha(doc.sha256);
    doc.files = {{"board-" + std::to_string(i) + "/report.pdf", 1000, 1}};
    AnalysedFile& a = doc.analysis;
    a.pages = {"Serious Case Review Child " + std::string(1, static_cast<char>('A' + i)),
               "The baby was found on the sofa after the parents had been drinking. The health visitor did not know "
               "that the police had been called to a domestic abuse incident.",
               "Recommendations\n1. The Partnership should ensure that health visitors are told of police call-outs "
               "within one week.\n2. The police should review how notifications reach schools by March."};
    a.page_count = 3;
    a.meta.title.offer(a.pages[0], Source::kText);
    a.meta.board.offer(boards[i], Source::kText);
    a.meta.year.offer(2015 + i, Source::kText);
    a.meta.review_type.offer("SCR", Source::kText);
    a.meta.age_band.offer("<1", Source::kText);
    TextAnalysers analysers{&tagger, &agencies};
    a.take(analyse_text(a.pages, analysers));
    doc.found_meta = a.meta;
    cache.put(doc.sha256, a.pages);
    writer.put_report(doc);
  }
  writer.set_metadata(std::string(schema::kMetaCorpusRoot), dir + "/pdfs");
  writer.commit();
}

}  // namespace scr::testing
