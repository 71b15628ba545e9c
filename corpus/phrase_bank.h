// Words and sentence material for the corpus generator: people, places, agencies, narrative,
// recommendations. Plain data with a few helpers that combine it; no layout here.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "rng.h"

namespace scr::corpus {

struct AgencyBank {
  std::string id;                  ///< Agency vocabulary id, e.g. "police", "health-visiting".
  std::vector<std::string> names;  ///< How recommendations name it ("{area}" is replaced).
  std::vector<std::string> roles;  ///< Practitioners of this agency, for the narrative.
  double weight;                   ///< How often recommendations address it.
};
const std::vector<AgencyBank>& agency_bank();

const std::vector<std::string>& girl_names();
const std::vector<std::string>& boy_names();
const std::vector<std::string>& adult_first_names();

/// A surname made from parts, so that the pool (and the vocabulary) keeps growing with the corpus
/// as real text's does.
std::string surname(Rng& rng);
/// A place: street, school, surgery or estate name, again open-ended.
std::string street(Rng& rng);
std::string school(Rng& rng);
std::string surgery(Rng& rng);

/// "14 March 2016", "March 2016", "late 2015": a date phrase inside the given year.
std::string date_phrase(Rng& rng, int year);
std::string month_name(int month);  ///< 1..12

/// Narrative sentences about everyday contacts that carry no theme. Slots as in ThemeBank
/// sentences plus {role}, {name}, {place}, {school}, {surgery}, {date}.
const std::vector<std::string>& narrative_sentences();
/// Sentences for the analysis and learning sections that name no theme.
const std::vector<std::string>& reflective_sentences();
/// Affirmative, negated and hypothetical frames taking a theme phrasing as {P}.
const std::vector<std::string>& affirmative_frames();
const std::vector<std::string>& negated_frames();
const std::vector<std::string>& hypothetical_frames();

// Distractors: a theme named without being stated (see ReportTruth::distractor_themes). Frames
// take {P}, a phrasing of the theme; the maps hold whole sentences per theme id.
const std::vector<std::string>& question_frames();
const std::vector<std::string>& training_frames();
const std::map<std::string, std::vector<std::string>>& routine_sentences();
const std::vector<std::string>& negation_form_frames();
const std::map<std::string, std::vector<std::string>>& experiencer_sentences();
const std::vector<std::string>& praise_frames();
const std::map<std::string, std::vector<std::string>>& praise_nouns();
const std::map<std::string, std::vector<std::string>>& definitions();
const std::vector<std::string>& criteria_sentences();

/// Parts that combine into narrative and reflective sentences ("{when}, {actor} {action}{detail}."
/// and "{opener} {subject} {verb} {object}."), so that a large corpus repeats few whole sentences.
struct SentenceParts {
  std::vector<std::string> when, action, observation, opener, subject, verb, object;
};
const SentenceParts& sentence_parts();

/// Extra vocabulary used in detail clauses, in rough frequency order (Zipf-drawn).
const std::vector<std::string>& detail_clauses();

struct RecommendationObject {
  std::string theme;  ///< Theme the recommendation is about; "" for general ones.
  std::string text;   ///< Verb phrase after "should", e.g. "ensure that ...".
};
const std::vector<RecommendationObject>& recommendation_objects();
const std::vector<std::string>& time_frames();

/// Terms explained in the glossary: abbreviation, meaning.
const std::vector<std::pair<std::string, std::string>>& glossary_terms();

}  // namespace scr::corpus
