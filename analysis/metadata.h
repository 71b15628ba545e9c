// Finds a report's metadata in its cover sheet, PDF Info dictionary, file name, folder and text,
// keeping for each field the value from the strongest source (see Source in scr/report.h).
#pragma once

#include <string>
#include <vector>

#include "scr/boards.h"
#include "scr/extract.h"
#include "scr/report.h"

namespace scr {

struct MetadataInput {
  std::string relative_path;            ///< Corpus-relative path, e.g. "Kent/2016-childk-overview-report.pdf".
  PdfInfo info;
  std::vector<std::string> raw_pages;   ///< Raw extracted text of the first few pages (cover sheet lines).
  std::vector<TextLine> cover_lines;    ///< The first page as laid-out lines with type sizes, when read so.
  std::vector<std::string> clean_pages; ///< Cleaned text of the first few pages (heuristics).
  std::vector<std::string> furniture;   ///< Running header/footer lines the cleaner removed.
};

/// Everything that can be found without a manifest. Pure; thread-safe.
ReportMeta find_metadata(const MetadataInput& in, const BoardRegistry& boards);

/// Fields of a national-repository cover sheet ("Title:", "LSCB:", "Author:", "Date of
/// publication:"), empty when absent. Exposed for tests.
struct CoverSheet {
  std::string title, board, author, date;
  bool found() const { return !title.empty() || !board.empty(); }
};
CoverSheet parse_cover_sheet(const std::string& raw_first_page);

/// What a file name and its folder say: "2016KirkleesChildKSCR.pdf", "Kent/2016-childk-overview-report.pdf",
/// "kent-scr-childk-2016.pdf". Exposed for tests.
struct FileNameFacts {
  int year = 0;
  std::string board;        ///< canonical, when recognised
  Source board_source = Source::kNone;  ///< kFileName or kFolder
  std::string pseudonym;    ///< "Child K"
  std::string review_type;  ///< "SCR", "CSPR" or ""
};
FileNameFacts parse_file_name(const std::string& relative_path, const BoardRegistry& boards);

/// Year and month of a date as written: "2016", "March 2016", "12 March 2016", "12/03/2016",
/// "2016-03-12". {0, 0} when none is found; month 0 when only the year is known.
std::pair<int, int> parse_date(const std::string& text);

/// The child's pseudonym in a title or sentence: "Child K", "Child BS", "Baby A", "Young Person F",
/// "Family U", or a quoted first name ('Jack'). Empty when none.
std::string find_pseudonym(const std::string& text);

}  // namespace scr
