#include <catch2/catch.hpp>

#include "scr/error.h"
#include "scr/phrase_match.h"
#include "scr/tagger.h"
#include "scr/taxonomy.h"

namespace {

const scr::Taxonomy& shipped() {
  static const scr::Taxonomy t = scr::Taxonomy::load_default();
  return t;
}

const scr::ThemeTagger& tagger() {
  static const scr::ThemeTagger t(shipped());
  return t;
}

bool present(const std::string& text, const std::string& theme) {
  for (const auto& t : tagger().tag_text(text)) {
    if (t.id == theme) return t.present;
  }
  return false;
}

/// The theme has a counted mention in the text (what a sentence-level check asks), present or not.
bool counted(const std::string& text, const std::string& theme) {
  for (const auto& t : tagger().tag_text(text)) {
    if (t.id == theme) return t.mentions > 0;
  }
  return false;
}

}  // namespace

TEST_CASE("phrase matching: words folded, wildcards, longest match wins", "[tagger]") {
  scr::PhraseSet set;
  set.add("social care", 1);
  set.add("adult social care", 2);
  set.add("neglect*", 3);
  set.add("within * months", 4);
  auto words = scr::split_words("Adult Social Care and NEGLECTFUL care within six months; Anaïs");
  auto m = set.find(words);
  REQUIRE(m.size() == 3);
  CHECK(m[0].ids == std::vector<int>{2});
  CHECK(m[1].ids == std::vector<int>{3});
  CHECK(m[2].ids == std::vector<int>{4});
  CHECK(words.back().text == "anais");
  CHECK(scr::synonym_key("the missed health appointments") == scr::synonym_key("missed health appointment*"));
}

TEST_CASE("phrase matching: every phrase of the longest length, in the order added", "[tagger]") {
  // Exact phrases sit in a word trie and wildcard phrases in lists: a match merges both, in the
  // order the phrases were added (the tagger counts a theme's phrasing before its indicator).
  scr::PhraseSet set;
  set.add("not * before", 1);
  set.add("not seen before", 2);
  set.add("not seen before", 3);
  set.add("not seen", 4);
  set.add("seen*", 5);
  auto m = set.find(scr::split_words("He was not seen before noon, and seen again later."));
  REQUIRE(m.size() == 2);
  CHECK(m[0].ids == std::vector<int>{1, 2, 3});
  CHECK(m[0].last - m[0].first == 3);
  CHECK(m[1].ids == std::vector<int>{5});
  std::vector<int> ids;
  auto words = scr::split_words("noon");
  CHECK(set.longest_at(words, 0, &ids) == 0);
  CHECK(ids.empty());
}

TEST_CASE("phrase matching: typographic punctuation in uncleaned text ends a word and is skipped", "[tagger]") {
  // Text that did not go through the cleaner (a caller of tag_text, a catalogue field) may keep
  // curly apostrophes and dashes. They used to make an empty word that never moved on: the
  // split ran until memory was exhausted.
  auto words = scr::split_words("The mother\u2019s partner \u2013 never seen\u2014\u2019");
  std::vector<std::string> texts;
  for (const auto& w : words) texts.push_back(w.text);
  CHECK(texts == std::vector<std::string>{"the", "mother", "s", "partner", "never", "seen"});
  CHECK(words[2].begin == words[1].end + 3);  // offsets still point into the text given
  scr::ThemeTagger tagger(shipped());
  bool found = false;
  for (const auto& t : tagger.tag_text("The mother\u2019s boyfriend was never seen by anyone."))
    found = found || (t.id == "hidden-men" && t.mentions > 0);
  CHECK(found);
}

TEST_CASE("taxonomy: the shipped file loads, broken files name the line or the theme", "[tagger]") {
  CHECK(shipped().themes().size() >= 30);
  CHECK(shipped().groups().size() == 5);
  CHECK(shipped().find("domestic-abuse") != nullptr);
  CHECK_THAT(shipped().version(), Catch::Contains("/"));
  try {
    scr::Taxonomy::parse("{\n  \"version\": \"1\",\n  \"groups\": [,]\n}", "bad.json");
    FAIL("accepted a syntax error");
  } catch (const scr::Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("bad.json: line 3"));
  }
  std::string unknown_group = R"({"version": "1", "groups": [{"id": "g", "label": "G"}],
    "cues": {"negation_before": ["no"]},
    "themes": [{"id": "x", "label": "X", "group": "nope", "phrasings": ["x"]}]})";
  CHECK_THROWS_WITH(scr::Taxonomy::parse(unknown_group, "t.json"), Catch::Contains("theme \"x\": unknown group"));
  // A number too large for any type is valid syntax that the JSON parser refuses with another
  // exception type: it escaped as nlohmann's out_of_range, not scr::Error (found by fuzz_taxonomy).
  CHECK_THROWS_AS(scr::Taxonomy::parse("{\"version\": " + std::string(400, '9') + "}", "big.json"), scr::Error);
  CHECK_THROWS_WITH(scr::Taxonomy::parse("[1e99999]", "big.json"), Catch::Contains("big.json: not valid JSON"));
  // A key twice in one object is valid JSON whose first value the parser silently drops: the
  // shipped taxonomy held eight themes with "families" twice (2026-12-07).
  std::string twice = R"({"version": "1", "groups": [{"id": "g", "label": "G"}], "cues": {"negation_before": ["no"]},
    "themes": [{"id": "x", "label": "X", "group": "g", "phrasings": ["x"], "phrasings": ["y"]}]})";
  CHECK_THROWS_WITH(scr::Taxonomy::parse(twice, "t.json"),
                    Catch::Contains("t.json: \"phrasings\" twice in one object") && Catch::Contains("\"x\""));
  // A family's weight is a share of a phrasing's score.
  std::string heavy = R"({"version": "1", "groups": [{"id": "g", "label": "G"}], "cues": {"negation_before": ["no"]},
    "themes": [{"id": "x", "label": "X", "group": "g", "phrasings": ["x"],
                "families": [{"signs": ["a"], "with": ["b"], "weight": 2}]}]})";
  CHECK_THROWS_WITH(scr::Taxonomy::parse(heavy, "t.json"), Catch::Contains("\"weight\" must be above 0 and at most 1"));
  // A window or a scope is a whole number in range: 1e60 was converted to size_t, undefined
  // behaviour (found by fuzz_taxonomy, 2026-12-07); 2.5 was cut to 2 without a word.
  for (const char* window : {"22222222222222222222222222222222222222222222222222222222222223", "2.5", "0", "\"8\""}) {
    INFO(window);
    std::string wide = R"({"version": "1", "groups": [{"id": "g", "label": "G"}], "cues": {"negation_before": ["no"]},
      "themes": [{"id": "x", "label": "X", "group": "g", "phrasings": ["x"],
                  "families": [{"signs": ["a"], "with": ["b"], "window": )" + std::string(window) + "}]}]}";
    CHECK_THROWS_WITH(scr::Taxonomy::parse(wide, "t.json"), Catch::Contains("\"window\" must be a whole number from 1 to 40"));
  }
  CHECK_THROWS_WITH(scr::Taxonomy::parse(R"({"version": "1", "groups": [{"id": "g", "label": "G"}],
    "cues": {"negation_before": ["no"], "scope_words": 1e300}, "themes": []})", "t.json"),
                    Catch::Contains("\"scope_words\" must be a whole number from 1 to 30"));
}

TEST_CASE("tagger: affirmative mentions count, negated and hypothetical ones do not", "[tagger]") {
  CHECK(present("Police were called after a domestic violence incident at the home.", "domestic-abuse"));
  CHECK(present("The mother's partner was coercive and controlling.", "domestic-abuse"));
  CHECK_FALSE(present("There was no evidence of domestic abuse.", "domestic-abuse"));
  CHECK_FALSE(present("No concerns were raised about neglect at any point.", "neglect"));
  CHECK_FALSE(present("Domestic abuse was considered by the panel and ruled out.", "domestic-abuse"));
  CHECK_FALSE(present("Had there been domestic abuse, agencies would have acted.", "domestic-abuse"));
  CHECK_FALSE(present("4.11 Had neglect been known about, the response might have differed.", "neglect"));
  CHECK_FALSE(present("The panel considered whether neglect might have been present.", "neglect"));
  // A negation's scope ends at "but", and "no one" is not a negation.
  CHECK(present("There was no evidence of drug use, but domestic abuse was frequent.", "domestic-abuse"));
  CHECK(present("No one recognised the neglect.", "neglect"));
  // For practice themes, plain absence is the finding itself.
  CHECK(present("There was no strategy discussion.", "multi-agency-working"));
  CHECK_FALSE(present("There was no evidence of disguised compliance.", "disguised-compliance"));
}

TEST_CASE("tagger: evidence has the page and sentence, glossaries are not mentions", "[tagger]") {
  std::vector<std::string> pages = {
      "Contents\nGlossary 9",
      "Background\nThe family moved often. The health visitor noted signs of neglect in the home. Dr. Smith agreed.",
      "Glossary\nEHCP Education, Health and Care Plan\nCSE Child Sexual Exploitation",
  };
  auto tags = tagger().tag_pages(pages);
  bool neglect = false;
  for (const auto& t : tags) {
    CHECK(t.id != "sexual-exploitation");
    CHECK(t.id != "disability-send");
    if (t.id == "neglect") {
      neglect = true;
      REQUIRE(t.evidence.size() == 1);
      CHECK(t.evidence[0].page == 2);
      CHECK(t.evidence[0].sentence == "The health visitor noted signs of neglect in the home.");
    }
  }
  CHECK(neglect);
}

TEST_CASE("tagger: a sentence broken by a page break is read whole", "[tagger]") {
  auto tags = tagger().tag_pages({"Intro\nDomestic abuse was", "not a feature of this case."});
  for (const auto& t : tags) {
    if (t.id == "domestic-abuse") CHECK_FALSE(t.present);
  }
}

TEST_CASE("sentences: abbreviations do not end a sentence", "[tagger]") {
  std::string text = "See para. 4 for details. Dr. Jones, e.g. the GP, agreed.\nA new paragraph";
  auto s = scr::split_sentences(text);
  REQUIRE(s.size() == 3);
  CHECK(text.substr(s[0].first, s[0].second - s[0].first) == "See para. 4 for details.");
  CHECK(text.substr(s[2].first, s[2].second - s[2].first) == "A new paragraph");
}

namespace {
const scr::ThemeTag* tag_of(const std::vector<scr::ThemeTag>& tags, const std::string& id) {
  for (const auto& t : tags) {
    if (t.id == id) return &t;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("tagger: section roles from headings decide where mentions count", "[tagger][roles]") {
  // Terms of reference and recommendations name themes without stating them; the narrative
  // after a "Background" heading counts again.
  std::vector<std::string> pages = {
      "2. Terms of Reference\nThe review will consider how agencies responded to domestic abuse and neglect.\n"
      "3. Background\nPolice were called to the house after the father assaulted the mother.\n"
      "Recommendations\nThe partnership should review its neglect strategy.\n"
      "Contents\nNeglect 12\n"};
  auto tags = tagger().tag_pages(pages);
  const auto* da = tag_of(tags, "domestic-abuse");
  REQUIRE(da);
  CHECK(da->present);
  CHECK(da->cancelled >= 1);
  const auto* n = tag_of(tags, "neglect");
  REQUIRE(n);
  CHECK_FALSE(n->present);
  REQUIRE_FALSE(n->cancelled_evidence.empty());
  CHECK(n->cancelled_evidence[0].reason == "section");
}

TEST_CASE("tagger: a good practice section cancels practice themes only", "[tagger][roles]") {
  std::vector<std::string> pages = {
      "Good practice\nInformation sharing between the school and the GP was prompt.\n"
      "The health visitor noticed bruising and made a referral.\n"};
  auto tags = tagger().tag_pages(pages);
  const auto* is = tag_of(tags, "information-sharing");
  REQUIRE(is);
  CHECK_FALSE(is->present);
  CHECK(is->cancelled_evidence[0].reason == "praised");
}

TEST_CASE("tagger: questions, boilerplate and definitions are not mentions, each says why", "[tagger][roles]") {
  auto reason = [](const std::string& text, const std::string& theme) {
    for (const auto& t : tagger().tag_text(text)) {
      if (t.id == theme && !t.cancelled_evidence.empty()) return t.cancelled_evidence[0].reason;
    }
    return std::string("counted or absent");
  };
  CHECK(reason("Did practitioners recognise the neglect?", "neglect") == "question");
  CHECK(reason("A review is needed where abuse or neglect is known or suspected.", "neglect") == "boilerplate");
  CHECK(reason("Disguised compliance is a term used for parents who seem to engage.", "disguised-compliance") ==
        "definition");
  CHECK(reason("By fifteen he was drinking heavily with his friends at school.", "parental-substance-misuse") ==
        "child-only");
  CHECK(reason("The mother had been sexually abused as a child.", "sexual-abuse") == "historic");
  CHECK(reason("Her mother had herself spent her teenage years in foster care.", "looked-after") == "adult-history");
  CHECK(reason("As a boy the father was in foster care.", "looked-after") == "adult-history");
  CHECK(present("The girl had been in foster care since she was two.", "looked-after"));
  // Practice praised in plain words, with nothing said to have fallen short, is not a finding;
  // the same practice with a deficit is.
  CHECK(reason("Communication between the nursery and the GP was swift and clear.", "information-sharing") == "praised");
  CHECK(present("Communication between the nursery and the GP was not clear.", "information-sharing"));
  CHECK(present("The risk assessment was completed quickly but missed the father's history.", "risk-assessment"));
  // The same words stated about this family count.
  CHECK(present("The father was drinking heavily and the mother was using heroin.", "parental-substance-misuse"));
  CHECK(present("The neglect of the children went unrecognised for years.", "neglect"));
}

TEST_CASE("tagger: a parent's own suicide attempt is the parent's mental ill-health, not the child's self-harm", "[tagger][roles]") {
  auto cancelled_as = [](const std::string& text, const std::string& theme) {
    for (const auto& t : tagger().tag_text(text)) {
      if (t.id == theme && !t.cancelled_evidence.empty()) return t.cancelled_evidence[0].reason;
    }
    return std::string("not cancelled");
  };
  // The parent is the subject: cancelled for the child's theme, counted for the parent's.
  for (const char* s : {"The mother took an overdose of her prescribed tablets in March.",
                        "Her father had attempted suicide twice before the baby was born.",
                        "The stepfather, who had tried to take his own life the year before, was discharged.",
                        "The mother's suicide attempt was not shared with the school."}) {
    INFO(s);
    CHECK(cancelled_as(s, "suicide-self-harm") == "parent-own");
    CHECK_FALSE(present(s, "suicide-self-harm"));
    CHECK(present(s, "parental-mental-health"));
  }
  // A parent who reports, finds or hears of the child's self-harm is not its subject.
  for (const char* s : {"Child B told her mother that she had been cutting her arms.",
                        "The father found his son hanging in the garage.",
                        "Her mother said the girl had taken an overdose of paracetamol."}) {
    INFO(s);
    CHECK(counted(s, "suicide-self-harm"));
  }
  // Cutting herself is self-harm, not female genital mutilation.
  CHECK_FALSE(present("She had been cutting her arms for several months.", "fgm"));
  CHECK(present("The girl was at risk of being taken abroad for cutting.", "fgm"));
}

TEST_CASE("tagger: a procedure every review names counts only where something fell short", "[tagger][roles]") {
  auto reason = [](const std::string& text) {
    for (const auto& t : tagger().tag_text(text)) {
      if (t.id == "multi-agency-working" && !t.cancelled_evidence.empty()) return t.cancelled_evidence[0].reason;
    }
    return std::string("not cancelled");
  };
  CHECK(reason("A strategy discussion was held the same afternoon and an enquiry began.") == "procedure");
  CHECK(reason("The core group met monthly while the plan was in place.") == "procedure");
  CHECK(reason("The care co-ordinator visited the family every fortnight.") == "procedure");
  CHECK_FALSE(present("A strategy discussion was held the same afternoon and an enquiry began.", "multi-agency-working"));
  CHECK(present("No strategy discussion was held, although the threshold for one was met.", "multi-agency-working"));
  CHECK(present("The core group did not meet for three months after the conference.", "multi-agency-working"));
  CHECK(present("There was no lead professional to hold the plan together.", "multi-agency-working"));
  // The theme named for itself still counts without a deficit word (it is cancelled only by praise).
  CHECK(present("Multi-agency working in this case rested on one health visitor.", "multi-agency-working"));
}

TEST_CASE("tagger: a cue family (a sign and a companion in one sentence) counts a theme told, not named", "[tagger][roles]") {
  // Each is told through what happened, with no phrasing of the theme in it: a mention.
  CHECK(counted("The baby had a bruise on his cheek that nobody could explain.", "physical-abuse"));
  CHECK(counted("The GP did not know that the family had been referred to children's social care.", "information-sharing"));
  CHECK(counted("The girl missed three dental appointments and her teeth were never treated.", "was-not-brought"));
  // These families weigh 0.5: one sentence alone is not the theme (a sign beside its companion is
  // often ordinary life), two sentences are, and the same sentence printed twice is one.
  CHECK_FALSE(present("The baby had a bruise on his cheek that nobody could explain.", "physical-abuse"));
  CHECK(present("The baby had a bruise on his cheek that nobody could explain. A week later the child had "
                "bruises on both arms.", "physical-abuse"));
  CHECK_FALSE(present("The baby had a bruise on his cheek that nobody could explain.\n3.4 The baby had a bruise on "
                      "his cheek that nobody could explain.", "physical-abuse"));
  // Two signs in one sentence are still one sentence.
  CHECK_FALSE(present("The kitchen was infested and the bedroom had mouldy mattresses.", "neglect"));
  // A family that weighs 1 (bleeding at the back of the eyes) is the theme in one sentence.
  CHECK(present("The scan found bleeding at the back of both eyes.", "abusive-head-trauma"));
  // A sign without its companion, a companion in the next sentence, or a negated sign: no mention.
  CHECK_FALSE(present("The child was hungry after the long walk.", "neglect"));
  CHECK_FALSE(present("The father slept on the sofa. The baby was in her cot.", "unsafe-sleep"));
  CHECK_FALSE(present("The school nurse checked the child's hair for lice and found none.", "neglect"));
  // A name is not a sign ("Mark"), and a parent's own missed appointments are not the child's.
  CHECK_FALSE(present("The health visitor telephoned Mark to arrange a visit to the baby.", "physical-abuse"));
  CHECK_FALSE(present("The drug service closed the case after the mother missed three appointments.", "was-not-brought"));
}

TEST_CASE("tagger: control is of a partner, not of a fete's money", "[tagger][roles]") {
  // "controlled" beside a partner word counted half for domestic abuse, so a husband counting a
  // fete's money and a partner threatening the neighbours, two ordinary sentences, made the theme
  // (36 generated reports, taxonomy 2026.12.07.6). Control now needs what or whom it is over.
  CHECK_FALSE(present("Her husband controlled the money for the village fete and counted it twice. The uncle's "
                      "partner threatened to report the noisy neighbours to the council.", "domestic-abuse"));
  CHECK(present("Her partner controlled where she went and who she saw. He threatened to take the children.",
                "domestic-abuse"));
  CHECK(present("He went through her phone every night. Her partner stopped her seeing her sister.", "domestic-abuse"));
}

TEST_CASE("tagger: shaken of a baby is head trauma, shaken of a feeling is not", "[tagger][roles]") {
  // "was shaken" and "been shaken" were phrasings: any one sentence with them gave a report the
  // theme, and reviews say adults "were shaken" by news or an event. Now the word needs a baby,
  // violence or injuries beside it (a family that weighs 1), or a second mention.
  CHECK(present("The baby had been shaken by his father.", "abusive-head-trauma"));
  CHECK(present("Doctors concluded that the infant had been shaken.", "abusive-head-trauma"));
  CHECK(present("He later admitted that he had shaken her.", "abusive-head-trauma"));
  CHECK(present("The injuries were consistent with the child having been shaken.", "abusive-head-trauma"));
  CHECK_FALSE(present("The mother was shaken by the news of the referral.", "abusive-head-trauma"));
  CHECK_FALSE(present("The nursery manager had been shaken by the incident in the car park.", "abusive-head-trauma"));
  CHECK_FALSE(present("The boy was shaken awake by his brother at six.", "abusive-head-trauma"));
}

TEST_CASE("tagger: a boy working in a cannabis farm is trafficking, not a parent's drug use", "[tagger]") {
  // Before taxonomy 2026.12.08.3 "cannabis" alone counted here as parental substance misuse,
  // with no parent in the sentence, and trafficking was not counted at all.
  const std::string farm = "The boy was found working in a cannabis farm run by men he did not know.";
  CHECK_FALSE(counted(farm, "parental-substance-misuse"));
  CHECK(counted(farm, "trafficking"));
  CHECK(counted("The father grew cannabis in the loft and smoked it most evenings.", "parental-substance-misuse"));
}

TEST_CASE("tagger: glasses never replaced are neglect, glasses broken at sport are not", "[tagger]") {
  // A family of weight 0.5 since 2026.12.08.3: glasses or hearing aids left broken or lost for
  // months. "Broken" alone is no companion: a first version with it gave 38 generated reports
  // neglect, a netball accident meeting another near miss in the same report.
  CHECK(counted("The girl's glasses had been broken for months and no one had replaced them.", "neglect"));
  CHECK(counted("His hearing aids had been lost in the summer and were never replaced.", "neglect"));
  CHECK_FALSE(counted("Her glasses were broken at netball, and the optician replaced them the same week.", "neglect"));
}

TEST_CASE("tagger: a parent the report names once is the subject where only the name stands", "[tagger][parent-names]") {
  // Reviews introduce a parent once ("his mother, Helen,") and then use the name alone. Before
  // 2026.12.08.4 "Helen" was nobody in particular: her own childhood in care after domestic abuse
  // between her parents counted as domestic abuse in the child's life, and her overdose as the
  // child's self-harm. A childhood event ("taken into care at nine") is someone's own past only
  // when a parent opens the sentence; said of the child it still counts.
  const std::string cast = "Alfie lived with his mother, Helen, in a flat on the estate.\n";
  const std::string care = "Helen had been taken into care at nine after domestic abuse between her parents.";
  CHECK_FALSE(counted(cast + care, "domestic-abuse"));
  CHECK(counted(cast + care, "parental-adverse-childhood"));
  CHECK(counted(cast + "Helen took an overdose of her tablets in March.", "parental-mental-health"));
  CHECK_FALSE(counted(cast + "Helen took an overdose of her tablets in March.", "suicide-self-harm"));
  CHECK(counted(cast + "Alfie had been taken into care at nine after domestic abuse between his parents.", "domestic-abuse"));
  CHECK(counted(cast + "The mother had been taken into care at nine after domestic abuse between her parents.",
                "parental-adverse-childhood"));
}

TEST_CASE("tagger: an adult with a title is not the child", "[tagger][parent-names]") {
  // Reviews call parents "Ms P" and "Mr L"; children are never given a title. Before 2026.12.08.6
  // a titled adult was nobody in particular: her own childhood in foster care counted as this
  // child's being looked after, a teenage overdose years ago as self-harm, and a father's
  // psychiatric admission as no one's mental health.
  CHECK(counted("Mr L was admitted to a psychiatric ward after threatening to kill himself.", "parental-mental-health"));
  const std::string foster = "Ms P had experienced neglect as a child and had been in foster care herself.";
  CHECK_FALSE(counted(foster, "looked-after"));
  CHECK(counted(foster, "parental-adverse-childhood"));
  CHECK_FALSE(counted("Ms Z had taken an overdose as a teenager but had been well since.", "suicide-self-harm"));
  // "As a teenager" said of the child is her own present, not a parent's past.
  CHECK(counted("As a teenager, the girl began to cut her arms and took two overdoses.", "suicide-self-harm"));
}
