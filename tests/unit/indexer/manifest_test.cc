#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "manifest.h"
#include "scr/error.h"

using namespace scr;
namespace fs = std::filesystem;

namespace {
const BoardRegistry& boards() {
  static const BoardRegistry reg = BoardRegistry::load_default();
  return reg;
}
fs::path write_temp(const std::string& name, const std::string& text) {
  fs::path p = fs::temp_directory_path() / ("scr-manifest-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p) << text;
  return p;
}
}  // namespace

TEST_CASE("manifest: default columns, board names resolved, keywords split", "[indexer][manifest]") {
  auto csv = write_temp("default.csv",
                        "id,file,title,board,region,year,publication_date,review_type,pseudonym,child_age_months,"
                        "age_band,sex,outcome,summary,keywords\n"
                        "gen-1,2016KentChildKSCR.pdf,Serious Case Review: Child K,Kent LSCB,,2016,01/03/2016,SCR,Child K,"
                        "7,<1,male,death,A summary,neglect|domestic-abuse\n");
  auto m = read_manifest(csv.string(), ManifestMapping::defaults(), boards());
  REQUIRE(m.rows.size() == 1);
  const auto& r = m.rows[0];
  CHECK(r.id == "gen-1");
  CHECK(r.file == "2016KentChildKSCR.pdf");
  CHECK(r.meta.board.value == "Kent");
  CHECK(r.meta.board.source == Source::kManifest);
  CHECK(r.meta.region.value == "South East");
  CHECK(r.meta.year.value == 2016);
  CHECK(r.meta.month.value == 3);
  CHECK(r.meta.age_band.value == "<1");
  CHECK(r.meta.keywords == std::vector<std::string>{"neglect", "domestic-abuse"});
  CHECK(m.problems.empty());
  fs::remove(csv);
}

TEST_CASE("manifest: a mapping file maps a real catalogue's columns, rows without a required field are left out",
          "[indexer][manifest]") {
  auto csv = write_temp("pfd.csv",
                        "date_of_report,ref,coroner_area,category\n"
                        "12/03/2019,2019-0001,Kent,Suicide (from 2015) | Child Death (from 2015)\n"
                        ",2019-0002,Kent,Other\n"
                        "31/13/2019,2019-0003,Some Area,Other\n");
  auto map = write_temp("map.json",
                        R"({"columns": {"id": "ref", "date": "date_of_report", "board": "coroner_area",
                            "keywords": "category"},
                            "date_format": "dd/mm/yyyy", "separators": {"keywords": "|"}, "require": ["date"]})");
  auto m = read_manifest(csv.string(), ManifestMapping::load(map.string()), boards());
  REQUIRE(m.rows.size() == 2);
  CHECK(m.rows[0].id == "2019-0001");
  CHECK(m.rows[0].file.empty());  // catalogue-only
  CHECK(m.rows[0].meta.year.value == 2019);
  CHECK(m.rows[0].meta.keywords == std::vector<std::string>{"Suicide (from 2015)", "Child Death (from 2015)"});
  CHECK(m.rows[1].meta.board.value == "Some Area");  // not a board: kept as written
  REQUIRE(m.problems.size() == 2);
  CHECK_THAT(m.problems[0], Catch::Contains("row 3") && Catch::Contains("no date"));
  CHECK_THAT(m.problems[1], Catch::Contains("row 4") && Catch::Contains("31/13/2019"));
  fs::remove(csv);
  fs::remove(map);
}

TEST_CASE("manifest: mapping errors name the file and the problem", "[indexer][manifest]") {
  auto bad_json = write_temp("bad.json", "{\"columns\": ");
  CHECK_THROWS_WITH(ManifestMapping::load(bad_json.string()), Catch::Contains("bad.json") && Catch::Contains("JSON"));
  auto bad_field = write_temp("field.json", R"({"columns": {"colour": "x"}})");
  CHECK_THROWS_WITH(ManifestMapping::load(bad_field.string()), Catch::Contains("unknown field 'colour'"));
  auto csv = write_temp("nocol.csv", "a,b\n1,2\n");
  auto map = write_temp("m.json", R"({"columns": {"id": "ref"}})");
  CHECK_THROWS_WITH(read_manifest(csv.string(), ManifestMapping::load(map.string()), boards()),
                    Catch::Contains("column 'ref'"));
  for (const auto& p : {bad_json, bad_field, csv, map}) fs::remove(p);
}

TEST_CASE("manifest: its fields go on top of what the PDF said, the rest stays", "[indexer][manifest]") {
  ReportMeta found, given;
  found.board.offer("Kent", Source::kCoverSheet);
  found.year.offer(2015, Source::kFileName);
  found.sex.offer("male", Source::kText);
  given.year.offer(2016, Source::kManifest);
  auto merged = merge_manifest(found, given);
  CHECK(merged.year.value == 2016);
  CHECK(merged.year.source == Source::kManifest);
  CHECK(merged.board.value == "Kent");
  CHECK(merged.sex.value == "male");
}

TEST_CASE("manifest: years outside 1900-2100 are refused with the row's line, the row keeps its other fields",
          "[indexer][manifest]") {
  auto csv = write_temp("years.csv",
                        "id,file,title,board,year\n"
                        "a,,Review A,Kent,2147483647\n"
                        "b,,Review B,Kent,20199\n"
                        "c,,Review C,Kent,2016\n"
                        "d,,Review D,Kent,1850\n"
                        "e,,Review E,Kent,2016x\n");
  auto m = read_manifest(csv.string(), ManifestMapping::defaults(), boards());
  REQUIRE(m.rows.size() == 5);
  CHECK_FALSE(m.rows[0].meta.year.known());
  CHECK_FALSE(m.rows[1].meta.year.known());
  CHECK(m.rows[2].meta.year.value == 2016);
  CHECK_FALSE(m.rows[3].meta.year.known());
  CHECK_FALSE(m.rows[4].meta.year.known());
  CHECK(m.rows[0].meta.board.value == "Kent");
  REQUIRE(m.problems.size() == 4);
  CHECK_THAT(m.problems[0], Catch::Contains("row 2") && Catch::Contains("2147483647") && Catch::Contains("1900-2100"));
  CHECK_THAT(m.problems[1], Catch::Contains("row 3") && Catch::Contains("20199"));
  CHECK_THAT(m.problems[2], Catch::Contains("row 5") && Catch::Contains("1850"));
  CHECK_THAT(m.problems[3], Catch::Contains("row 6") && Catch::Contains("not a number"));
}
