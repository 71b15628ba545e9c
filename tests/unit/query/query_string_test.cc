#include <catch2/catch.hpp>

#include "query_string.h"

namespace {
bool field(std::string_view f) { return f == "region" || f == "year" || f == "board" || f == "theme"; }
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("query string: top-level tokens keep phrases and brackets whole", "[unit][query]") {
  CHECK(scr::split_top_level("a  \"b c\" (d OR e) title:\"f g\" -(h i)") ==
        V{"a", "\"b c\"", "(d OR e)", "title:\"f g\"", "-(h i)"});
  CHECK(scr::split_top_level("\"unclosed phrase") == V{"\"unclosed phrase"});
  CHECK(scr::split_top_level("") == V{});
}

TEST_CASE("query string: top-level filters are taken out wherever they stand", "[unit][query]") {
  auto s = scr::split_filters("neglect year:2009..2013", field);
  CHECK(s.text == V{"neglect"});
  CHECK(s.filters == V{"year:2009..2013"});

  s = scr::split_filters("Region:London \"domestic abuse\" OR neglect board:leeds", field);
  CHECK(s.text == V{"\"domestic abuse\"", "OR", "neglect"});
  CHECK(s.filters == V{"region:London", "board:leeds"});

  s = scr::split_filters("board:a OR board:b neglect", field);
  CHECK(s.filters == V{"board:a OR board:b"});
  CHECK(s.text == V{"neglect"});
}

TEST_CASE("query string: NOT and minus exclude, AND beside a filter is dropped", "[unit][query]") {
  auto s = scr::split_filters("neglect -region:london", field);
  CHECK(s.exclusions == V{"region:london"});
  s = scr::split_filters("neglect AND NOT region:london", field);
  CHECK(s.exclusions == V{"region:london"});
  CHECK(s.text == V{"neglect"});
  s = scr::split_filters("region:london AND neglect", field);
  CHECK(s.filters == V{"region:london"});
  CHECK(s.text == V{"neglect"});
}

TEST_CASE("query string: a filter ORed with text, one in brackets, or an unknown field stays text", "[unit][query]") {
  auto s = scr::split_filters("neglect OR board:leeds", field);
  CHECK(s.filters.empty());
  CHECK(s.text == V{"neglect", "OR", "board:leeds"});
  s = scr::split_filters("(neglect board:leeds) OR abuse", field);
  CHECK(s.filters.empty());
  s = scr::split_filters("title:overview colour:red", field);
  CHECK(s.filters.empty());
  CHECK(s.text == V{"title:overview", "colour:red"});
}
