// A maintainer's taxonomy file: a malformed one is refused with the file and the place
// (scr::Error); one that loads must also build a tagger and tag a sentence.
#include <cstdint>
#include <string>

#include "scr/error.h"
#include "scr/tagger.h"
#include "scr/taxonomy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    scr::Taxonomy taxonomy = scr::Taxonomy::parse(text, "fuzz input");
    scr::ThemeTagger tagger(taxonomy);
    (void)tagger.tag_text("There was no evidence of neglect, but the mother had herself been in care as a child.");
  } catch (const scr::Error&) {
  }
  return 0;
}
