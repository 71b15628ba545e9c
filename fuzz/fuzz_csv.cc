// A maintainer's catalogue (manifest) CSV: the CSV reader, then the manifest reader with the
// default column mapping on the same bytes. Bad rows are problems, bad files DataFileErrors; no
// other outcome is allowed.
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "manifest.h"
#include "scr/boards.h"
#include "scr/csv.h"
#include "scr/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const scr::BoardRegistry boards = scr::BoardRegistry::load_default();
  static const scr::ManifestMapping mapping = scr::ManifestMapping::defaults();
  static const std::string path = "/tmp/scr-fuzz-manifest-" + std::to_string(getpid()) + ".csv";
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)scr::parse_csv(text, "fuzz input");
  } catch (const scr::Error&) {
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  try {
    (void)scr::read_manifest(path, mapping, boards);
  } catch (const scr::Error&) {
  }
  return 0;
}
