// The theme taxonomy: data (data/taxonomy.json), not code, so that a maintainer can add a theme or
// a phrasing without recompiling. See docs/taxonomy.md for the file format.
#pragma once

#include <string>
#include <vector>

namespace scr {

struct ThemeGroup {
  std::string id;
  std::string label;
  /// Whether plain absence words ("no", "there was no", "never", "without") cancel a mention of a
  /// theme in this group. Not for practice themes: "no strategy discussion was held" is a finding
  /// about multi-agency working, not its absence from the review.
  bool absence_cancels = true;
  /// Whether a positive evaluation ("was of a high standard", "commends the") cancels a mention:
  /// practice themes count as findings about practice that fell short, not practice praised.
  bool praise_cancels = false;
  /// Defaults for the group's themes (Theme::historic_cancels, Theme::needs_parent,
  /// Theme::needs_child).
  bool historic_cancels = false;
  bool needs_parent = false;
  bool needs_child = false;
  bool needs_deficit = false;
};

/// A theme told through what happened rather than named: a sign ("filthy", "no food", "smelled")
/// and a companion ("house", "baby", "clothes") in one sentence, in either order, count as one
/// mention of the theme, with every cancel rule applied at the sign.
struct CueFamily {
  std::vector<std::string> signs;
  std::vector<std::string> with;
  size_t window = 12;  ///< words between the sign and its companion, at most
  /// What one sentence of this family scores (0 < weight <= 1). A sign beside its companion is
  /// often ordinary life ("the father missed his dental check-up"): a family whose signs are
  /// that common weighs 0.5, so one such sentence alone does not give a report the theme; two
  /// sentences do, or one with a phrasing or an indicator. Several signs of one theme's weak
  /// families in one sentence count as that sentence once, at the highest weight.
  double weight = 1.0;
};

struct Theme {
  std::string id;        ///< stable, used in terms, facets and URLs: "domestic-abuse"
  std::string label;     ///< "Domestic abuse"
  std::string group;     ///< a ThemeGroup id
  std::string description;
  std::vector<std::string> phrasings;   ///< each counted mention scores 1
  /// Names of procedures and roles that nearly every review mentions as a matter of course ("strategy
  /// discussion", "core group", "care co-ordinator"): matched as phrasings, but a mention counts
  /// only in a sentence that says something fell short (a `deficit` cue: "no strategy discussion
  /// was held", "the core group did not meet"). "A strategy discussion was held" is cancelled
  /// ("procedure").
  std::vector<std::string> procedures;
  std::vector<std::string> indicators;  ///< weaker words: each distinct one scores 0.5, once per text
  std::vector<CueFamily> families;      ///< each sign with a companion in its sentence scores 1
  double threshold = 1.0;               ///< score at which a report has the theme
  /// A mention in a clause about someone's own childhood ("had herself been abused as a child")
  /// is that adult's history, not this child's harm: cancelled.
  bool historic_cancels = false;
  /// A parental factor: a mention in a sentence about the child alone ("his own cannabis use",
  /// with a child cue and no parent or carer cue) is not the parents': cancelled.
  bool needs_parent = false;
  /// A characteristic of the child: a mention said of an adult (a historic cue in a sentence with a
  /// parent or carer or with an own-history cue such as "had herself", or both of those: "the
  /// mother had herself been in foster care", "the father was himself disabled") is that adult's,
  /// not this child's: cancelled.
  bool needs_child = false;
  /// A practice theme named for the practice itself ("information sharing", "risk assessment"):
  /// a review counts it where practice fell short, so a sentence that evaluates it well (a
  /// `positive` cue: "swift", "closely", "detailed") with no `deficit` cue ("not", "no one",
  /// "lack", "delayed", "a concern") is praise, cancelled: "communication between the school and
  /// the GP was swift and clear". Themes named for the failure ("start again syndrome") do not
  /// need it.
  bool needs_deficit = false;
  /// Groups whose mentions, when cancelled as an adult's own past ("historic", "adult-history")
  /// in a sentence that names a parent or carer, are mentions of this theme instead: "the mother
  /// had herself been abused as a child" is not this child's abuse but is the parent's own
  /// adverse childhood. Empty for most themes.
  std::vector<std::string> from_adult_past;
  /// A theme that is the child's harm when the child suffers it but a sign of another theme when a
  /// parent or carer is its subject ("the mother took an overdose", "her father had attempted
  /// suicide": the parent's mental ill-health, not the child's self-harm). Such a mention is
  /// cancelled here ("parent-own") and counts for the theme named. Empty for most themes.
  std::string of_parent;
};

/// A named group of themes that reviews treat as one ("toxic trio"): a query for one of its
/// phrasings asks for all of its themes, reports having every one ranked first.
struct ThemeCluster {
  std::string id, label, description;
  std::vector<std::string> phrasings;
  std::vector<std::string> themes;  ///< theme ids
};

/// Words that cancel a mention when they govern it, within `scope_words` words and the same clause.
struct CancelCues {
  int scope_words = 7;        ///< before the mention
  int scope_words_after = 10; ///< after it ("X was considered by the panel and ruled out")
  std::vector<std::string> negation_before;  ///< "no evidence of", "nothing to suggest": cancel in every group
  std::vector<std::string> absence_before;   ///< "no", "never", "without": cancel where the group says so
  std::vector<std::string> negation_after;   ///< "was ruled out", "was not a feature"
  std::vector<std::string> hypothetical_before;      ///< "had there been", "if", "whether"
  std::vector<std::string> hypothetical_clause_start;  ///< those that count only opening a clause ("Had ...")
  std::vector<std::string> terminators;      ///< "but", "however", "which": a cue's scope ends there
  std::vector<std::string> pseudo_negations; ///< "no longer", "no one", "not only": not cues at all
  int routine_scope_words = 4;               ///< routine/definition cues reach fewer words
  std::vector<std::string> routine_before;   ///< "training on", "advice about": a topic, not an event
  std::vector<std::string> routine_after;    ///< "... advice", "... training"
  std::vector<std::string> routine_clause;   ///< "as she does with every family": anywhere in the clause
  std::vector<std::string> praise_before;    ///< "good examples of", "commends the"
  std::vector<std::string> praise_after;     ///< "was of a high standard"
  std::vector<std::string> praise_clause;    ///< "is commended", "good practice": anywhere in the clause
  std::vector<std::string> definition_before;///< "the term"
  std::vector<std::string> definition_after; ///< "is a term used", "refers to"
  std::vector<std::string> historic_clause;  ///< "as a child", "in her own childhood"
  std::vector<std::string> child_subject;    ///< "young person", "his own", "friends": the child as subject
  std::vector<std::string> parent_subject;   ///< "mother", "father", "carer": a parent present
  std::vector<std::string> own_history;      ///< "had herself", "was himself": an adult's own past
  /// "taken into care at", "in care from the age of": a childhood event, read as someone's own
  /// past only when a parent opens the sentence ("The mother had been taken into care at nine"),
  /// not when the child does.
  std::vector<std::string> childhood_events;
  /// Words that open a sentence as its subject standing for someone named before ("she", "he",
  /// "they"): a cue family's companion at the start of the sentence before carries over to it.
  std::vector<std::string> pronoun_subjects;
  /// Words naming a child ("the girl", "son", "baby"): a sentence that holds one carries nothing
  /// over, since the pronoun after it may be the child.
  std::vector<std::string> child_nouns;
  /// Single words that may stand between a parent cue and a mention with the parent still its
  /// subject ("had", "attempted", "took", "an"): anything else ("told", "found", "that") means
  /// the mention is someone else's.
  std::vector<std::string> parent_link;
  std::vector<std::string> deficit;          ///< "not", "lack", "delayed", "a concern": practice fell short
  std::vector<std::string> positive;         ///< "swift", "closely", "detailed": practice evaluated well
  std::vector<std::string> boilerplate;      ///< statutory wording every review quotes: never a mention
};

/// What a section of a review is for, from its heading: mentions count in narrative and analysis,
/// not in the terms of reference, methodology, recommendations, glossary or appendices, and practice
/// themes do not count in a section of good practice.
enum class SectionRole { kCounted, kNotCounted, kGoodPractice };

struct SectionHeadings {
  std::vector<std::string> not_counted;   ///< heading starts: "terms of reference", "methodology"
  std::vector<std::string> good_practice; ///< "good practice", "what went well"
  std::vector<std::string> counted;       ///< "background", "chronology", "analysis", "findings"
};

class Taxonomy {
 public:
  /// Parses taxonomy JSON. `source` names the file in errors. Throws scr::Error with the line and
  /// column of a syntax error, or the theme and field of a content error.
  static Taxonomy parse(const std::string& json_text, const std::string& source);
  static Taxonomy load(const std::string& path);
  /// $SCR_TAXONOMY, else data_dir()/taxonomy.json.
  static Taxonomy load_default();
  static std::string default_path();

  const std::vector<Theme>& themes() const { return themes_; }
  const std::vector<ThemeGroup>& groups() const { return groups_; }
  const CancelCues& cues() const { return cues_; }
  const SectionHeadings& sections() const { return sections_; }
  const std::vector<ThemeCluster>& clusters() const { return clusters_; }
  const Theme* find(const std::string& id) const;
  const ThemeGroup* group(const std::string& id) const;
  /// "<version>/<first 12 hex digits of the content hash>": recorded in the index, so that a changed
  /// file is noticed (`scr-index --retag`).
  const std::string& version() const { return version_; }

 private:
  std::vector<Theme> themes_;
  std::vector<ThemeGroup> groups_;
  CancelCues cues_;
  SectionHeadings sections_;
  std::vector<ThemeCluster> clusters_;
  std::string version_;
};

}  // namespace scr
