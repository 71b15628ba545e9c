// Text cleaning shared by the indexer (on extracted pages) and the query side (on query strings):
// both sides must see the same characters, or a query for "co-sleeping" would miss a report that
// printed "co‑sleeping" with a non-breaking hyphen.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scr {

/// Character-level normalisation: NFKC (ligatures such as U+FB01 become "fi", full-width forms
/// become ASCII), curly quotes and primes to ' and ", hyphen and dash variants to '-', soft hyphens
/// and zero-width characters removed (a soft hyphen at a line end joins the word), form feeds and
/// tabs to spaces, runs of spaces to one. Line breaks are kept. Invalid UTF-8 becomes U+FFFD.
/// Thread-safe.
std::string normalise_chars(std::string_view text);

/// Whether `text` is well-formed UTF-8 (no stray continuation bytes, overlongs or surrogates).
bool is_valid_utf8(std::string_view text);

/// Text cleaned as indexed text is (normalise_chars()), on one line: every line break a space. For
/// the one-line values: queries (so that they meet the index's text as it was cleaned), titles,
/// board names and summaries from covers and manifests.
std::string normalise_one_line(std::string_view query);

struct CleanedText {
  /// One entry per input page: paragraphs separated by "\n", words within a paragraph by single
  /// spaces, running headers/footers and page-number lines removed, words broken across line ends
  /// rejoined. Page i of the input is page i here, even when it is left empty.
  std::vector<std::string> pages;
  /// Lines dropped as page furniture (header/footer), once each, for diagnostics.
  std::vector<std::string> furniture;
};

/// Cleans the raw text of a whole report's pages. Works on the report as a whole because running
/// headers and the right way to rejoin a hyphenated word ("safe-guarding" vs "multi-agency") are
/// decided from evidence in the other pages.
CleanedText clean_pages(const std::vector<std::string>& raw_pages);

/// `line` without a leading section number: "7 Recommendations", "7.1 ...", "Section 7: ...",
/// "Part 3 - ..." all lose their number. `number` gets its first part (7, 3), or -1 when none.
std::string_view strip_heading_number(std::string_view line, int* number = nullptr);

/// Whether a line opens with a list or paragraph label: "3.", "3)", "(3)", "7.1", "R3", "F2",
/// "Recommendation 3", "Finding 2", "a)", "(b)", a bullet.
bool starts_with_list_label(std::string_view line);

/// `text` with accents removed ("Anaïs" -> "Anais", "José" -> "Jose"): NFD, combining marks
/// dropped, NFC. Used to index a folded twin of accented words so that queries typed without
/// accents find them.
std::string fold_accents(std::string_view text);

/// `s` with ASCII letters lower-cased (other bytes untouched).
std::string ascii_lower(std::string_view s);

/// `s` without leading and trailing spaces, tabs, carriage returns and newlines.
std::string trim(std::string_view s);

/// Lower-case ASCII letters and digits of `text` only: a comparison key insensitive to spacing,
/// punctuation, hyphenation and ligatures (used by tests and the recommendation matcher).
std::string alnum_key(std::string_view text);

}  // namespace scr
