#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "scr/extract.h"

TEST_CASE("extract: file types are told apart by their first bytes", "[indexer][extract]") {
  CHECK(scr::sniff_file_type("%PDF-1.7\n...") == "PDF");
  CHECK(scr::sniff_file_type("\r\n\r\n%PDF-1.4") == "PDF");  // junk before the header is allowed
  CHECK(scr::sniff_file_type(std::string_view("PK\x03\x04rest", 8)).starts_with("zip"));
  CHECK(scr::sniff_file_type("  <!DOCTYPE html>") == "HTML or XML");
  CHECK(scr::sniff_file_type("") == "empty");
  CHECK(scr::sniff_file_type("hello").starts_with("unknown"));
}

TEST_CASE("extract: status names round-trip", "[indexer][extract]") {
  for (auto name : {"ok", "partial", "ocr", "no-text", "encrypted", "corrupt", "not-pdf", "timeout", "too-large"}) {
    auto s = scr::status_from_name(name);
    REQUIRE(s);
    CHECK(scr::status_name(*s) == name);
  }
  CHECK_FALSE(scr::status_from_name("fine"));
}

TEST_CASE("extract: a missing, empty or oversized file gets a status and a reason, not an exception",
          "[indexer][extract]") {
  auto r = scr::extract_pdf("/nonexistent/report.pdf");
  CHECK(r.status == scr::ExtractStatus::kCorrupt);
  CHECK_FALSE(r.reason.empty());

  auto dir = std::filesystem::temp_directory_path();
  auto empty = dir / "scr-extract-empty.pdf";
  std::ofstream(empty).close();
  r = scr::extract_pdf(empty.string());
  CHECK(r.status == scr::ExtractStatus::kCorrupt);
  CHECK_THAT(r.reason, Catch::Contains("empty"));

  auto big = dir / "scr-extract-big.pdf";
  {
    std::ofstream out(big);
    out << "%PDF-1.4\n" << std::string(4096, 'x');
  }
  scr::ExtractOptions small;
  small.max_bytes = 1024;
  r = scr::extract_pdf(big.string(), small);
  CHECK(r.status == scr::ExtractStatus::kTooLarge);
  std::filesystem::remove(empty);
  std::filesystem::remove(big);
}
