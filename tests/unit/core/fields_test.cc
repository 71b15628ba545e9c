// The field table: each field once, and every layer reading it (query syntax, facets, trend
// dimensions, the canonical term values).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "query_builder.h"
#include "scr/agencies.h"
#include "scr/error.h"
#include "scr/fields.h"
#include "scr/schema.h"
#include "scr/taxonomy.h"
#include "scr/trends.h"
#include "facets.h"
#include "trend_counter.h"

TEST_CASE("fields: names, aliases and prefixes are each used once", "[fields]") {
  std::set<std::string_view> names, prefixes;
  for (const auto& f : scr::fields()) {
    INFO(f.name);
    CHECK(names.insert(f.name).second);
    if (!f.alias.empty()) CHECK(names.insert(f.alias).second);
    CHECK(prefixes.insert(f.prefix).second);
    CHECK_FALSE(f.label.empty());
    CHECK(scr::find_field(f.name) == &f);
    if (!f.alias.empty()) CHECK(scr::find_field(f.alias) == &f);
  }
  CHECK(scr::find_field("nonsense") == nullptr);
  CHECK(scr::find_field("") == nullptr);
  // The facet and filter names the HTTP API documents.
  for (const char* facet : {"year", "board", "region", "status", "type", "review_type", "outcome", "age", "sex", "theme",
                            "agency", "era", "keyword", "clarity", "implementation", "incident_year"}) {
    INFO(facet);
    CHECK(scr::known_facet(facet));
  }
  CHECK_FALSE(scr::known_facet("id"));  // a filter, not something to count
}

TEST_CASE("fields: the query syntax takes every filter field and its alias, and nothing else", "[fields]") {
  for (const auto& f : scr::fields()) {
    INFO(f.name);
    CHECK(scr::is_filter_field(f.name) == (f.filter || f.name == "year"));
    if (!f.alias.empty()) CHECK(scr::is_filter_field(f.alias) == f.filter);
  }
  CHECK_FALSE(scr::is_filter_field("nonsense"));
  CHECK_FALSE(scr::is_filter_field("title"));  // a free-text field, searched as words
}

TEST_CASE("fields: a recommendation's own fields are filters its report does not give", "[fields]") {
  std::set<std::string_view> own;
  for (const auto& f : scr::fields()) {
    INFO(f.name);
    if (!f.recommendation_own) continue;
    own.insert(f.name);
    CHECK(f.filter);
    CHECK(f.from_report == nullptr);  // a report's terms are inherited, so they cannot be the recommendation's own
  }
  CHECK(own == std::set<std::string_view>{"agency", "clarity", "implementation"});
}

TEST_CASE("fields: every trend dimension has a spec, an unknown one is named with the list", "[fields]") {
  const auto taxonomy = scr::Taxonomy::load_default();
  const auto agencies = scr::AgencyVocabulary::load_default();
  const auto boards = scr::BoardRegistry::load_default();
  const auto& dims = scr::trend_dimensions();
  CHECK(std::count(dims.begin(), dims.end(), "theme-group") == 1);
  CHECK(std::count(dims.begin(), dims.end(), "agency-group") == 1);
  for (const auto& d : dims) {
    INFO(d);
    scr::DimensionSpec spec = scr::dimension_spec(d, taxonomy, agencies, boards);
    CHECK_FALSE(spec.prefix.empty());
    // Zero-filled columns: every dimension but the open one (catalogue keywords) has an order.
    if (d != "keyword") CHECK_FALSE(spec.order.empty());
  }
  CHECK(scr::dimension_spec("review_type", taxonomy, agencies, boards).prefix == scr::schema::kPrefixReviewType);
  try {
    scr::dimension_spec("type", taxonomy, agencies, boards);  // a facet, not a dimension
    FAIL("no error");
  } catch (const scr::Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("unknown trend dimension \"type\"") && Catch::Contains("theme-group"));
  }
}

TEST_CASE("fields: a user's value becomes the term value the index holds", "[fields]") {
  const auto boards = scr::BoardRegistry::load_default();
  for (const char* youngest : {"<1", "under 1", "Under-1", "infant", "0"}) {
    CHECK(scr::field_term_value("age", youngest, boards) == "under-1");
  }
  CHECK(scr::field_term_value("age", "1-5", boards) == "1-5");
  CHECK(scr::field_term_value("review", "Serious Case Review", boards) == "scr");
  CHECK(scr::field_term_value("review_type", "Child Safeguarding Practice Review", boards) == "cspr");
  CHECK(scr::field_term_value("type", "LCSPR", boards) == "cspr");
  CHECK(scr::field_term_value("id", "rABCdef", boards) == "rABCdef");  // ids keep their case
  CHECK(scr::field_term_value("theme", "Domestic Abuse", boards) == scr::schema::term_value("Domestic Abuse"));
}
