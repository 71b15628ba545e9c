#include "scr/report.h"

namespace scr {

std::string_view source_name(Source s) {
  switch (s) {
    case Source::kManifest: return "manifest";
    case Source::kCoverSheet: return "cover-sheet";
    case Source::kPdfInfo: return "pdf-info";
    case Source::kFileName: return "file-name";
    case Source::kFolder: return "folder";
    case Source::kText: return "text";
    case Source::kDerived: return "derived";
    case Source::kNone: return "none";
  }
  return "none";
}

std::string age_band_for_months(int months) {
  if (months < 0) return "";
  if (months < 12) return "<1";
  int years = months / 12;
  if (years <= 5) return "1-5";
  if (years <= 10) return "6-10";
  if (years <= 15) return "11-15";
  if (years <= 17) return "16-17";
  return "";
}

}  // namespace scr
