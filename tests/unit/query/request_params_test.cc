// RequestParams: the one parser of request text shared by scr-query and scr-searchd.
#include <catch2/catch.hpp>

#include "scr/request_params.h"

namespace {
using P = std::multimap<std::string, std::string>;
using V = std::vector<std::string>;

std::string error_of(const scr::RequestParams& r) {
  try {
    r.search();
  } catch (const scr::ParamError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("request params: a search request from text", "[unit][query][params]") {
  scr::RequestParams r(P{{"q", "neglect"}, {"board", "Kent, Medway"}, {"board", "Essex"}, {"theme", "neglect,unsafe-sleep"},
                         {"region", "London"}, {"year", "2011..2014"}, {"limit", "25"}, {"offset", "50"},
                         {"sort", "indexed"}, {"facets", "year,theme"}, {"snippets", "no"}, {"snippets_per_hit", "4"},
                         {"synonyms", "0"}, {"literal", "on"}});
  auto s = r.search();
  CHECK(s.query == "neglect");
  CHECK(s.filters.of("board") == V{"Kent, Medway", "Essex"});  // a board name may hold a comma
  CHECK(s.filters.of("theme") == V{"neglect", "unsafe-sleep"});
  CHECK(s.filters.of("region") == V{"London"});
  CHECK(s.filters.year_from == 2011);
  CHECK(s.filters.year_to == 2014);
  CHECK(s.limit == 25);
  CHECK(s.offset == 50);
  CHECK(s.sort == scr::SortOrder::kRecentlyIndexed);
  CHECK(s.facets == V{"year", "theme"});
  CHECK_FALSE(s.snippets);
  CHECK(s.snippets_per_hit == 4);
  CHECK_FALSE(s.expand_synonyms);
  CHECK(s.literal);

  auto d = scr::RequestParams(P{}).search();
  CHECK(d.query.empty());
  CHECK(d.limit == 10);
  CHECK(d.sort == scr::SortOrder::kRelevance);
  CHECK(d.snippets);
  CHECK(d.expand_synonyms);
  CHECK_FALSE(d.filters.year_from);
  CHECK(scr::RequestParams(P{{"year", "2016"}}).search().filters.year_to == 2016);
}

TEST_CASE("request params: values that cannot be used are refused, naming the parameter", "[unit][query][params]") {
  CHECK(error_of(scr::RequestParams(P{{"limit", "ten"}})) == "limit must be a whole number, not \"ten\"");
  CHECK(error_of(scr::RequestParams(P{{"limit", "-5"}})) == "limit must be a whole number, not \"-5\"");
  CHECK(error_of(scr::RequestParams(P{{"limit", "101"}})) == "limit is at most 100");
  CHECK(error_of(scr::RequestParams(P{{"snippets_per_hit", "6"}})) == "snippets_per_hit is at most 5");
  CHECK(error_of(scr::RequestParams(P{{"offset", "100001"}})) == "offset is at most 100000");
  CHECK(error_of(scr::RequestParams(P{{"sort", "best"}})) ==
        "sort is relevance, newest, oldest or indexed, not \"best\"");
  CHECK(error_of(scr::RequestParams(P{{"snippets", "maybe"}})) == "snippets is true or false, not \"maybe\"");
  CHECK_THAT(error_of(scr::RequestParams(P{{"year", "2011..20x4"}})), Catch::StartsWith("year: "));
  CHECK_THAT(error_of(scr::RequestParams(P{{"q", std::string(2001, 'a')}})),
             Catch::Contains("q is too long (2001 bytes; at most 2000)"));
  // A server's own lower limits hold, and its messages say them.
  scr::RequestParams strict(P{{"q", "abcdef"}, {"limit", "20"}}, scr::RequestLimits{5, 10});
  CHECK(error_of(strict) == "q is too long (6 bytes; at most 5)");
  CHECK(error_of(scr::RequestParams(P{{"limit", "20"}}, scr::RequestLimits{2000, 10})) == "limit is at most 10");
  CHECK(scr::RequestParams(P{}, scr::RequestLimits{2000, 5}).search().limit == 5);  // the default fits the limit
}

TEST_CASE("request params: labels spell a parameter as the command line does", "[unit][query][params]") {
  scr::RequestParams r(P{{"year", "soon"}}, {}, {{"year", "--years"}});
  CHECK_THAT(error_of(r), Catch::StartsWith("--years: "));
  scr::RequestParams n(P{{"snippets_per_hit", "9"}}, {}, {{"snippets_per_hit", "--snippets"}});
  CHECK(error_of(n) == "--snippets is at most 5");
}

TEST_CASE("request params: trends and coverage requests", "[unit][query][params]") {
  auto t = scr::RequestParams(P{{"q", "neglect"}, {"columns", "agency"}, {"cross", "sex"}, {"unit", "recommendations"},
                                {"by", "incident-year"}, {"per", "2011-2014,2014-2017"}, {"suppress", "5"}})
               .trends();
  CHECK(t.query == "neglect");
  CHECK(t.dimension == "agency");
  CHECK(t.cross == "sex");
  CHECK(t.unit == "recommendations");
  CHECK(t.year == "incident");
  REQUIRE(t.periods.size() == 2);
  CHECK(t.periods[1].from == 2014);
  CHECK(t.suppress_below == 5);
  CHECK(scr::RequestParams(P{{"dimension", "region"}}).trends().dimension == "region");  // the older name
  CHECK(scr::RequestParams(P{}).trends().year == "publication");

  auto trend_error = [](P p) {
    try {
      scr::RequestParams(std::move(p)).trends();
    } catch (const scr::ParamError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(trend_error(P{{"by", "decade"}}) == "by is year or incident-year, not \"decade\"");
  CHECK(trend_error(P{{"suppress", "1001"}}) == "suppress is at most 1000");
  CHECK_THAT(trend_error(P{{"per", "later"}}), Catch::StartsWith("per: "));

  auto c = scr::RequestParams(P{{"period", "2015..2017"}, {"boards", "seen"}}).coverage();
  CHECK(c.period.from == 2015);
  CHECK(c.period.to == 2017);
  CHECK(c.boards == "seen");
  CHECK_THROWS_WITH(scr::RequestParams(P{}).coverage(), "period is required, e.g. 2015..2017");
  CHECK_THROWS_WITH(scr::RequestParams(P{{"period", "2015"}, {"boards", "some"}}).coverage(),
                    "boards is all or seen, not \"some\"");
}

TEST_CASE("request params: a server's limits may not exceed the query library's", "[unit][query][params]") {
  CHECK_NOTHROW(scr::RequestLimits{}.check());
  CHECK_NOTHROW(scr::RequestLimits{100, 20}.check());
  CHECK_THROWS_AS((scr::RequestLimits{4000, 100}.check()), scr::Error);
  CHECK_THROWS_AS((scr::RequestLimits{2000, 500}.check()), scr::Error);
}

TEST_CASE("request params: every filter field of the table is read, under its name or alias", "[unit][query][params]") {
  auto f = scr::RequestParams(P{{"sex", "female"}, {"era", "wt2018,wt2023"}, {"incident_year", "2015"}, {"review_type", "scr"},
                                {"review", "cspr"}, {"clarity", "unclear"}, {"report", "r01"}, {"keyword", ""}})
               .filters();
  CHECK(f.of("sex") == V{"female"});
  CHECK(f.of("era") == V{"wt2018", "wt2023"});
  CHECK(f.of("incident") == V{"2015"});      // its alias incident_year
  CHECK(f.of("review_type") == V{"cspr", "scr"});  // both names read as one field, the name first
  CHECK(f.of("clarity") == V{"unclear"});
  CHECK(f.of("report") == V{"r01"});
  CHECK(f.of("keyword").empty());            // an empty value is no value
  CHECK(f.by_field().count("review_type") == 0);
  // A name no filter field has is a programming error, not a filter silently dropped.
  CHECK_THROWS_AS(f.of("sexx"), std::invalid_argument);
  CHECK_THROWS_AS(f.of("year"), std::invalid_argument);  // a range: year_from, year_to
}
