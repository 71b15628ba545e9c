#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <map>
#include <tuple>

#include "scr/boards.h"
#include "scr/csv.h"
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

TEST_CASE("boards: every name and variant in the shipped table resolves to its own board", "[core][boards]") {
  for (const auto& b : registry().boards()) {
    INFO(b.name << " (" << b.region << ")");
    CHECK(found(b.name) == b.name);
    CHECK(found(b.name + " Safeguarding Children Partnership") == b.name);
    CHECK(found(b.name + " Local Safeguarding Children Board") == b.name);
    for (const auto& v : b.variants) {
      INFO("variant " << v);
      CHECK(found(v) == b.name);
    }
  }
}

TEST_CASE("boards: areas before and after the reorganisations", "[core][boards]") {
  // name as a review of its time writes it -> board, region
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"Bournemouth and Poole LSCB", "Bournemouth", "South West"},  // the old joint board: its first area
      {"Poole Local Safeguarding Children Board", "Poole", "South West"},
      {"BCP Safeguarding Children Partnership", "Bournemouth, Christchurch and Poole", "South West"},
      {"Pan-Dorset Safeguarding Children Partnership", "Bournemouth, Christchurch and Poole", "South West"},
      {"Dorset Safeguarding Children Board", "Dorset", "South West"},
      {"Northamptonshire Safeguarding Children Partnership", "Northamptonshire", "East Midlands"},
      {"North Northamptonshire Council", "North Northamptonshire", "East Midlands"},
      {"West Northamptonshire", "West Northamptonshire", "East Midlands"},
      {"Buckinghamshire Safeguarding Children Partnership", "Buckinghamshire", "South East"},
      {"Cumbria LSCB", "Cumbria", "North West"},
      {"Cumberland", "Cumberland", "North West"},
      {"Westmorland & Furness", "Westmorland and Furness", "North West"},
      {"North Yorkshire Safeguarding Children Partnership", "North Yorkshire", "Yorkshire and The Humber"},
      {"Somerset Safeguarding Children Partnership", "Somerset", "South West"},
      {"Cheshire Local Safeguarding Children Board", "Cheshire", "North West"},  // before 2009
      {"Cheshire East LSCB", "Cheshire East", "North West"},
      {"Bedfordshire LSCB", "Bedfordshire", "East of England"},  // before 2009
      {"Central Bedfordshire", "Central Bedfordshire", "East of England"},
      {"Newcastle Safeguarding Children Partnership", "Newcastle upon Tyne", "North East"},
      {"Bristol", "Bristol", "South West"},
  };
  for (const auto& [written, board, region] : cases) {
    INFO(written);
    const scr::Board* b = registry().find(written);
    if (!b) b = registry().find_in_text(written);
    REQUIRE(b);
    CHECK(b->name == board);
    CHECK(b->region == region);
  }
}

TEST_CASE("boards: every upper-tier area of the ONS 2019 lookup is a board in its ONS region", "[core][boards][real]") {
  // An independent source: ONS's own tables (../shared/real-corpus/ons-lookups), not our CSV.
  const std::string dir = std::string(SCR_REAL_CORPUS) + "/ons-lookups/csv/";
  if (!std::filesystem::exists(dir + "177.csv") || !std::filesystem::exists(dir + "016.csv")) {
    WARN("[test skipped] " << dir << " not found (../shared/real-corpus is not beside the project)");
    return;
  }
  std::map<std::string, std::string> region_of_district;  // LAD18CD -> region
  auto lad = scr::read_csv_file(dir + "016.csv");
  for (size_t i = 1; i < lad.size(); ++i) {
    if (lad[i].size() >= 4) region_of_district[lad[i][0]] = lad[i][3];
  }
  auto utla = scr::read_csv_file(dir + "177.csv");
  std::map<std::string, std::pair<std::string, std::string>> areas;  // UTLA code -> name, region
  for (size_t i = 1; i < utla.size(); ++i) {
    const auto& r = utla[i];
    if (r.size() < 5 || !r[3].starts_with("E")) continue;
    // A district created in 2019 (Somerset West and Taunton, the Dorset unitaries) is not in the
    // 2018 district table: the area's region comes from any of its districts that is.
    auto& area = areas[r[3]];
    area.first = r[4];
    if (auto it = region_of_district.find(r[1]); it != region_of_district.end()) area.second = it->second;
  }
  CHECK(areas.size() == 151);
  for (const auto& [code, area] : areas) {
    INFO(code << " " << area.first);
    const scr::Board* b = registry().find(area.first);
    REQUIRE(b);
    CHECK(b->ons_code == code);
    if (!area.second.empty()) CHECK(b->region == scr::canonical_region(area.second));
  }
}
