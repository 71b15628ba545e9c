// The frames between the indexer and its workers: what one side writes, the other reads back,
// however the bytes arrive.
#include <catch2/catch.hpp>

#include "scr/error.h"
#include "worker_protocol.h"

namespace wp = scr::worker_protocol;

TEST_CASE("worker protocol: a request and a reply read back as written", "[worker]") {
  const scr::ExtractRequest request{"board/a report\n\"quoted\".pdf", std::string(64, 'f')};
  std::string line = wp::encode_request(request);
  REQUIRE(line.back() == '\n');
  line.pop_back();
  CHECK(line.find('\n') == std::string::npos);  // one line, whatever the file name holds
  const scr::ExtractRequest back = wp::decode_request(line);
  CHECK(back.path == request.path);
  CHECK(back.sha256 == request.sha256);
  CHECK_THROWS_AS(wp::decode_request("{\"path\": 1}"), scr::Error);
  CHECK_THROWS_AS(wp::decode_request("not json"), scr::Error);

  scr::AnalysedFile a;
  a.status = scr::ExtractStatus::kPartial;
  a.reason = "stopped at page 3";
  a.page_count = 3;
  a.text_document = std::string("SCR 1 2\n\0binary", 15);  // bytes that look like a header
  const std::string reply = wp::encode_reply(a);
  // Two replies back to back, arriving a byte at a time: each is taken whole, once.
  const std::string stream = reply + reply;
  std::string buffer, json_part, binary_part;
  int taken = 0;
  for (char c : stream) {
    buffer += c;
    while (wp::take_reply(buffer, json_part, binary_part)) {
      ++taken;
      CHECK(binary_part == a.text_document);
      const scr::AnalysedFile got = scr::decode_analysis(json_part);
      CHECK(got.status == a.status);
      CHECK(got.reason == a.reason);
      CHECK(got.page_count == 3);
    }
  }
  CHECK(taken == 2);
  CHECK(buffer.empty());
}

TEST_CASE("worker protocol: bytes that are not a frame are refused, not waited on", "[worker]") {
  std::string json_part, binary_part;
  for (std::string bad : {"SCR x 1\n", "SCR 1\n", "SCR 1 2 3\n", "SCR -1 2\n", "HELLO 1 2\n", "Warning: poppler said\n",
                          "SCR 99999999999999999999999 1\n"}) {
    INFO(bad);
    CHECK_THROWS_AS(wp::take_reply(bad, json_part, binary_part), scr::Error);
  }
  // A header still arriving is waited on; stray output without a line break is refused.
  std::string partial = "SC";
  CHECK_FALSE(wp::take_reply(partial, json_part, binary_part));
  std::string stray = "poppler";
  CHECK_THROWS_AS(wp::take_reply(stray, json_part, binary_part), scr::Error);
  std::string body_short = "SCR 10 0\n{}";
  CHECK_FALSE(wp::take_reply(body_short, json_part, binary_part));
}
