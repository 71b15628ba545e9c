// Damaged copies of a PDF, the ways files really get damaged: cut short by an interrupted
// download, a block overwritten or lost, bits flipped, a block written twice, and the words the
// file's structure hangs on (its cross-reference table, stream lengths, object markers) spoiled.
// Seeded, so a failure is reproduced from the seed and the mutant's number alone.
//
// Used by the integration test of extraction on damaged PDFs and by its long form in bench/.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace scr::test {

/// The kinds of damage, in the order mutate_pdf() cycles through them.
enum class Damage { kTruncate, kOverwrite, kFlipBits, kDelete, kDuplicate, kStructure, kCount };

inline std::string_view damage_name(Damage d) {
  switch (d) {
    case Damage::kTruncate: return "truncate";
    case Damage::kOverwrite: return "overwrite";
    case Damage::kFlipBits: return "flip-bits";
    case Damage::kDelete: return "delete";
    case Damage::kDuplicate: return "duplicate";
    case Damage::kStructure: return "structure";
    case Damage::kCount: break;
  }
  return "?";
}

/// The kind of damage mutant `n` gets: n modulo the number of kinds.
inline Damage damage_kind(unsigned n) { return static_cast<Damage>(n % static_cast<unsigned>(Damage::kCount)); }

/// Mutant `n` of the series for `seed`: damage of kind damage_kind(n), its place and extent drawn
/// from (seed, n). The result always differs from `pdf`.
inline std::string mutate_pdf(const std::string& pdf, unsigned seed, unsigned n) {
  std::mt19937_64 rng((static_cast<std::uint64_t>(seed) << 32) ^ (n * 0x9E3779B97F4A7C15ULL));
  auto below = [&](size_t limit) { return limit == 0 ? size_t{0} : static_cast<size_t>(rng() % limit); };
  std::string out = pdf;
  if (pdf.size() < 16) return out + "%";
  // Extents from one byte to a few kilobytes, small ones more often (a flipped sector is rare, a
  // spoiled byte common).
  auto extent = [&] { return size_t{1} << below(13); };
  switch (damage_kind(n)) {
    case Damage::kTruncate:
      out.resize(8 + below(pdf.size() - 8));
      break;
    case Damage::kOverwrite: {
      size_t at = below(pdf.size()), len = std::min(extent(), pdf.size() - at);
      for (size_t i = 0; i < len; ++i) out[at + i] = static_cast<char>(rng());
      break;
    }
    case Damage::kFlipBits: {
      size_t flips = 1 + below(64);
      for (size_t i = 0; i < flips; ++i) out[below(out.size())] ^= static_cast<char>(1u << below(8));
      break;
    }
    case Damage::kDelete: {
      size_t at = below(pdf.size()), len = std::min(extent(), pdf.size() - at);
      out.erase(at, std::max<size_t>(len, 1));
      break;
    }
    case Damage::kDuplicate: {
      size_t at = below(pdf.size()), len = std::min(extent(), pdf.size() - at);
      out.insert(at, pdf, at, std::max<size_t>(len, 1));
      break;
    }
    case Damage::kStructure: {
      // One of the words a reader navigates by, spoiled where it stands (same length, so the byte
      // offsets of everything else stay right), or a number after it changed.
      static constexpr std::array<std::string_view, 10> kWords = {
          "xref", "startxref", "/Length", "endstream", "stream", " obj", "endobj", "/Root", "/Kids", "/Filter"};
      std::string_view word = kWords[below(kWords.size())];
      std::vector<size_t> places;
      for (size_t at = pdf.find(word); at != std::string::npos; at = pdf.find(word, at + 1)) places.push_back(at);
      if (places.empty()) {
        out[below(out.size())] ^= 0x20;
        break;
      }
      size_t at = places[below(places.size())];
      if (rng() % 2 == 0) {
        for (size_t i = 0; i < word.size(); ++i) out[at + i] = static_cast<char>('A' + below(26));
      } else {
        // The digits after the word (a length, an offset, an object number) made wrong.
        size_t d = at + word.size();
        while (d < out.size() && (out[d] == ' ' || out[d] == '\n' || out[d] == '\r')) ++d;
        bool any = false;
        for (; d < out.size() && out[d] >= '0' && out[d] <= '9'; ++d, any = true) out[d] = static_cast<char>('0' + below(10));
        if (!any) out.insert(at + word.size(), " 99999999");
      }
      break;
    }
    case Damage::kCount:
      break;
  }
  if (out == pdf) out.push_back('\n');  // random bytes equal to the ones they replaced
  return out;
}

}  // namespace scr::test
