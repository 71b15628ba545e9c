// An index of the previous schema (tests/data/schema1-index: one report, written by the schema-1
// writer on 2026-12-04 and committed as it was) is refused by both sides with a message that says
// what to run, and is left as it was; scr-index --upgrade then brings it to this schema.
#include <catch2/catch.hpp>
#include <filesystem>

#include "index_care.h"
#include "index_writer.h"
#include "scr/schema.h"
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
    CHECK_THAT(e.what(), Catch::Contains("index schema 1") && Catch::Contains("--upgrade"));
  }
  try {
    auto searcher = scr::Searcher::open(dir.string());
    FAIL("the searcher opened a schema-1 index");
  } catch (const scr::Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("index schema 1") && Catch::Contains("--upgrade"));
  }
  // Refusing writes nothing: the dry run reads it read-only and refuses it the same way.
  CHECK_THROWS_AS(scr::read_index_state(dir.string()), scr::SchemaMismatchError);
  CHECK(fs::file_size(dir / "xapian" / "postlist.glass") == before);
  fs::remove_all(dir);
}

TEST_CASE("schema: --upgrade rewrites an index of the previous schema in place, from its records", "[indexer][schema]") {
  fs::path dir = fs::temp_directory_path() / ("scr-schema1-upgrade-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(SCR_SCHEMA1_INDEX, dir, fs::copy_options::recursive);
  const auto records_before = scr::read_report_records(dir.string());
  REQUIRE(records_before.size() == 1);

  auto s = scr::upgrade_index(dir.string(), nullptr);
  CHECK(s.from_schema == "1");
  CHECK(s.reports == 1);
  CHECK(s.marked_for_rereading == 1);  // the committed index has no text cache: its PDF is read again
  // Both sides open it now; the report keeps its metadata and is found by it.
  CHECK_NOTHROW(scr::IndexWriter(dir.string()));
  auto after = scr::read_index_state(dir.string());
  REQUIRE(after.reports.size() == 1);
  CHECK(after.reports[0].extractor_version == 0);
  auto searcher = scr::Searcher::open(dir.string());
  CHECK(searcher->info().documents == 1);
  CHECK(scr::check_index(dir.string()).verdict() == scr::IndexHealth::Verdict::kHealthy);
  // Once upgraded, again is nothing to do.
  CHECK(scr::upgrade_index(dir.string(), nullptr).already_current);
  fs::remove_all(dir);
}
