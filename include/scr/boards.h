// The English local areas that publish reviews, their region, and the many ways a board is named.
//
// Reviews are published by a Local Safeguarding Children Board (before 2019) or a safeguarding
// partnership (since), one per upper-tier local authority. Reports, cover sheets and file names name
// the same board in many ways ("Enfield LSCB", "Enfield Safeguarding Children Partnership",
// "Safeguarding Children in Enfield"); BoardRegistry maps all of them to one canonical area name.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace scr {

struct Board {
  std::string name;                   ///< Canonical area name, e.g. "Kingston upon Thames".
  std::string region;                 ///< One of the nine English regions.
  std::string ons_code;               ///< ONS upper-tier code, e.g. "E09000021"; may be empty.
  std::vector<std::string> variants;  ///< Other names of the same area ("Kingston").
};

/// The nine English regions in the ONS order used for stable column order in tables.
const std::vector<std::string>& english_regions();

/// The English region a user means, in its canonical form ("Yorkshire and The Humber" for
/// "yorkshire", "Yorkshire & the Humber" or "yorkshire and humber"; "North West" for "northwest"),
/// or "" when none or more than one fits.
std::string canonical_region(std::string_view written);

/// An immutable table of boards. Cheap to share between threads once built.
class BoardRegistry {
 public:
  /// Reads a boards CSV with header `name,region,ons_code,variants` (variants `|`-separated).
  /// Throws DataFileError naming the file and line on a malformed row or unknown region.
  static BoardRegistry load(const std::string& csv_path);

  /// The shipped table: $SCR_DATA_DIR/boards.csv if that variable is set, else the data directory
  /// fixed at build time.
  static BoardRegistry load_default();

  const std::vector<Board>& boards() const { return boards_; }

  /// The board a name as written refers to, or nullptr. Accepts the canonical name, a variant, or
  /// either wrapped in board words ("Hull Safeguarding Children Board", "LSCB of Hull",
  /// "Safeguarding Children Partnership for Kingston upon Thames"), in any case, with "&" for "and"
  /// and "St." for "St".
  const Board* find(std::string_view name_as_written) const;

  /// The longest board name that occurs as whole words in `text`, or nullptr. Used on cover pages
  /// and file names where the name sits inside other words.
  const Board* find_in_text(std::string_view text) const;

 private:
  std::vector<Board> boards_;
  std::unordered_map<std::string, size_t> by_key_;  // folded name/variant -> index in boards_
};

/// The directory of shipped data files (boards.csv, taxonomy): $SCR_DATA_DIR if set, else
/// PREFIX/share/scr-search beside an installed program, else the source tree's data/.
std::string data_dir();

}  // namespace scr
