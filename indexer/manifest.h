// A maintainer's catalogue manifest: a CSV with a row per report, whose metadata overrides what
// was found in the PDFs, and whose rows without a PDF become catalogue-only records.
//
// Columns are mapped to fields by a mapping file (JSON), so real catalogues load as they are:
//   {"columns": {"id": "ref", "file": "pdf_path", "title": "title", "board": "coroner_area",
//                "date": "date_of_report", "keywords": "category"},
//    "date_format": "dd/mm/yyyy", "separators": {"keywords": "|"}, "require": ["date"]}
// Without a mapping file, columns are expected under the field names themselves (the generator's
// manifest.csv).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scr/boards.h"
#include "scr/report.h"

namespace scr {

struct ManifestMapping {
  std::map<std::string, std::string> columns;     ///< field -> column name
  std::string date_format = "dd/mm/yyyy";         ///< or "yyyy-mm-dd", "yyyy"
  std::map<std::string, std::string> separators;  ///< multi-valued field -> separator
  std::vector<std::string> require;               ///< fields a row must have, or it is left out

  /// The default: every field under its own name, keywords separated by '|'.
  static ManifestMapping defaults();
  /// Reads a mapping file; throws DataFileError naming the file and what is wrong.
  static ManifestMapping load(const std::string& path);
};

struct ManifestRow {
  size_t line = 0;      ///< row number in the file (header = 1)
  std::string id;       ///< the catalogue's own id (or "row-N")
  std::string file;     ///< corpus-relative PDF path; empty for catalogue-only rows
  ReportMeta meta;      ///< fields given, each with Source::kManifest
  std::string row_hash; ///< changes whenever the row's mapped values change
};

struct Manifest {
  std::vector<ManifestRow> rows;
  std::vector<std::string> problems;  ///< rows left out or values not understood, with line numbers
};

/// Reads `path` with `mapping`. Throws DataFileError when the file cannot be read or parsed, or a
/// mapped column is missing from its header; a bad value in one row is a problem, not an error.
Manifest read_manifest(const std::string& path, const ManifestMapping& mapping, const BoardRegistry& boards);

/// `found` (from the PDF) with every field the manifest row gives put on top.
ReportMeta merge_manifest(ReportMeta found, const ReportMeta& manifest);

}  // namespace scr
