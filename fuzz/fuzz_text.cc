// Extracted text as poppler might give it (pages split at form feeds): the cleaner, the theme
// tagger (on the cleaned pages and on the raw bytes, as a library caller may pass), and the
// recommendation finder. Found on its first run: the word splitter looped for ever on a curly
// apostrophe where a word would start (tests/unit/core/tagger_test.cc has the regression test).
#include <cstdint>
#include <string>
#include <vector>

#include "recommendations.h"
#include "scr/agencies.h"
#include "scr/tagger.h"
#include "scr/taxonomy.h"
#include "scr/text.h"

namespace {
const scr::Taxonomy& taxonomy() {
  static const scr::Taxonomy t = scr::Taxonomy::load_default();
  return t;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const scr::ThemeTagger tagger(taxonomy());
  static const scr::AgencyVocabulary agencies = scr::AgencyVocabulary::load_default();
  std::string raw(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> pages;
  size_t start = 0;
  while (true) {
    size_t ff = raw.find('\f', start);
    pages.push_back(raw.substr(start, ff == std::string::npos ? std::string::npos : ff - start));
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  scr::CleanedText clean = scr::clean_pages(pages);
  (void)tagger.tag_pages(clean.pages);
  if (scr::is_valid_utf8(raw)) (void)tagger.tag_text(raw);
  (void)scr::find_recommendations(clean.pages, agencies, tagger);
  return 0;
}
