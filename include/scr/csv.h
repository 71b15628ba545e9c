// Reading and writing CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes).
// Parsing is libcsv's; this is the value-type face the rest of the code uses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scr {

using CsvRow = std::vector<std::string>;

/// All rows of a CSV file, header included. Throws DataFileError naming the file (and the row
/// where parsing stopped) when the file cannot be opened or is malformed.
std::vector<CsvRow> read_csv_file(const std::string& path);

/// The same for text already in memory; `what` names its origin in error messages.
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& what);

/// One field quoted as RFC 4180 wants (only when it needs it).
std::string csv_field(std::string_view value);

/// Who will read a CSV line. Data files are read back by this project and must round-trip
/// exactly; exports are opened in spreadsheets, which run a cell that starts with = + - @ (or a
/// tab or carriage return) as a formula, so there such a cell gets a leading apostrophe.
enum class CsvReader { kProgram, kSpreadsheet };

/// A whole row, fields joined with commas, ending in "\n".
std::string csv_line(const CsvRow& row, CsvReader reader = CsvReader::kProgram);

/// `value` made inert for a spreadsheet (the rule above); other values unchanged.
std::string spreadsheet_safe(std::string_view value);

}  // namespace scr
