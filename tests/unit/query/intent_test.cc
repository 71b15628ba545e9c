// Reading what a query asks for (query/intent.h), on questions written the ways researchers ask
// them. The sentences are this project's own.
#include <catch2/catch.hpp>

#include "intent.h"

namespace {

const scr::IntentVocabulary& intents() {
  static const auto v = scr::IntentVocabulary::load_default();
  return v;
}
const scr::AgencyVocabulary& agencies() {
  static const auto v = scr::AgencyVocabulary::load_default();
  return v;
}
scr::QueryIntent read(const std::string& q) { return scr::interpret_query(q, intents(), agencies()); }
std::vector<std::string> agency_ids(const scr::QueryIntent& i) {
  std::vector<std::string> out;
  for (const auto& a : i.addressees) out.push_back(a.agency);
  return out;
}
using V = std::vector<std::string>;

}  // namespace

TEST_CASE("intent: questions about recommendations name the addressee and the subject", "[unit][query][intent]") {
  auto i = read("what was recommended to GPs about missed appointments");
  CHECK(i.recommendations);
  CHECK(agency_ids(i) == V{"gp"});
  CHECK(i.rest == "missed appointments");

  i = read("recommendations to housing providers");
  CHECK(i.recommendations);
  CHECK(agency_ids(i) == V{"housing"});
  CHECK(i.rest.empty());

  i = read("learning for midwives on perinatal mental health");
  CHECK(i.recommendations);
  CHECK(agency_ids(i) == V{"midwifery"});
  CHECK(i.rest == "perinatal mental health");

  i = read("police recommendations on domestic abuse");
  CHECK(agency_ids(i) == V{"police"});
  CHECK(i.rest == "domestic abuse");

  i = read("Which serious case reviews made recommendations for health visitors and schools regarding fathers");
  CHECK(agency_ids(i) == V{"health-visiting", "education"});
  CHECK(i.rest == "fathers");
}

TEST_CASE("intent: the subject keeps its own small words, fields and operators", "[unit][query][intent]") {
  // "were" and "to" inside the subject are part of a phrasing, not connectors of the question.
  auto i = read("recommendations about children who were not brought to appointments");
  CHECK(i.recommendations);
  CHECK(i.rest == "children who were not brought to appointments");

  i = read("recommendations to GPs region:London year:2015..2019");
  CHECK(agency_ids(i) == V{"gp"});
  CHECK(i.rest == "region:London year:2015..2019");

  i = read("recommendations to the police OR probation about \"risk assessment\"");
  CHECK(agency_ids(i) == V{"police", "probation"});
  CHECK(i.rest == "\"risk assessment\"");

  i = read("recommendations neglect NOT theme:sudi");
  CHECK(i.rest == "neglect NOT theme:sudi");
}

TEST_CASE("intent: queries that do not ask for recommendations are searched as written", "[unit][query][intent]") {
  // No cue: agencies and connectors alone do not make a question about recommendations.
  CHECK_FALSE(read("GP missed appointments").recommendations);
  CHECK_FALSE(read("mother with a learning disability").recommendations);
  CHECK_FALSE(read("information sharing between health and police").recommendations);
  // A cue in quotes or a field is a word to search for.
  CHECK_FALSE(read("\"recommendations were not implemented\"").recommendations);
  CHECK_FALSE(read("title:recommendations").recommendations);
  CHECK_FALSE(read("recommend* neglect").recommendations);  // a wildcard is a word search
  // A document type asked for outright is that search.
  CHECK_FALSE(read("type:recommendation agency:police").recommendations);
  CHECK_FALSE(read("recommendations type:report").recommendations);
}

TEST_CASE("intent: the vocabulary file is checked when read", "[unit][query][intent]") {
  CHECK_THROWS_WITH(scr::IntentVocabulary::parse("{\"connectors\": []}", "x.json"), Catch::Contains("x.json"));
  CHECK_THROWS_WITH(scr::IntentVocabulary::parse("{\"recommendation\": {\"cues\": [\"recommend*\"]},", "y.json"),
                    Catch::Contains("y.json"));
  auto v = scr::IntentVocabulary::parse(R"({"recommendation": {"cues": ["advice for"]}, "connectors": ["to"]})", "z.json");
  CHECK(v.is_connector("to"));
  CHECK_FALSE(v.is_connector("neglect"));
}
