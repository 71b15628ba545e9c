// Extracted text as poppler might give it (pages split at form feeds): the cleaner, the theme
// tagger (on the cleaned pages and on the raw bytes, as a library caller may pass), the
// recommendation finder, and the Xapian document the worker builds from the cleaned pages.
// Found on its first run: the word splitter looped for ever on a curly apostrophe where a word
// would start (tests/unit/analysis/tagger_test.cc has the regression test).
// The document builder added a twin term that was empty for a word of combining marks alone
// (found by bench/mutation_bench.sh; seed "combining-marks", tests/unit/indexer/document_builder_test.cc).
#include <cstdint>
#include <string>
#include <vector>

#include "document_builder.h"
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
  (void)scr::build_text_document(scr::ReportMeta{}, clean.pages);  // throws nothing: Xapian's errors are not expected
  return 0;
}
