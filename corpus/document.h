// The generator's in-memory report: what to print, before any layout decision.
#pragma once

#include <string>
#include <vector>

namespace scr::corpus {

enum class BlockKind {
  kHeading,    ///< A section or sub-section heading; level 1 headings go into the contents page.
  kParagraph,  ///< Justified body text, optionally with a label in the gutter ("4.12", "3.", "R3").
  kListItem,   ///< Indented item with a label ("a)", "•").
  kTable,      ///< Rows of cells; the first row is the header and repeats after a page break.
  kColumns,    ///< Switch to `columns` columns; always starts a new page.
  kPageBreak,
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 1;             ///< Heading level (1, 2).
  std::string label;         ///< Gutter label; empty for none.
  std::string lead;          ///< Bold text run opening the paragraph ("Recommendation 3:").
  std::string text;          ///< Plain UTF-8 (not markup).
  int indent = 0;            ///< List nesting depth.
  int columns = 1;           ///< For kColumns.
  std::vector<std::vector<std::string>> rows;  ///< For kTable.
  std::vector<double> column_shares;           ///< For kTable: share of the width per column.
};

enum class CoverStyle { kBoard, kDeposit };

struct Cover {
  CoverStyle style = CoverStyle::kBoard;
  std::vector<std::string> lines;  ///< Board cover: title, subtitle, board, date, author. Deposit: field lines.
  std::string deposit_note;        ///< Deposit sheet: the sentence under the fields.
};

struct Document {
  Cover cover;
  std::string running_header;  ///< Printed at the top of every page after the cover.
  std::string pdf_title;       ///< PDF Info /Title.
  std::string pdf_author;      ///< PDF Info /Author.
  std::vector<Block> blocks;
  bool contents_page = true;
  bool hyphenate = true;  ///< Break long words across lines with a hyphen.
  /// Write fi/fl as the presentation-form code points U+FB01/U+FB02, as some PDF producers do, so
  /// that the extracted text carries them (otherwise the font's ligature glyphs map back to "fi").
  bool ligature_code_points = false;
};

}  // namespace scr::corpus
