#include <catch2/catch.hpp>

#include "scr/csv.h"
#include "scr/error.h"

TEST_CASE("csv: reads quoted fields, doubled quotes and newlines inside quotes", "[core][csv]") {
  auto rows = scr::parse_csv("id,text\n1,\"a, b\"\n2,\"she said \"\"no\"\"\"\n3,\"two\nlines\"\n", "t.csv");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1] == scr::CsvRow{"1", "a, b"});
  CHECK(rows[2][1] == "she said \"no\"");
  CHECK(rows[3][1] == "two\nlines");
}

TEST_CASE("csv: keeps leading and trailing spaces and skips a byte order mark", "[core][csv]") {
  auto rows = scr::parse_csv("\xEF\xBB\xBFname,area\n x , Kent \n", "t.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0] == "name");
  CHECK(rows[1] == scr::CsvRow{" x ", " Kent "});
}

TEST_CASE("csv: a malformed file is an error that names it", "[core][csv]") {
  try {
    scr::parse_csv("a,b\n1,\"unterminated\n", "broken.csv");
    FAIL("no error");
  } catch (const scr::DataFileError& e) {
    CHECK_THAT(e.what(), Catch::Contains("broken.csv"));
  }
  CHECK_THROWS_AS(scr::read_csv_file("/nonexistent/file.csv"), scr::DataFileError);
}

TEST_CASE("csv: written fields read back unchanged", "[core][csv]") {
  scr::CsvRow row{"plain", "with, comma", "with \"quote\"", "multi\nline", " padded "};
  auto rows = scr::parse_csv(scr::csv_line(row), "round.csv");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0] == row);
  CHECK(scr::csv_field("plain") == "plain");
}

TEST_CASE("csv: exports for spreadsheets make formula cells inert, data files keep them", "[core][csv]") {
  for (std::string formula : {"=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"}) {
    INFO(formula);
    CHECK(scr::spreadsheet_safe(formula) == "'" + formula);
    auto exported = scr::parse_csv(scr::csv_line({formula}, scr::CsvReader::kSpreadsheet), "export.csv");
    CHECK(exported[0][0] == "'" + formula);
    CHECK(scr::parse_csv(scr::csv_line({formula}), "data.csv")[0][0] == formula);
  }
  for (std::string plain : {"2009-2013", "Domestic abuse", "12.5", "", "a=b"}) {
    CHECK(scr::spreadsheet_safe(plain) == plain);
  }
}
