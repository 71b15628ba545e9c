// The HTTP API without sockets: arbitrary requests to scr-searchd's Service over a small index
// built at start-up (three reports, their recommendations, a text cache for snippets). The input
// picks the route (first byte), then holds "name=value" lines as decoded query parameters; the
// path's id segment comes from a parameter "id". Every answer must be a response: a status from
// 200 to 599 with a body, never an exception, a crash or a hang.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "analyse.h"
#include "index_writer.h"
#include "recommendations.h"
#include "scr/agencies.h"
#include "scr/schema.h"
#include "scr/tagger.h"
#include "scr/taxonomy.h"
#include "scr/text_cache.h"
#include "service.h"

namespace {

namespace fs = std::filesystem;

struct Fixture {
  std::string index;
  std::unique_ptr<scr::searchd::Service> service;
};

// Three reports written straight through the index writer, as scr-index would store them.
std::string build_index() {
  std::string dir = (fs::temp_directory_path() / ("scr-fuzz-service-" + std::to_string(getpid()))).string();
  fs::remove_all(dir);
  scr::Taxonomy taxonomy = scr::Taxonomy::load_default();
  scr::AgencyVocabulary agencies = scr::AgencyVocabulary::load_default();
  scr::ThemeTagger tagger(taxonomy);
  scr::IndexWriter writer(dir);
  writer.set_taxonomy(taxonomy, agencies);
  scr::TextCache cache(dir + "/text-cache");
  const char* boards[] = {"Kent", "Leeds", "Cornwall"};
  for (int i = 0; i < 3; ++i) {
    scr::ReportDocument doc;
    doc.sha256 = std::string(63, 'a') + static_cast<char>('0' + i);
    doc.id = scr::report_id_for_sha(doc.sha256);
    doc.files = {{"board-" + std::to_string(i) + "/report.pdf", 1000, 1}};
    auto& a = doc.analysis;
    a.pages = {"Serious Case Review Child " + std::string(1, static_cast<char>('A' + i)),
               "The baby was found on the sofa after the parents had been drinking. The health visitor did not know "
               "that the police had been called to a domestic abuse incident.",
               "Recommendations\n1. The Partnership should ensure that health visitors are told of police call-outs "
               "within one week.\n2. The police should review how notifications reach schools by March."};
    a.page_count = 3;
    a.meta.title.offer(a.pages[0], scr::Source::kText);
    a.meta.board.offer(boards[i], scr::Source::kText);
    a.meta.year.offer(2015 + i, scr::Source::kText);
    a.meta.review_type.offer("SCR", scr::Source::kText);
    a.meta.age_band.offer("<1", scr::Source::kText);
    scr::TextAnalysers analysers{&tagger, &agencies};
    scr::analyse_text(a, analysers);
    doc.found_meta = a.meta;
    cache.put(doc.sha256, a.pages);
    writer.put_report(doc);
  }
  writer.set_metadata(std::string(scr::schema::kMetaCorpusRoot), dir + "/pdfs");
  writer.commit();
  return dir;
}

Fixture& fixture() {
  static Fixture f = [] {
    Fixture x;
    x.index = build_index();
    scr::searchd::ServiceOptions options;
    options.index = x.index;
    options.searchers = 1;
    x.service = std::make_unique<scr::searchd::Service>(options);
    return x;
  }();
  return f;
}

const std::vector<std::string>& routes() {
  static const std::vector<std::string> r = {"/api/v1/search", "/api/v1/recommendations", "/api/v1/trends",
                                             "/api/v1/coverage", "/api/v1/reports/{id}", "/api/v1/reports/{id}/similar",
                                             "/api/v1/reports/{id}/pdf", "/api/v1/feed.atom", "/api/v1/vocabulary", "/healthz", "/readyz",
                                             "/metrics", "/{id}"};
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Fixture& f = fixture();
  if (size == 0) return 0;
  scr::searchd::Request request;
  std::string route = routes()[data[0] % routes().size()];
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string id = "r" + std::string(16, 'a');
  size_t start = 0;
  while (start <= input.size()) {
    size_t nl = input.find('\n', start);
    std::string line = input.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    size_t eq = line.find('=');
    if (eq != std::string::npos) {
      std::string name = line.substr(0, eq), value = line.substr(eq + 1);
      if (name == "id") id = value;
      else request.params.emplace(name, value);
    }
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  if (size_t at = route.find("{id}"); at != std::string::npos) route.replace(at, 4, id);
  request.path = route;
  scr::searchd::Response response = f.service->handle(request);
  if (response.status < 200 || response.status > 599) std::abort();
  if (response.body.empty() && !response.file && response.status != 204 && response.status != 304) std::abort();
  return 0;
}
