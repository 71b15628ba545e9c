// An index of the previous schema (tests/data/schema1-index: one report, written by the schema-1
// writer on 2026-12-04 and committed as it was) is refused by both sides with a message that says
// what to run, and is left as it was.
#include <catch2/catch.hpp>
#include <filesystem>

#include "index_writer.h"
#include "scr/search.h"

namespace fs = std::filesystem;

TEST_CASE("schema: an index of the previous schema is refused with what to run, and left unchanged", "[indexer][schema]") {
  fs::path dir = fs::temp_directory_path() / ("scr-schema1-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(SCR_SCHEMA1_INDEX, dir, fs::copy_options::recursive);
  auto before = fs::file_size(dir / "xapian" / "postlist.glass");

  try {
    scr::IndexWriter writer(dir.string());
    FAIL("the writer opened a schema-1 index");
  } catch (const scr::SchemaMismatchError& e) {
    CHECK_THAT(e.what(), Catch::Contains("index schema 1") && Catch::Contains("scr-index --index NEW_FOLDER"));
  }
  try {
    auto searcher = scr::Searcher::open(dir.string());
    FAIL("the searcher opened a schema-1 index");
  } catch (const scr::Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("index schema 1") && Catch::Contains("scr-index --index NEW_FOLDER"));
  }
  // Refusing writes nothing: the dry run reads it read-only and refuses it the same way.
  CHECK_THROWS_AS(scr::read_index_state(dir.string()), scr::SchemaMismatchError);
  CHECK(fs::file_size(dir / "xapian" / "postlist.glass") == before);
  fs::remove_all(dir);
}
