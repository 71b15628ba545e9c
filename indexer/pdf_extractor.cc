#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>

#include "ocr.h"
#include "scr/error.h"
#include "scr/extract.h"
#include "scr/file_read.h"

namespace scr {
namespace {

std::string to_utf8(const poppler::ustring& s) {
  auto bytes = s.to_utf8();
  return std::string(bytes.data(), bytes.size());
}

// Poppler prints its complaints about damaged files to stderr by default; the extractor reports
// outcomes itself, so the messages are dropped. The hook is process-global: set it once.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// Poppler's cpp wrapper turns an Info string without a UTF-16 byte-order mark into code points
// byte for byte, as if it were Latin-1. The PDF says such strings are PDFDocEncoding, which
// differs from Latin-1 in 0x18-0x1F and 0x80-0x9F: there it has dashes, curly quotes, the bullet,
// ligatures. Those code points are control characters in Unicode and never belong in a title, so
// remapping them is safe even for strings that really were UTF-16. (0xA0, the euro in
// PDFDocEncoding, is left alone: in a UTF-16 string it is a legitimate no-break space.)
char16_t from_pdf_doc_encoding(char16_t u) {
  static constexpr char16_t k18[8] = {0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC};
  static constexpr char16_t k80[32] = {0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
                                       0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
                                       0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
                                       0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFD};
  if (u >= 0x18 && u <= 0x1F) return k18[u - 0x18];
  if (u >= 0x80 && u <= 0x9F) return k80[u - 0x80];
  return u;
}

std::string info_string(const poppler::document& doc, const std::string& key) {
  poppler::ustring s = doc.info_key(key);
  for (auto& unit : s) unit = static_cast<unsigned short>(from_pdf_doc_encoding(static_cast<char16_t>(unit)));
  return to_utf8(s);
}

std::optional<std::time_t> date_or_none(std::time_t t) {
  if (t == static_cast<std::time_t>(-1) || t == 0) return std::nullopt;
  return t;
}

size_t visible_chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char ch : s) {
    if (ch > ' ' && (ch < 0x80 || ch >= 0xC0)) ++n;  // count code points that are not blank
  }
  return n;
}

// The page's words grouped into lines. Poppler lists words in reading order; a word starts a new
// line when its vertical middle is outside the current line's band (a superscript or a mixed-size
// run stays on its line). The line's size is its largest word's, so a title's size is not lowered
// by a small word set beside it.
std::vector<TextLine> lines_with_sizes(const poppler::page& page) {
  std::vector<TextLine> lines;
  double band_top = 0, band_bottom = 0, previous_right = 0;
  bool space_after_previous = false;
  for (const poppler::text_box& word : page.text_list(poppler::page::text_list_include_font)) {
    std::string text = to_utf8(word.text());
    if (text.empty()) continue;
    poppler::rectf box = word.bbox();
    double middle = box.y() + box.height() / 2;
    if (lines.empty() || middle < band_top || middle > band_bottom) {
      lines.push_back({});
      band_top = box.y();
      band_bottom = box.y() + box.height();
    } else if (space_after_previous || box.x() - previous_right > box.height() * 0.15) {
      lines.back().text += ' ';
    }
    lines.back().text += text;
    lines.back().font_size = std::max(lines.back().font_size, word.get_font_size());
    space_after_previous = word.has_space_after();
    previous_right = box.x() + box.width();
  }
  return lines;
}

}  // namespace

std::string_view status_name(ExtractStatus s) {
  switch (s) {
    case ExtractStatus::kOk: return "ok";
    case ExtractStatus::kPartial: return "partial";
    case ExtractStatus::kOcr: return "ocr";
    case ExtractStatus::kNoText: return "no-text";
    case ExtractStatus::kEncrypted: return "encrypted";
    case ExtractStatus::kCorrupt: return "corrupt";
    case ExtractStatus::kNotPdf: return "not-pdf";
    case ExtractStatus::kTimeout: return "timeout";
    case ExtractStatus::kTooLarge: return "too-large";
    case ExtractStatus::kReadError: return "read-error";
  }
  return "unknown";
}

std::optional<ExtractStatus> status_from_name(std::string_view name) {
  for (auto s : {ExtractStatus::kOk, ExtractStatus::kPartial, ExtractStatus::kOcr, ExtractStatus::kNoText,
                 ExtractStatus::kEncrypted, ExtractStatus::kCorrupt, ExtractStatus::kNotPdf, ExtractStatus::kTimeout,
                 ExtractStatus::kTooLarge, ExtractStatus::kReadError}) {
    if (status_name(s) == name) return s;
  }
  return std::nullopt;
}

bool has_text(ExtractStatus s) { return s == ExtractStatus::kOk || s == ExtractStatus::kOcr || s == ExtractStatus::kPartial; }

bool has_text(std::string_view status_name) {
  auto s = status_from_name(status_name);
  return s && has_text(*s);
}

std::string sniff_file_type(std::string_view head) {
  if (head.empty()) return "empty";
  // PDF readers accept the header anywhere in the first kilobyte.
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return "PDF";
  if (head.starts_with("PK\x03\x04")) return "zip archive (or an Office document)";
  if (head.starts_with("\xD0\xCF\x11\xE0")) return "legacy Microsoft Office document";
  if (head.starts_with("{\\rtf")) return "RTF document";
  if (head.starts_with("\x89PNG")) return "PNG image";
  if (head.starts_with("\xFF\xD8\xFF")) return "JPEG image";
  if (head.starts_with("\x1F\x8B")) return "gzip archive";
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && head[first] == '<') return "HTML or XML";
  return "unknown (no PDF header)";
}

ExtractResult extract_pdf(const std::string& path, const ExtractOptions& options) {
  quiet_poppler();
  ExtractResult r;
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    r.status = ExtractStatus::kReadError;  // vanished since the walk, or unreadable: no verdict on it
    r.reason = "cannot read the file: " + ec.message();
    return r;
  }
  if (size == 0) {
    r.status = ExtractStatus::kCorrupt;
    r.reason = "empty file (0 bytes)";
    return r;
  }
  if (static_cast<long long>(size) > options.max_bytes) {
    r.status = ExtractStatus::kTooLarge;
    r.reason = "file is " + std::to_string(size >> 20) + " MiB, over the " + std::to_string(options.max_bytes >> 20) +
               " MiB limit";
    return r;
  }
  {
    // The whole file is read once before poppler sees it: a read error is then reported as one
    // (and retried by the next run) instead of being taken for a damaged PDF, and poppler reads
    // from the page cache. The first kilobyte tells whether it is a PDF at all.
    std::string head;
    try {
      read_file_through(path, [&](std::string_view chunk) {
        if (head.size() < 1024) head.append(chunk.substr(0, 1024 - head.size()));
      });
    } catch (const InputError& e) {
      r.status = ExtractStatus::kReadError;
      r.reason = e.what();
      if (r.reason.starts_with(path + ": ")) r.reason.erase(0, path.size() + 2);  // the caller names the file
      return r;
    }
    std::string kind = sniff_file_type(head);
    if (kind != "PDF") {
      r.status = ExtractStatus::kNotPdf;
      r.reason = "not a PDF (no %PDF- header); the content looks like: " + kind;
      return r;
    }
  }

  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) {
    r.status = ExtractStatus::kCorrupt;
    r.reason = "damaged PDF: poppler could not read its structure (truncated, or the cross-reference table and trailer are unusable)";
    return r;
  }
  // An encrypted file whose user password is empty opens with no password at all; only a real
  // user password leaves the document locked.
  if (doc->is_locked() && doc->unlock("", "")) {
    r.status = ExtractStatus::kEncrypted;
    r.reason = "encrypted: opening it needs a user password";
    return r;
  }

  r.info.title = info_string(*doc, "Title");
  r.info.author = info_string(*doc, "Author");
  r.info.subject = info_string(*doc, "Subject");
  r.info.keywords = info_string(*doc, "Keywords");
  r.info.creator = info_string(*doc, "Creator");
  r.info.producer = info_string(*doc, "Producer");
  r.info.created = date_or_none(doc->info_date_t("CreationDate"));
  r.info.modified = date_or_none(doc->info_date_t("ModDate"));

  r.page_count = doc->pages();
  if (r.page_count <= 0) {
    r.status = ExtractStatus::kCorrupt;
    r.reason = "damaged PDF: it has no pages";
    return r;
  }
  int to_read = std::min(r.page_count, options.max_pages);
  int failed_pages = 0, textless = 0;
  for (int i = 0; i < to_read; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    std::string text;
    if (page) {
      // Content-stream order, not poppler's reading-order guess: see docs/adr/0001-raw-text-order.md.
      text = to_utf8(page->text(poppler::rectf(), poppler::page::raw_order_layout));
    } else {
      ++failed_pages;
    }
    bool has_text = visible_chars(text) >= static_cast<size_t>(options.min_chars_per_page);
    if (!has_text && page && options.ocr) {
      if (auto read = ocr_page(*page, options.ocr_dpi); read && visible_chars(*read) >= static_cast<size_t>(options.min_chars_per_page)) {
        text = std::move(*read);
        r.ocr_pages.push_back(i);
        has_text = true;
      }
    }
    if (!has_text) ++textless;
    if (i < options.layout_pages) {
      bool from_ocr = !r.ocr_pages.empty() && r.ocr_pages.back() == i;
      r.lead_lines.push_back(page && has_text && !from_ocr ? lines_with_sizes(*page) : std::vector<TextLine>{});
    }
    r.page_has_text.push_back(has_text);
    r.pages.push_back(std::move(text));
  }
  if (textless == to_read) {
    r.status = ExtractStatus::kNoText;
    r.reason = "no page has a text layer (a scan or images of text)";
    if (options.ocr) {
      std::string why = ocr_unavailable_reason();
      r.reason += why.empty() ? "; OCR found no text either" : "; " + why;
    } else {
      r.reason += "; OCR is off";
    }
  } else if (!r.ocr_pages.empty()) {
    r.status = ExtractStatus::kOcr;
    r.reason = std::to_string(r.ocr_pages.size()) + " of " + std::to_string(to_read) +
               " pages had no text layer and were read by OCR";
    if (to_read < r.page_count) r.reason += "; only the first " + std::to_string(to_read) + " pages were read";
  } else if (to_read < r.page_count) {
    r.status = ExtractStatus::kPartial;
    r.reason = "only the first " + std::to_string(to_read) + " of " + std::to_string(r.page_count) +
               " pages were read (page limit)";
  } else if (failed_pages > 0) {
    r.status = ExtractStatus::kPartial;
    r.reason = std::to_string(failed_pages) + " page(s) could not be read";
  }
  return r;
}

}  // namespace scr
