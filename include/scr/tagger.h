// Theme tagging: which themes a text states, with evidence, leaving out mentions that a negation
// ("there was no evidence of neglect") or a hypothetical ("had there been domestic abuse") governs.
//
// Sentence by sentence (ICU sentence breaks, with common abbreviations kept whole), matching the
// taxonomy's phrasings on cleaned, case-folded words, NegEx-style cue scopes for cancellation.
#pragma once

#include <optional>
#include <set>
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

/// A mention that did not count, and why: "negated", "hypothetical", "question", "section" (terms
/// of reference, methodology, recommendations, glossary...), "routine" (advice to every family,
/// training, policy), "praised" (good practice), "definition", "historic" (someone's own
/// childhood), "child-only" (a parental factor said of the child), "adult-history" (a child
/// characteristic said of an adult's own past), "boilerplate" (statutory wording).
struct CancelledMention {
  std::string reason;
  int page = 0;
  std::string sentence;
};

struct ThemeTag {
  std::string id;
  bool present = false;  ///< score reached the theme's threshold
  double score = 0;
  int mentions = 0;      ///< counted (affirmative) matches
  int cancelled = 0;     ///< matches governed by a negation or hypothetical
  std::vector<Evidence> evidence;  ///< up to kMaxEvidence counted mentions, phrasings first
  std::vector<CancelledMention> cancelled_evidence;  ///< up to kMaxEvidence, one reason each first
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
  void tag_paragraph(std::string_view paragraph, int page, SectionRole role, Accumulator& acc) const;
  /// The role a heading line starts, or nullopt when the line is not a heading this knows.
  std::optional<SectionRole> heading_role(std::string_view line) const;
  std::vector<ThemeTag> finish(Accumulator& acc) const;

  Taxonomy taxonomy_;
  PhraseSet themes_;  ///< id = theme index * 2 + (1 if indicator)
  PhraseSet procedures_;  ///< Theme::procedures (also in themes_ as phrasings); id = theme index
  PhraseSet family_signs_, family_with_;  ///< id = index into family_theme_ / family_window_ / family_weight_
  std::vector<size_t> family_theme_, family_window_;
  std::vector<double> family_weight_;  ///< CueFamily::weight
  PhraseSet negation_before_, absence_before_, negation_after_, hypothetical_before_, terminators_, pseudo_;
  PhraseSet routine_before_, routine_after_, routine_clause_, praise_before_, praise_after_, praise_clause_, definition_before_,
      definition_after_, historic_clause_, child_subject_, parent_subject_, own_history_, deficit_, positive_, boilerplate_,
      pronoun_subjects_, child_nouns_, childhood_events_;
  /// The single-word parent cues ("mother", "partner"; titles are left out there): beside a
  /// first name they make it a parent's name for the whole report (parent_names.h).
  std::set<std::string> parent_roles_;
  std::vector<bool> absence_cancels_;  ///< per theme index
  std::vector<bool> praise_cancels_, historic_cancels_, needs_parent_, needs_child_, needs_deficit_;  ///< per theme index
  /// Per theme index: the theme that an adult's-own-past mention of it counts for instead
  /// (Theme::from_adult_past), or npos.
  std::vector<size_t> adult_past_theme_;
  /// Per theme index: the theme its mentions count for when a parent is their subject
  /// (Theme::of_parent), or npos.
  std::vector<size_t> of_parent_theme_;
  std::set<std::string, std::less<>> parent_link_;  ///< CancelCues::parent_link
  std::vector<bool> clause_start_only_;  ///< per hypothetical cue id
};

}  // namespace scr
