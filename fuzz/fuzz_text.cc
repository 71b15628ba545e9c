// Extracted text as poppler might give it (pages split at form feeds): the cleaner, the theme
// tagger (on the cleaned pages and on the raw bytes, as a library caller may pass), and the
// recommendation finder. Found on its first run: the word splitter looped for ever on a curly
// apostrophe where a word would start (tests/unit/core/tagger_test.cc has the regression test).
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.h"
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
  scr::CleanedText clean = scr::clean_pages(scr::fuzz::split(raw, '\f'));
  (void)tagger.tag_pages(clean.pages);
  if (scr::is_valid_utf8(raw)) (void)tagger.tag_text(raw);
  (void)scr::find_recommendations(clean.pages, agencies, tagger);
  return 0;
}
