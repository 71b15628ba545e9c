// Importing a maintainer's recommendation implementation status file into the index, without
// reading any PDF. Bad rows are listed with the reason; the others are applied.
#pragma once

#include <string>
#include <vector>

namespace scr {

struct StatusImportSummary {
  int rows = 0;
  int applied = 0;
  std::vector<std::string> problems;  ///< "FILE: row N: reason"
};

/// CSV columns (header names, any order): `report_id`, or `board` + `year` + `pseudonym`;
/// `recommendation` (the number as printed: 3, R3, "Recommendation 3"); `status` (open, in
/// progress, done, not accepted); optional `date`, `owner`, `note`. Throws scr::Error when the
/// file cannot be read or lacks the columns; row problems are in the summary.
StatusImportSummary import_status(const std::string& index_dir, const std::string& csv_path);

}  // namespace scr
