#include "scr/schema.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace scr::schema {

std::string mismatch_advice(const std::string& dir, const std::string& found_version) {
  int found = std::atoi(found_version.c_str());
  if (found > 0 && found < kSchemaVersion) {
    return "Upgrade it in place from its text cache (no PDF is read): scr-index --index " + dir + " --upgrade";
  }
  return "It was written by a newer scr-search: use that version, or rebuild it into a new folder with this one: "
         "scr-index --index NEW_FOLDER PDF_FOLDER";
}

std::string term_value(std::string_view value) {
  std::string out;
  bool dash = false;
  for (unsigned char ch : value) {
    if (std::isalnum(ch)) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(std::tolower(ch));
    } else if (ch >= 0x80) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(ch);  // UTF-8 bytes kept (accented names)
    } else {
      dash = true;
    }
  }
  return out;
}

std::string make_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (!value.empty() && std::isupper(static_cast<unsigned char>(value[0]))) term += ':';
  term += value;
  constexpr size_t kMaxTerm = 240;  // Xapian's limit is 245 bytes
  if (term.size() > kMaxTerm) {
    // FNV-1a, 64 bits: stable across builds, unlike std::hash.
    uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : term) h = (h ^ ch) * 1099511628211ull;
    char hex[20];
    std::snprintf(hex, sizeof hex, "#%016llx", static_cast<unsigned long long>(h));
    term.resize(kMaxTerm - 17);
    term += hex;
  }
  return term;
}

std::string pack_facet(std::string_view prefix, std::string_view value) {
  std::string out(prefix);
  out += '=';
  out += value;
  out += '\n';
  return out;
}

std::string age_band_term(std::string_view band) { return band == "<1" ? std::string(kAgeBandTerms[0]) : term_value(band); }

std::string age_band_label(std::string_view term) { return term == kAgeBandTerms[0] ? "<1" : std::string(term); }

std::string guidance_era(int year, int month) {
  // Editions of "Working Together to Safeguard Children" by the month they came into force.
  int ym = year * 100 + month;
  if (ym >= 202312) return "wt2023";
  if (ym >= 201807) return "wt2018";
  if (ym >= 201503) return "wt2015";
  if (ym >= 201303) return "wt2013";
  if (ym >= 201003) return "wt2010";
  return "wt2006";
}

}  // namespace scr::schema
