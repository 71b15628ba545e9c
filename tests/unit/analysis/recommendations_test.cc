#include <catch2/catch.hpp>

#include "recommendations.h"
#include "scr/agencies.h"
#include "scr/tagger.h"

namespace {

std::vector<scr::Recommendation> find(const std::vector<std::string>& pages) {
  static const scr::Taxonomy taxonomy = scr::Taxonomy::load_default();
  static const scr::ThemeTagger tagger(taxonomy);
  static const scr::AgencyVocabulary agencies = scr::AgencyVocabulary::load_default();
  return scr::find_recommendations(pages, agencies, tagger);
}

}  // namespace

TEST_CASE("recommendations: numbered styles, contents skipped, addressees and clarity", "[recommendations]") {
  auto recs = find({
      "Contents\n7 Recommendations 12\n8 Conclusion 13",
      "7 Recommendations\nThe review makes the following recommendations.\n"
      "R1 The Police should share domestic abuse notifications with schools within 24 hours.\n"
      "R2 It is recommended that the Safeguarding Partnership review its escalation policy, including:\n"
      "a) publish a summary for practitioners;\nb) audit its use in twelve months.\n"
      "R3Children's Social Care must ensure that the child is",
      "seen alone at every visit.\n8 Conclusion\nThe review ends here.",
  });
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].label == "R1");
  CHECK(recs[0].page == 2);
  CHECK(recs[0].agencies == std::vector<std::string>{"police"});
  CHECK(recs[0].time_frame);
  CHECK(recs[0].clarity() == "clear");
  CHECK(recs[1].agencies == std::vector<std::string>{"board"});
  CHECK_THAT(recs[1].text, Catch::EndsWith("b) audit its use in twelve months."));
  CHECK(recs[2].text == "Children's Social Care must ensure that the child is seen alone at every visit.");
  CHECK(recs[2].agencies == std::vector<std::string>{"social-care"});
  CHECK(recs[2].clarity() == "unclear");  // no time frame, no measure
}

TEST_CASE("recommendations: a table's lead-agency column is the addressee, not the text", "[recommendations]") {
  auto recs = find({"Recommendations\nNo. Recommendation Lead agency\n"
                    "1 Audit the quality of child protection plans. The Health Visiting Service and\nChildren's Services\n"
                    "2 Relaunch the bruising protocol. Ofsted 3 Review the threshold document.\nCAMHS\nGlossary\nGP General Practitioner"});
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].text == "Audit the quality of child protection plans.");
  CHECK(recs[0].agencies == std::vector<std::string>{"health-visiting", "social-care"});
  CHECK(recs[1].text == "Relaunch the bruising protocol.");
  CHECK(recs[1].agencies == std::vector<std::string>{"ofsted"});
  CHECK(recs[2].agencies == std::vector<std::string>{"camhs"});
}

TEST_CASE("findings: SCIE findings with their questions for the board", "[recommendations]") {
  auto recs = find({"Findings\nFinding 1: Professionals do not always recognise neglect\nText of the finding.\n"
                    "Questions for the Board\n\u2022 How can the Board be assured?\n\u2022 What support do staff need?\n"
                    "Finding 2: Practice is inconsistent\nMore text."});
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].kind == "finding");
  CHECK(recs[0].text == "Professionals do not always recognise neglect");
  CHECK(recs[0].questions.size() == 2);
  CHECK(recs[0].themes == std::vector<std::string>{"neglect"});
  CHECK(recs[1].number == "2");
}
