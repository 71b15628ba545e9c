// Lays out a Document on A4 pages and writes it as a PDF with cairo and pango.
//
// Pango shapes the text (so the serif font's fi/fl ligatures are real ligature glyphs), justifies
// it and breaks long words at soft hyphens with a visible hyphen, as word processors do. Layout runs
// first, so that the contents page and "Page N of M" footers know the final page numbers.
#pragma once

#include <map>
#include <string>

#include "document.h"

namespace scr::corpus {

struct RenderOptions {
  /// Print every page as a picture of itself: no text layer, as a scanned report has.
  bool image_only = false;
  /// Resolution of those pictures, dots per inch.
  int image_dpi = 150;
  /// Stamped as the PDF's creation and modification date, so the same input gives the same bytes.
  std::string timestamp = "2020-01-01T00:00:00";
};

struct RenderResult {
  int pages = 0;
  std::map<std::string, int> section_pages;  ///< Level-1 heading key -> first page (1-based).
};

/// Renders `doc` to `path`. Throws scr::OutputError if the file cannot be written.
/// Each call uses its own font map, but pango and cairo share measurement caches within a process,
/// so byte-identical output needs the same process state: write_corpus renders each report in a
/// freshly forked process.
RenderResult render_pdf(const Document& doc, const std::string& path, const RenderOptions& options);

}  // namespace scr::corpus
