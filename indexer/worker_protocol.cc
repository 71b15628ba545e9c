#include "worker_protocol.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "scr/error.h"

namespace scr::worker_protocol {

std::string encode_request(const ExtractRequest& request) {
  nlohmann::json j = {{"path", request.path}, {"sha256", request.sha256}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ExtractRequest decode_request(const std::string& line) {
  try {
    auto j = nlohmann::json::parse(line);
    return {j.at("path").get<std::string>(), j.at("sha256").get<std::string>()};
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("worker protocol: bad request: ") + e.what());
  }
}

std::string encode_reply(const AnalysedFile& analysis) {
  const std::string payload = encode_analysis(analysis);
  return "SCR " + std::to_string(payload.size()) + " " + std::to_string(analysis.text_document.size()) + "\n" +
         payload + analysis.text_document;
}

namespace {

constexpr size_t kMaxHeaderBytes = 64;

// A decimal length followed by `end`, from `text` at `at`; advances `at` past `end`.
bool read_length(const std::string& text, size_t& at, char end, size_t& out) {
  const char* first = text.data() + at;
  const char* last = text.data() + text.size();
  auto [stop, ec] = std::from_chars(first, last, out);
  if (ec != std::errc() || stop == first || stop == last || *stop != end) return false;
  at = static_cast<size_t>(stop - text.data()) + 1;
  return true;
}

}  // namespace

bool take_reply(std::string& buffer, std::string& json_part, std::string& binary_part) {
  const size_t nl = buffer.find('\n');
  if (nl == std::string::npos) {
    // A header is a few dozen bytes and starts "SCR ": anything else is not a reply.
    const size_t n = std::min<size_t>(buffer.size(), 4);
    if (buffer.size() > kMaxHeaderBytes || buffer.compare(0, n, "SCR ", n) != 0) {
      throw Error("worker protocol: bad frame header");
    }
    return false;
  }
  size_t at = 4, json_len = 0, bin_len = 0;
  if (buffer.compare(0, 4, "SCR ") != 0 || !read_length(buffer, at, ' ', json_len) ||
      !read_length(buffer, at, '\n', bin_len) || at != nl + 1) {
    throw Error("worker protocol: bad frame header");
  }
  if (json_len > buffer.max_size() - bin_len || buffer.size() - (nl + 1) < json_len + bin_len) return false;
  json_part = buffer.substr(nl + 1, json_len);
  binary_part = buffer.substr(nl + 1 + json_len, bin_len);
  buffer.erase(0, nl + 1 + json_len + bin_len);
  return true;
}

}  // namespace scr::worker_protocol
