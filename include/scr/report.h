// The report record: what the index knows about one report, each field with where it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scr {

/// Where a metadata value came from, strongest first: a maintainer's manifest beats the national
/// repository's cover sheet, which beats the PDF's Info dictionary, the file name and guesses from
/// the text. kDerived values are computed from other fields (review type from the year).
enum class Source { kManifest, kCoverSheet, kPdfInfo, kFileName, kFolder, kText, kDerived, kNone };

std::string_view source_name(Source s);  ///< "manifest", "cover-sheet", "pdf-info", "file-name", ...

/// A value and its source. offer() keeps the value from the strongest source.
template <class T>
struct Sourced {
  T value{};
  Source source = Source::kNone;

  bool known() const { return source != Source::kNone; }
  /// Takes `v` if `from` is stronger than the current source. Returns whether it was taken.
  bool offer(T v, Source from) {
    if (from >= source) return false;
    value = std::move(v);
    source = from;
    return true;
  }
};

struct ReportMeta {
  Sourced<std::string> title;
  Sourced<std::string> review_type;   ///< "SCR", "CSPR", "rapid review", "learning review", "other"
  Sourced<std::string> board;         ///< canonical area name (boards.csv)
  Sourced<std::string> region;
  Sourced<int> year;                  ///< publication year
  Sourced<int> month;                 ///< publication month 1-12
  Sourced<std::string> pseudonym;     ///< "Child K", "Baby A", "Jack"
  Sourced<std::string> author;
  Sourced<int> child_age_months;
  Sourced<std::string> age_band;      ///< "<1", "1-5", "6-10", "11-15", "16-17"
  Sourced<std::string> sex;           ///< "female", "male"
  Sourced<std::string> outcome;       ///< "death", "serious-harm", "other"
  Sourced<int> incident_year;         ///< when the child died or was harmed (from the text), if said
  Sourced<std::string> summary;       ///< catalogue summary (manifest)
  std::vector<std::string> keywords;  ///< catalogue keywords (manifest)
};

/// "<1" for under 12 months, then "1-5", "6-10", "11-15", "16-17"; "" for an unknown age.
std::string age_band_for_months(int months);

}  // namespace scr
