// Metadata from what an upload brings: its file name (first line of the input), its PDF title
// (second line) and its cover page (the rest, as raw extracted text, also as laid-out lines in
// headline type). Many of these rules are regular expressions: the fuzzer watches for inputs that
// make them slow or deep.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "metadata.h"
#include "scr/boards.h"
#include "scr/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const scr::BoardRegistry boards = scr::BoardRegistry::load_default();
  std::string input(reinterpret_cast<const char*>(data), size);
  if (!scr::is_valid_utf8(input)) return 0;  // the extractor hands over UTF-8
  size_t a = input.find('\n');
  size_t b = a == std::string::npos ? std::string::npos : input.find('\n', a + 1);
  scr::MetadataInput in;
  in.relative_path = input.substr(0, a);
  if (a != std::string::npos) in.info.title = input.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  std::string cover = b == std::string::npos ? "" : input.substr(b + 1);
  in.raw_pages = {cover};
  in.clean_pages = scr::clean_pages({cover}).pages;
  for (auto& line : scr::fuzz::split(cover, '\n')) in.cover_lines.push_back({std::move(line), 20});
  (void)scr::find_metadata(in, boards);
  (void)scr::parse_file_name(in.relative_path, boards);
  (void)scr::parse_date(cover);
  (void)scr::find_pseudonym(cover);
  return 0;
}
