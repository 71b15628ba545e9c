// Theme tagging: which themes a text states, with evidence, leaving out mentions that a negation
// ("there was no evidence of neglect") or a hypothetical ("had there been domestic abuse") governs.
//
// Sentence by sentence (ICU sentence breaks, with common abbreviations kept whole), matching the
// taxonomy's phrasings on cleaned, case-folded words, NegEx-style cue scopes for cancellation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scr/phrase_match.h"
#include "scr/taxonomy.h"

namespace scr {

struct Evidence {
  int page = 0;          ///< 1-based; 0 when the text had no pages
  std::string sentence;  ///< as printed (cleaned), at most ~300 bytes
};

struct ThemeTag {
  std::string id;
  bool present = false;  ///< score reached the theme's threshold
  double score = 0;
  int mentions = 0;      ///< counted (affirmative) matches
  int cancelled = 0;     ///< matches governed by a negation or hypothetical
  std::vector<Evidence> evidence;  ///< up to kMaxEvidence counted mentions, phrasings first
};

inline constexpr size_t kMaxEvidence = 3;

/// The sentences of one paragraph-structured text ("\n" between paragraphs, which also end
/// sentences), as byte ranges.
std::vector<std::pair<size_t, size_t>> split_sentences(std::string_view text);

class ThemeTagger {
 public:
  explicit ThemeTagger(const Taxonomy& taxonomy);

  /// Tags for every theme with at least one match (counted or cancelled), in taxonomy order.
  std::vector<ThemeTag> tag_pages(const std::vector<std::string>& pages) const;
  std::vector<ThemeTag> tag_text(std::string_view text) const;

  const Taxonomy& taxonomy() const { return taxonomy_; }

 private:
  struct Accumulator;
  void tag_paragraph(std::string_view paragraph, int page, Accumulator& acc) const;
  std::vector<ThemeTag> finish(Accumulator& acc) const;

  Taxonomy taxonomy_;
  PhraseSet themes_;  ///< id = theme index * 2 + (1 if indicator)
  PhraseSet negation_before_, absence_before_, negation_after_, hypothetical_before_, terminators_, pseudo_;
  std::vector<bool> absence_cancels_;  ///< per theme index
  std::vector<bool> clause_start_only_;  ///< per hypothetical cue id
};

}  // namespace scr
