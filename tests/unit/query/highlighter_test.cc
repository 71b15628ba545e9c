// The snippet highlighter on passages written for the test: what it marks, what it leaves, where
// it cuts.
#include <catch2/catch.hpp>

#include "highlighter.h"

namespace {

const Xapian::Stem& stemmer() {
  static const Xapian::Stem stem("en");
  return stem;
}

std::string snippet(const Xapian::Query& q, const std::string& text, size_t bytes = 300) {
  scr::Highlighter h(scr::HighlightTerms::from_query(q), stemmer());
  return h.snippet(text, bytes);
}

Xapian::Query phrase(std::initializer_list<std::string> words) {
  std::vector<Xapian::Query> parts;
  for (const auto& w : words) parts.emplace_back(w);
  return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), static_cast<Xapian::termcount>(parts.size()));
}

}  // namespace

TEST_CASE("highlighter: stemmed words match every form, unstemmed only themselves", "[highlighter]") {
  const std::string text = "The baby was neglected. Neglect of the baby's needs went on. A neglectful parent.";
  CHECK(snippet(Xapian::Query("Zneglect"), text) ==
        "The baby was <mark>neglected</mark>. <mark>Neglect</mark> of the baby's needs went on. A <mark>neglectful</mark> parent.");
  CHECK(snippet(Xapian::Query("neglect"), text) ==
        "The baby was neglected. <mark>Neglect</mark> of the baby's needs went on. A neglectful parent.");
  // A possessive is one word whose stem is the noun's.
  CHECK(snippet(Xapian::Query("Zbabi"), text) ==
        "The <mark>baby</mark> was neglected. Neglect of the <mark>baby's</mark> needs went on. A neglectful parent.");
  CHECK(snippet(Xapian::Query("Zhousing"), text).empty());
}

TEST_CASE("highlighter: a phrase is marked only where it stands whole, in one mark", "[highlighter]") {
  const Xapian::Query q = phrase({"disguised", "compliance"});
  CHECK(snippet(q, "Her compliance was real. Later the panel saw disguised compliance in the visits.") ==
        "Her compliance was real. Later the panel saw <mark>disguised compliance</mark> in the visits.");
  CHECK(snippet(q, "Her compliance was real; nothing was disguised.").empty());
  // A hyphenated word is a phrase of its parts.
  CHECK(snippet(phrase({"co", "sleeping"}), "There was no evidence of co-sleeping that night.") ==
        "There was no evidence of <mark>co-sleeping</mark> that night.");
}

TEST_CASE("highlighter: wildcards match the words they start, NOT and filter terms are never marked", "[highlighter]") {
  const std::string text = "Neglectful care and neglect were seen by the housing officer and the police.";
  CHECK(snippet(Xapian::Query(Xapian::Query::OP_WILDCARD, "neglec"), text) ==
        "<mark>Neglectful</mark> care and <mark>neglect</mark> were seen by the housing officer and the police.");
  const Xapian::Query not_police(Xapian::Query::OP_AND_NOT, Xapian::Query("Zhous"), Xapian::Query("Zpolic"));
  CHECK(snippet(not_police, text) == "Neglectful care and neglect were seen by the <mark>housing</mark> officer and the police.");
  const Xapian::Query filtered(Xapian::Query::OP_FILTER, Xapian::Query("Zpolic"), Xapian::Query("XTHEMEneglect"));
  CHECK(snippet(filtered, text) == "Neglectful care and neglect were seen by the housing officer and the <mark>police</mark>.");
}

TEST_CASE("highlighter: the passage with the most distinct terms, cut at words, with ellipses", "[highlighter]") {
  std::string filler;
  for (int i = 0; i < 30; ++i) filler += "The family moved house again in the spring. ";
  const std::string text = filler + "The health visitor raised neglect once. " + filler +
                           "The school saw neglect and the GP saw bruising on the same day. " + filler;
  const Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("Zneglect"), Xapian::Query("Zbruis"));
  const std::string s = snippet(q, text, 200);
  CHECK(s.find("<mark>neglect</mark> and the GP saw <mark>bruising</mark>") != std::string::npos);
  CHECK(s.rfind("\u2026", 0) == 0);                      // starts inside the text
  CHECK(s.size() >= 6);
  CHECK(s.substr(s.size() - 3) == "\u2026");            // and ends inside it
  CHECK(s.find("The school saw") != std::string::npos);  // from the sentence's start
  // No word is cut: every space-separated piece of the passage is a whole word of the text.
  std::string plain = s.substr(3, s.size() - 6);
  for (const auto* tag : {"<mark>", "</mark>"}) {
    for (size_t at; (at = plain.find(tag)) != std::string::npos;) plain.erase(at, std::string(tag).size());
  }
  CHECK(text.find(plain) != std::string::npos);
  CHECK(plain.size() <= 200 + 20);
}

TEST_CASE("highlighter: markup in the text is escaped, non-ASCII words fold and match", "[highlighter]") {
  CHECK(snippet(Xapian::Query("Zrisk"), "<b>Risk</b> & \"harm\"") == "&lt;b&gt;<mark>Risk</mark>&lt;/b&gt; &amp; \"harm\"");
  CHECK(snippet(Xapian::Query("café"), "They met in the CAFÉ on Tuesday.") == "They met in the <mark>CAFÉ</mark> on Tuesday.");
  CHECK(snippet(Xapian::Query("Zmother"), "The mother’s partner left.") == "The <mark>mother’s</mark> partner left.");
  CHECK(snippet(Xapian::Query("Zmother"), "").empty());
}

TEST_CASE("highlighter: words that switch between ASCII and other letters are one word", "[highlighter]") {
  // The tokeniser reads ASCII runs a run at a time: a word must not end where its letters change.
  CHECK(snippet(Xapian::Query("naïve"), "A NAÏVE view.") == "A <mark>NAÏVE</mark> view.");
  CHECK(snippet(Xapian::Query("zoë2"), "Zoë2, and Zoë.") == "<mark>Zoë2</mark>, and Zoë.");
  CHECK(snippet(Xapian::Query("Zneglect"), "NEGLECTED(neglect)x") == "<mark>NEGLECTED</mark>(<mark>neglect</mark>)x");
  CHECK(snippet(Xapian::Query("nai"), "A naïve view.").empty());
  CHECK(snippet(Xapian::Query("ve"), "A naïve view.").empty());
}
