#include "pdf_renderer.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

#include "scr/error.h"

namespace scr::corpus {
namespace {

constexpr double kPageWidth = 595.276;   // A4, points
constexpr double kPageHeight = 841.890;
constexpr double kMarginX = 68.0;
constexpr double kTop = 82.0;            // below the running header
constexpr double kBottom = kPageHeight - 70.0;
constexpr double kGutter = 18.0;          // between columns
constexpr double kLabelWidth = 34.0;      // numbered paragraphs' labels
constexpr const char* kBodyFont = "Linux Libertine O 12";
constexpr const char* kBoldFont = "Linux Libertine O Bold 11";
constexpr const char* kSmallFont = "Linux Libertine O 9.5";
constexpr const char* kHeadingFont = "DejaVu Sans Bold 14";
constexpr const char* kSubheadingFont = "DejaVu Sans Bold 11.5";
constexpr const char* kFurnitureFont = "DejaVu Sans 8";

struct GObjectDeleter {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

LayoutPtr make_shared_layout(PangoLayout* l) { return LayoutPtr(l, [](PangoLayout* p) { g_object_unref(p); }); }

bool is_vowel(char c) { return std::strchr("aeiouy", std::tolower(static_cast<unsigned char>(c))) != nullptr; }

// Soft hyphens at plausible syllable breaks (VC|CV and V|CV) in long lower-case words, so that pango
// can break them across lines with a visible hyphen, as justified reports do.
std::string add_soft_hyphens(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && std::islower(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i) {
      out += text[i++];
      continue;
    }
    std::string word = text.substr(i, j - i);
    bool starts_word = i == 0 || !std::isalpha(static_cast<unsigned char>(text[i - 1]));
    if (word.size() >= 8 && starts_word) {
      std::string w;
      for (size_t k = 0; k < word.size(); ++k) {
        // Break before a consonant that starts a syllable: VC|CV ("safeguar-ding") or V|CV ("safe-guarding").
        bool inside = k >= 3 && k + 3 <= word.size();
        bool consonant_then_vowel = inside && !is_vowel(word[k]) && is_vowel(word[k + 1]);
        bool after_syllable = inside && (is_vowel(word[k - 1]) || (is_vowel(word[k - 2]) && word[k - 1] != word[k]));
        if (consonant_then_vowel && after_syllable) w += "\u00AD";
        w += word[k];
      }
      out += w;
    } else {
      out += word;
    }
    i = j;
  }
  return out;
}

std::string ligature_code_points(std::string s) {
  for (auto [from, to] : {std::pair<const char*, const char*>{"ffi", "\uFB03"}, {"fi", "\uFB01"}, {"fl", "\uFB02"}}) {
    std::string f = from, t = to;
    for (size_t pos = 0; (pos = s.find(f, pos)) != std::string::npos; pos += t.size()) s.replace(pos, f.size(), t);
  }
  return s;
}

std::string escape_markup(const std::string& s) {
  char* e = g_markup_escape_text(s.c_str(), static_cast<gssize>(s.size()));
  std::string out(e);
  g_free(e);
  return out;
}

// One thing placed on a page, drawn in the second pass.
struct Item {
  enum Kind { kLine, kLayout, kBox, kFill } kind;
  LayoutPtr layout;
  int line = 0;         // kLine: index of the layout line
  double x = 0, y = 0;  // kLine: baseline origin; kLayout: top-left; kBox/kFill: top-left
  double w = 0, h = 0;
};

struct Page {
  std::vector<Item> items;
};

struct ContentsEntry {
  std::string text;
  int page;
};

class Layouter {
 public:
  Layouter(PangoContext* ctx, const Document& doc, const RenderOptions& opt) : ctx_(ctx), doc_(doc), opt_(opt) {}

  void run() {
    first_body_page_ = doc_.contents_page ? 3 : 2;
    new_page();
    for (const auto& b : doc_.blocks) place(b);
  }

  std::vector<Page> pages;
  std::vector<ContentsEntry> contents;
  std::map<std::string, int> section_pages;
  int first_body_page_ = 3;

  LayoutPtr layout(const std::string& font, double width) {
    auto l = make_shared_layout(pango_layout_new(ctx_));
    PangoFontDescription* fd = pango_font_description_from_string(font.c_str());
    pango_layout_set_font_description(l.get(), fd);
    pango_font_description_free(fd);
    if (width > 0) {
      pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    }
    return l;
  }

 private:
  double col_width() const { return (kPageWidth - 2 * kMarginX - (ncols_ - 1) * kGutter) / ncols_; }
  double col_x() const { return kMarginX + col_ * (col_width() + kGutter); }
  int page_number() const { return first_body_page_ + static_cast<int>(pages.size()) - 1; }

  void new_page() {
    pages.emplace_back();
    y_ = kTop;
    col_ = 0;
  }
  void next_frame() {
    if (col_ + 1 < ncols_) {
      ++col_;
      y_ = kTop;
    } else {
      new_page();
    }
  }
  bool page_empty() const { return pages.back().items.empty(); }

  std::string body_text(const std::string& s) const {
    std::string t = doc_.hyphenate ? add_soft_hyphens(s) : s;
    return doc_.ligature_code_points ? ligature_code_points(t) : t;
  }

  // Places a wrapped layout line by line, breaking to the next column/page where it does not fit.
  // Places a wrapped layout line by line, breaking to the next column/page where it does not fit.
  // `indent` is relative to the current column, which can change mid-paragraph.
  void flow(const LayoutPtr& l, double indent) {
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    int index = 0;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double h = logical.height / double(PANGO_SCALE);
      double baseline = (pango_layout_iter_get_baseline(it) - logical.y) / double(PANGO_SCALE);
      double x = logical.x / double(PANGO_SCALE);  // hanging indents move lines within the layout
      if (y_ + h > kBottom) next_frame();
      pages.back().items.push_back({Item::kLine, l, index, col_x() + indent + x, y_ + baseline});
      y_ += h;
      ++index;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void place(const Block& b) {
    switch (b.kind) {
      case BlockKind::kColumns:
        if (!page_empty()) new_page();
        ncols_ = b.columns;
        return;
      case BlockKind::kPageBreak:
        new_page();
        return;
      case BlockKind::kHeading: return place_heading(b);
      case BlockKind::kParagraph:
      case BlockKind::kListItem: return place_text(b);
      case BlockKind::kTable: return place_table(b);
    }
  }

  void place_heading(const Block& b) {
    auto l = layout(b.level == 1 ? kHeadingFont : kSubheadingFont, col_width());
    pango_layout_set_text(l.get(), b.text.c_str(), -1);
    int w, h;
    pango_layout_get_size(l.get(), &w, &h);
    double height = h / double(PANGO_SCALE);
    double space_before = b.level == 1 ? 14 : 8;
    // Keep a heading with the first lines that follow it.
    if (y_ + space_before + height + 3 * 14.0 > kBottom) next_frame();
    if (y_ > kTop + 1) y_ += space_before;
    if (b.level == 1 && !b.label.empty()) {
      section_pages.emplace(b.label, page_number());
      contents.push_back({b.text, page_number()});
    }
    flow(l, 0);
    y_ += 6;
  }

  // A label ("4.12", "3)", "R3", "a)") hangs in front of the text on the same line, reached by a
  // tab, as a word processor's numbered list does; so a PDF reader sees label and text as one line.
  void place_text(const Block& b) {
    bool list = b.kind == BlockKind::kListItem;
    double text_indent = list ? 22.0 * (b.indent + 1) : (b.label.empty() ? 0 : kLabelWidth);
    double hang = b.label.empty() ? 0 : (list ? 20.0 : kLabelWidth);
    double start = text_indent - hang;
    auto l = layout(kBodyFont, col_width() - start);
    std::string markup;
    if (!b.label.empty()) markup += escape_markup(b.label) + "\t";
    if (!b.lead.empty()) markup += "<b>" + escape_markup(b.lead) + "</b>" + (b.text.empty() ? "" : " ");
    markup += escape_markup(body_text(b.text));
    pango_layout_set_markup(l.get(), markup.c_str(), -1);
    if (hang > 0) {
      pango_layout_set_indent(l.get(), static_cast<int>(-hang * PANGO_SCALE));
      PangoTabArray* tabs = pango_tab_array_new_with_positions(1, TRUE, PANGO_TAB_LEFT, static_cast<int>(hang));
      pango_layout_set_tabs(l.get(), tabs);
      pango_tab_array_free(tabs);
    }
    pango_layout_set_justify(l.get(), TRUE);
    pango_layout_set_spacing(l.get(), static_cast<int>(3.5 * PANGO_SCALE));
    flow(l, start);
    y_ += list ? 4 : 9;
  }

  struct Row {
    std::vector<LayoutPtr> cells;
    double height;
  };

  Row make_row(const Block& b, const std::vector<std::string>& cells, bool header) {
    Row row{{}, 0};
    constexpr double pad = 4;
    for (size_t c = 0; c < cells.size(); ++c) {
      double w = b.column_shares[c] * col_width() - 2 * pad;
      auto l = layout(header ? kBoldFont : kSmallFont, w);
      // Cells are not hyphenated: narrow columns with broken words read back as nonsense once a
      // reader merges a row's cells into one line.
      std::string text = doc_.ligature_code_points && !header ? ligature_code_points(cells[c]) : cells[c];
      pango_layout_set_text(l.get(), text.c_str(), -1);
      int lw, lh;
      pango_layout_get_size(l.get(), &lw, &lh);
      row.height = std::max(row.height, lh / double(PANGO_SCALE) + 2 * pad);
      row.cells.push_back(l);
    }
    return row;
  }

  void draw_row(const Block& b, const Row& row, bool header) {
    constexpr double pad = 4;
    double x = col_x();
    if (header) pages.back().items.push_back({Item::kFill, nullptr, 0, x, y_, col_width(), row.height});
    for (size_t c = 0; c < row.cells.size(); ++c) {
      double w = b.column_shares[c] * col_width();
      pages.back().items.push_back({Item::kBox, nullptr, 0, x, y_, w, row.height});
      pages.back().items.push_back({Item::kLayout, row.cells[c], 0, x + pad, y_ + pad});
      x += w;
    }
    y_ += row.height;
  }

  void place_table(const Block& b) {
    if (b.rows.empty()) return;
    Row header = make_row(b, b.rows[0], true);
    y_ += 4;
    if (y_ + header.height * 2 > kBottom) next_frame();
    draw_row(b, header, true);
    for (size_t r = 1; r < b.rows.size(); ++r) {
      Row row = make_row(b, b.rows[r], false);
      if (y_ + row.height > kBottom) {
        next_frame();
        draw_row(b, header, true);  // header row repeats on the next page, as word processors do
      }
      draw_row(b, row, false);
    }
    y_ += 10;
  }

  PangoContext* ctx_;
  const Document& doc_;
  const RenderOptions& opt_;
  int ncols_ = 1;
  int col_ = 0;
  double y_ = kTop;
};

void show_text(cairo_t* cr, Layouter& lay, const char* font, const std::string& text, double x, double y,
               double width, PangoAlignment align = PANGO_ALIGN_LEFT) {
  auto l = lay.layout(font, width);
  pango_layout_set_alignment(l.get(), align);
  pango_layout_set_text(l.get(), text.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l.get());
}

void draw_cover(cairo_t* cr, Layouter& lay, const Document& doc) {
  const auto& c = doc.cover;
  double w = kPageWidth - 2 * kMarginX;
  if (c.style == CoverStyle::kDeposit) {
    double y = 90;
    for (const auto& line : c.lines) {
      show_text(cr, lay, "DejaVu Sans 11", line, kMarginX, y, w);
      y += 24;
    }
    show_text(cr, lay, "DejaVu Sans 9.5", c.deposit_note, kMarginX, y + 20, w);
    return;
  }
  // A board's own cover: a coloured band, the title large, then board, date and author.
  cairo_set_source_rgb(cr, 0.12, 0.28, 0.45);
  cairo_rectangle(cr, 0, 0, kPageWidth, 150);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  const char* fonts[] = {"DejaVu Sans Bold 24", "DejaVu Sans 16", "DejaVu Sans 13", "DejaVu Sans 13", "DejaVu Sans 11"};
  double y = 220;
  for (size_t i = 0; i < c.lines.size(); ++i) {
    auto l = lay.layout(fonts[std::min<size_t>(i, 4)], w);
    pango_layout_set_alignment(l.get(), PANGO_ALIGN_CENTER);
    pango_layout_set_text(l.get(), c.lines[i].c_str(), -1);
    cairo_move_to(cr, kMarginX, y);
    pango_cairo_show_layout(cr, l.get());
    int lw, lh;
    pango_layout_get_size(l.get(), &lw, &lh);
    y += lh / double(PANGO_SCALE) + (i == 0 ? 40 : 18);
  }
}

void draw_furniture(cairo_t* cr, Layouter& lay, const Document& doc, int page, int total) {
  double w = kPageWidth - 2 * kMarginX;
  show_text(cr, lay, kFurnitureFont, doc.running_header, kMarginX, 38, w);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, kMarginX, 54);
  cairo_line_to(cr, kPageWidth - kMarginX, 54);
  cairo_stroke(cr);
  show_text(cr, lay, kFurnitureFont, "Page " + std::to_string(page) + " of " + std::to_string(total), kMarginX,
            kPageHeight - 48, w, PANGO_ALIGN_CENTER);
}

void draw_contents(cairo_t* cr, Layouter& lay) {
  double w = kPageWidth - 2 * kMarginX;
  show_text(cr, lay, kHeadingFont, "Contents", kMarginX, kTop, w);
  double y = kTop + 40;
  for (const auto& e : lay.contents) {
    show_text(cr, lay, kBodyFont, e.text, kMarginX, y, w - 40);
    show_text(cr, lay, kBodyFont, std::to_string(e.page), kMarginX, y, w, PANGO_ALIGN_RIGHT);
    y += 20;
  }
}

void draw_body_page(cairo_t* cr, const Page& page) {
  for (const auto& item : page.items) {
    switch (item.kind) {
      case Item::kLine: {
        cairo_move_to(cr, item.x, item.y);
        pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(item.layout.get(), item.line));
        break;
      }
      case Item::kLayout:
        cairo_move_to(cr, item.x, item.y);
        pango_cairo_show_layout(cr, item.layout.get());
        break;
      case Item::kBox:
        cairo_set_line_width(cr, 0.6);
        cairo_rectangle(cr, item.x, item.y, item.w, item.h);
        cairo_stroke(cr);
        break;
      case Item::kFill:
        cairo_set_source_rgb(cr, 0.85, 0.88, 0.92);
        cairo_rectangle(cr, item.x, item.y, item.w, item.h);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        break;
    }
  }
}

}  // namespace

RenderResult render_pdf(const Document& doc, const std::string& path, const RenderOptions& options) {
  // Each call has its own font map and context: pango objects must not be shared between threads.
  std::unique_ptr<PangoFontMap, GObjectDeleter> font_map(pango_cairo_font_map_new());
  std::unique_ptr<PangoContext, GObjectDeleter> ctx(pango_font_map_create_context(font_map.get()));
  pango_cairo_context_set_resolution(ctx.get(), 72.0);  // 1 pango point == 1 PDF point
  // Unhinted, unrounded metrics: text is measured the same way whatever else the process has
  // rendered before, so the same report always breaks its lines in the same places.
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx.get(), fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(ctx.get(), FALSE);

  Layouter lay(ctx.get(), doc, options);
  lay.run();
  int total = lay.first_body_page_ - 1 + static_cast<int>(lay.pages.size());

  cairo_surface_t* pdf = cairo_pdf_surface_create(path.c_str(), kPageWidth, kPageHeight);
  if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(pdf);
    throw OutputError(path + ": cannot create PDF: " + cairo_status_to_string(cairo_surface_status(pdf)));
  }
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, options.timestamp.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, options.timestamp.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, doc.pdf_title.c_str());
  if (!doc.pdf_author.empty()) cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_AUTHOR, doc.pdf_author.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "scr-corpus");
  cairo_t* cr = cairo_create(pdf);

  auto draw_page = [&](cairo_t* c, int page_no) {
    cairo_set_source_rgb(c, 0, 0, 0);
    if (page_no == 1) {
      draw_cover(c, lay, doc);
      return;
    }
    draw_furniture(c, lay, doc, page_no, total);
    if (doc.contents_page && page_no == 2) {
      draw_contents(c, lay);
      return;
    }
    draw_body_page(c, lay.pages[static_cast<size_t>(page_no - lay.first_body_page_)]);
  };

  for (int p = 1; p <= total; ++p) {
    if (options.image_only) {
      // A scanned page: the page drawn into a bitmap, and only the bitmap goes into the PDF.
      double scale = options.image_dpi / 72.0;
      cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(kPageWidth * scale),
                                                        static_cast<int>(kPageHeight * scale));
      cairo_t* ic = cairo_create(img);
      cairo_set_source_rgb(ic, 1, 1, 1);
      cairo_paint(ic);
      cairo_scale(ic, scale, scale);
      draw_page(ic, p);
      cairo_destroy(ic);
      cairo_save(cr);
      cairo_scale(cr, 1 / scale, 1 / scale);
      cairo_set_source_surface(cr, img, 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
      cairo_surface_destroy(img);
    } else {
      draw_page(cr, p);
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  cairo_status_t status = cairo_surface_status(pdf);
  cairo_surface_destroy(pdf);
  if (status != CAIRO_STATUS_SUCCESS) throw OutputError(path + ": writing PDF failed: " + cairo_status_to_string(status));

  RenderResult result;
  result.pages = total;
  result.section_pages = lay.section_pages;
  return result;
}

}  // namespace scr::corpus
