// Reading a page that has no text layer: render it with poppler and recognise it with Tesseract.
// Private to the extractor (poppler types cross this header).
#pragma once

#include <optional>
#include <string>

namespace poppler {
class page;
}

namespace scr {

/// The text Tesseract reads on `page` rendered at `dpi`, or nullopt when OCR is unavailable
/// (Tesseract or its English data missing) or rendering failed. Not thread-safe: one Tesseract
/// engine per process, created on first use (the indexer runs extraction in worker processes).
std::optional<std::string> ocr_page(const poppler::page& page, int dpi);

/// Why OCR is unavailable, or "" when it works. Initialises the engine if needed.
std::string ocr_unavailable_reason();

}  // namespace scr
