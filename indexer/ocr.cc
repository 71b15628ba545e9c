#include "ocr.h"

#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <tesseract/baseapi.h>

#include <memory>

namespace scr {
namespace {

struct Engine {
  tesseract::TessBaseAPI api;
  std::string error;
  Engine() {
    // nullptr datapath: Tesseract's compiled-in default (Debian: /usr/share/tesseract-ocr/5/tessdata).
    if (api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) != 0) {
      error = "Tesseract could not load its English data (install tesseract-ocr-eng)";
    }
  }
  ~Engine() { api.End(); }
};

Engine& engine() {
  static Engine e;
  return e;
}

}  // namespace

std::string ocr_unavailable_reason() { return engine().error; }

std::optional<std::string> ocr_page(const poppler::page& page, int dpi) {
  Engine& e = engine();
  if (!e.error.empty()) return std::nullopt;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::image img = renderer.render_page(&page, dpi, dpi);
  if (!img.is_valid()) return std::nullopt;
  e.api.SetImage(reinterpret_cast<const unsigned char*>(img.const_data()), img.width(), img.height(), 1,
                 img.bytes_per_row());
  e.api.SetSourceResolution(dpi);
  std::unique_ptr<char[]> text(e.api.GetUTF8Text());
  e.api.Clear();
  if (!text) return std::nullopt;
  return std::string(text.get());
}

}  // namespace scr
