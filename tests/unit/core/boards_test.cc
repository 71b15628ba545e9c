#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "scr/boards.h"
#include "scr/error.h"

namespace {
const scr::BoardRegistry& registry() {
  static const scr::BoardRegistry reg = scr::BoardRegistry::load_default();
  return reg;
}
std::string found(std::string_view name) {
  const scr::Board* b = registry().find(name);
  return b ? b->name : "(none)";
}
}  // namespace

TEST_CASE("boards: the shipped table covers every English upper-tier area with a region", "[core][boards]") {
  const auto& boards = registry().boards();
  CHECK(boards.size() >= 150);
  for (const auto& b : boards) {
    CHECK(std::find(scr::english_regions().begin(), scr::english_regions().end(), b.region) !=
          scr::english_regions().end());
  }
  CHECK(registry().find("Enfield")->region == "London");
  CHECK(registry().find("Cornwall")->region == "South West");
}

TEST_CASE("boards: names as reports write them map to one canonical area", "[core][boards]") {
  CHECK(found("Enfield Safeguarding Children Partnership") == "Enfield");
  CHECK(found("ENFIELD LSCB") == "Enfield");
  CHECK(found("Kingston upon Hull Local Safeguarding Children Board") == "Hull");
  CHECK(found("City of Bristol Safeguarding Children Partnership") == "Bristol");
  CHECK(found("Brighton & Hove LSCB") == "Brighton and Hove");
  CHECK(found("St. Helens Safeguarding Children Board") == "St Helens");
  CHECK(found("Safeguarding Children in Kingston") == "Kingston upon Thames");
  CHECK(found("The Children's Safeguarding Partnership for Wigan") == "Wigan");
  CHECK(found("Narnia Safeguarding Board") == "(none)");
  CHECK(found("") == "(none)");
}

TEST_CASE("boards: a board is found inside longer text, longest name first", "[core][boards]") {
  auto* b = registry().find_in_text("LSCB:  Kingston upon Hull Safeguarding Children Board  Author: x");
  REQUIRE(b);
  CHECK(b->name == "Hull");
  b = registry().find_in_text("published by North Yorkshire Safeguarding Children Partnership in 2021");
  REQUIRE(b);
  CHECK(b->name == "North Yorkshire");
}

TEST_CASE("boards: a malformed table is an error naming file and row", "[core][boards]") {
  auto path = std::filesystem::temp_directory_path() / "scr-boards-test.csv";
  {
    std::ofstream out(path);
    out << "name,region,ons_code,variants\nKent,South East,E10000016,\nAtlantis,Middle Earth,,\n";
  }
  try {
    scr::BoardRegistry::load(path.string());
    FAIL("no error");
  } catch (const scr::DataFileError& e) {
    CHECK_THAT(e.what(), Catch::Contains("row 3") && Catch::Contains("Middle Earth"));
  }
  std::filesystem::remove(path);
}

TEST_CASE("boards: regions and boards as people type them", "[boards]") {
  CHECK(scr::canonical_region("yorkshire") == "Yorkshire and The Humber");
  CHECK(scr::canonical_region("Yorkshire & the Humber") == "Yorkshire and The Humber");
  CHECK(scr::canonical_region("yorkshire and humber") == "Yorkshire and The Humber");
  CHECK(scr::canonical_region("NorthWest") == "North West");
  CHECK(scr::canonical_region("north-east") == "North East");
  CHECK(scr::canonical_region("the East of England") == "East of England");
  CHECK(scr::canonical_region("LONDON") == "London");
  CHECK(scr::canonical_region("east").empty());  // East Midlands or East of England
  CHECK(scr::canonical_region("Wales").empty());
  auto reg = scr::BoardRegistry::load_default();
  const scr::Board* b = reg.find("Newcastle");
  REQUIRE(b);
  CHECK(b->name == "Newcastle upon Tyne");
  CHECK(reg.find("North") == nullptr);  // many boards start so
}
