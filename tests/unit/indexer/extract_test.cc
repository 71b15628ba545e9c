#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "analyse.h"
#include "scr/boards.h"
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
  for (auto name : {"ok", "partial", "ocr", "no-text", "encrypted", "corrupt", "not-pdf", "timeout", "too-large",
                    "read-error"}) {
    auto s = scr::status_from_name(name);
    REQUIRE(s);
    CHECK(scr::status_name(*s) == name);
  }
  CHECK_FALSE(scr::status_from_name("fine"));
}

TEST_CASE("extract: a missing, empty or oversized file gets a status and a reason, not an exception",
          "[indexer][extract]") {
  // A file that is not there (gone since the walk) says nothing about the file: it is a read error,
  // which the indexer does not record, not a damaged PDF that would be skipped until it changes.
  auto r = scr::extract_pdf("/nonexistent/report.pdf");
  CHECK(r.status == scr::ExtractStatus::kReadError);
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

namespace {

// A one-page PDF whose Info dictionary holds `title_object` (a PDF string object, written as it
// appears in the file) and whose page draws `content` (a content stream in Helvetica, /F1).
// Offsets in the xref are exact.
std::string one_page_pdf(const std::string& title_object, const std::string& content) {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "",  // content stream, filled below
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Title " + title_object + " >>",
  };
  objects[3] = "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream";
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::string pdf_with_title(const std::string& title_object) {
  return one_page_pdf(title_object, "BT /F1 12 Tf 72 720 Td (Serious case review overview report) Tj ET");
}

scr::ExtractResult extract_bytes(const std::string& pdf_bytes) {
  auto path = std::filesystem::temp_directory_path() / "scr-extract-bytes.pdf";
  std::ofstream(path, std::ios::binary) << pdf_bytes;
  auto r = scr::extract_pdf(path.string());
  std::filesystem::remove(path);
  return r;
}

std::string title_of(const std::string& pdf_bytes) {
  auto r = extract_bytes(pdf_bytes);
  REQUIRE(r.status == scr::ExtractStatus::kOk);
  return r.info.title;
}

}  // namespace

TEST_CASE("extract: Info strings are decoded from PDFDocEncoding and from UTF-16BE", "[indexer][extract]") {
  // PDFDocEncoding puts the en dash at 0x85 and curly quotes at 0x8D/0x8E; read as Latin-1 they
  // become C1 control characters (U+0085 ...), which is how a title once came out.
  CHECK(title_of(pdf_with_title("(Child K \\205 overview report)")) == "Child K \u2013 overview report");
  CHECK(title_of(pdf_with_title("(\\215Baby A\\216 \\204 learning)")) == "\u201cBaby A\u201d \u2014 learning");
  // Latin-1 letters are the same in both encodings.
  CHECK(title_of(pdf_with_title("(Zo\\353 review)")) == "Zo\u00eb review");
  // UTF-16BE with a byte-order mark: "Zoë – CSPR".
  CHECK(title_of(pdf_with_title("<FEFF005A006F00EB0020201300200043005300500052>")) == "Zo\u00eb \u2013 CSPR");
}

TEST_CASE("extract: the first pages are also read as lines with their type sizes", "[indexer][extract]") {
  // A cover: a title in 24 pt over two lines (the second drawn word by word, as some producers
  // do), the board in 12 pt, and a superscript that stays on its line.
  std::string cover =
      "BT /F1 24 Tf 72 700 Td (Serious Case Review into) Tj ET "
      "BT /F1 24 Tf 72 670 Td (the death of) Tj ET BT /F1 24 Tf 222 670 Td (Baby Q) Tj ET "
      "BT /F1 12 Tf 72 600 Td (Kirklees Safeguarding Children Board) Tj ET "
      "BT /F1 12 Tf 72 560 Td (Published 3) Tj ET BT /F1 7 Tf 135 565 Td (rd) Tj ET "
      "BT /F1 12 Tf 145 560 Td (May 2014) Tj ET";
  auto r = extract_bytes(one_page_pdf("(x)", cover));
  REQUIRE(r.status == scr::ExtractStatus::kOk);
  REQUIRE(r.lead_lines.size() == 1);
  const auto& lines = r.lead_lines[0];
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].text == "Serious Case Review into");
  CHECK(lines[0].font_size == Approx(24).margin(0.5));
  CHECK(lines[1].text == "the death of Baby Q");
  CHECK(lines[1].font_size == Approx(24).margin(0.5));
  CHECK(lines[2].text == "Kirklees Safeguarding Children Board");
  CHECK(lines[2].font_size == Approx(12).margin(0.5));
  CHECK(lines[3].text == "Published 3rd May 2014");
  CHECK(lines[3].font_size == Approx(12).margin(0.5));

  scr::ExtractOptions none;
  none.layout_pages = 0;
  auto path = std::filesystem::temp_directory_path() / "scr-extract-layout-off.pdf";
  std::ofstream(path, std::ios::binary) << one_page_pdf("(x)", cover);
  CHECK(scr::extract_pdf(path.string(), none).lead_lines.empty());
  std::filesystem::remove(path);
}

TEST_CASE("extract: a cover title wrapped in headline type reaches the record whole", "[indexer][extract][metadata]") {
  // Read as plain lines this cover gives the pseudonym "Child" (the name is cut at the line's end).
  std::string cover =
      "BT /F1 22 Tf 60 700 Td (Child Safeguarding Practice Review in respect of Child) Tj ET "
      "BT /F1 22 Tf 60 672 Td (M and her brother) Tj ET "
      "BT /F1 12 Tf 60 600 Td (Blackpool Safeguarding Children Partnership) Tj ET "
      "BT /F1 12 Tf 60 580 Td (May 2022) Tj ET";
  auto dir = std::filesystem::temp_directory_path() / "scr-extract-cover";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "upload.pdf", std::ios::binary) << one_page_pdf("(x)", cover);
  auto boards = scr::BoardRegistry::load_default();
  auto a = scr::analyse_file(dir.string(), "upload.pdf", {}, boards);
  std::filesystem::remove_all(dir);
  CHECK(a.meta.title.value == "Child Safeguarding Practice Review in respect of Child M and her brother");
  CHECK(a.meta.pseudonym.value == "Child M");
  CHECK(a.meta.board.value == "Blackpool");
  CHECK(a.meta.year.value == 2022);
}

TEST_CASE("extract: which statuses have text to index, said once", "[indexer][extract]") {
  for (auto name : {"ok", "ocr", "partial"}) CHECK(scr::has_text(std::string_view(name)));
  for (auto name : {"no-text", "encrypted", "corrupt", "not-pdf", "timeout", "too-large", "catalogue", ""}) {
    CHECK_FALSE(scr::has_text(std::string_view(name)));
  }
  CHECK(scr::has_text(scr::ExtractStatus::kPartial));
  CHECK_FALSE(scr::has_text(scr::ExtractStatus::kTimeout));
}
