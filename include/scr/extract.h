// Text and metadata out of one PDF file, page by page.
//
// A bad PDF is an expected outcome, not an exception: extract_pdf() always returns a result whose
// status says what happened and, when it is not kOk, why, in words a maintainer can act on.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scr {

enum class ExtractStatus {
  kOk,        ///< Every page read.
  kPartial,   ///< Read, but only the first max_pages pages (or some pages failed).
  kOcr,       ///< Some pages had no text layer and were read by OCR.
  kNoText,    ///< No page had a text layer (and OCR was off or found nothing).
  kEncrypted, ///< Needs a password to open.
  kCorrupt,   ///< Not readable as a PDF although it claims to be one (empty, truncated, damaged).
  kNotPdf,    ///< Some other kind of file with a .pdf name.
  kTimeout,   ///< Extraction took longer than the per-file limit.
  kTooLarge,  ///< Bigger than the size limit; not opened.
  kReadError, ///< The file could not be read (a disk or network read error): no verdict on its
              ///< content. The indexer records nothing for it, so the next run tries again.
};

/// "ok", "partial", "ocr", "no-text", "encrypted", "corrupt", "not-pdf", "timeout", "too-large",
/// "read-error".
std::string_view status_name(ExtractStatus s);
/// The inverse of status_name; nullopt for an unknown name.
std::optional<ExtractStatus> status_from_name(std::string_view name);

/// Whether a file with this status was read and has text to index: ok, ocr, partial. The others
/// are failures, recorded with their reason and retried only when the file changes.
bool has_text(ExtractStatus s);
/// The same for a status name as the index stores it ("ok", "corrupt", ...); false for names that
/// are not extraction statuses ("catalogue").
bool has_text(std::string_view status_name);

/// The PDF's Info dictionary, as UTF-8. Fields are empty when absent.
struct PdfInfo {
  std::string title, author, subject, keywords, creator, producer;
  std::optional<std::time_t> created;   ///< CreationDate: when the file was made, NOT the publication date.
  std::optional<std::time_t> modified;
};

/// One line of a page as laid out: its words in reading order, and the size of its largest type.
/// Covers are read this way, so that a title set in large type over several lines is one block.
struct TextLine {
  std::string text;
  double font_size = 0;  ///< points
};

struct ExtractOptions {
  int max_pages = 1000;                ///< Pages beyond this are not read (status kPartial).
  long long max_bytes = 512LL << 20;   ///< Files larger than this are not opened (kTooLarge).
  int min_chars_per_page = 20;         ///< Fewer characters than this: the page has no text layer.
  bool ocr = true;                     ///< Read pages without a text layer with Tesseract.
  int ocr_dpi = 200;                   ///< Resolution pages are rendered at for OCR.
  int layout_pages = 2;                ///< The first pages also read as lines with font sizes (covers).
};

struct ExtractResult {
  ExtractStatus status = ExtractStatus::kOk;
  std::string reason;               ///< Why, when status is not kOk; names no path (the caller knows it).
  int page_count = 0;               ///< Pages in the file (may exceed pages.size() when partial).
  std::vector<std::string> pages;   ///< Raw UTF-8 text of each page read, in reading order.
  std::vector<bool> page_has_text;  ///< Per page read: did it have a text layer?
  std::vector<int> ocr_pages;       ///< 0-based pages whose text came from OCR.
  /// The first ExtractOptions::layout_pages pages with a text layer, as lines with font sizes
  /// (empty for a page read by OCR).
  std::vector<std::vector<TextLine>> lead_lines;
  PdfInfo info;
};

/// Reads `path` in this process. Thread-safe (one poppler document per call); a PDF that crashes
/// or hangs poppler takes the caller with it, so the indexer runs this in worker processes.
ExtractResult extract_pdf(const std::string& path, const ExtractOptions& options = {});

/// What kind of file the first bytes say this is ("PDF", "zip archive", "HTML", "empty", ...).
std::string sniff_file_type(std::string_view head);

}  // namespace scr
