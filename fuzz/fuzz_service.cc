// The HTTP API without sockets: arbitrary requests to scr-searchd's Service over a small index
// built at start-up (tests/support/tiny_index.h: three reports, their recommendations, a text
// cache for snippets). The input picks the route (first byte), then holds "name=value" lines as
// decoded query parameters; the path's id segment comes from a parameter "id". Every answer must
// be a response: a status from 200 to 599 with a body, never an exception, a crash or a hang.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "service.h"
#include "tiny_index.h"

namespace {

namespace fs = std::filesystem;

struct Fixture {
  std::string index;
  std::unique_ptr<scr::searchd::Service> service;
};

Fixture& fixture() {
  static Fixture f = [] {
    Fixture x;
    x.index = (fs::temp_directory_path() / ("scr-fuzz-service-" + std::to_string(getpid()))).string();
    scr::testing::write_tiny_index(x.index);
    scr::searchd::ServiceOptions options;
    options.index = x.index;
    options.searchers = 1;
    x.service = std::make_unique<scr::searchd::Service>(options);
    return x;
  }();
  return f;
}

const std::vector<std::string>& routes() {
  static const std::vector<std::string> r = {
      "/api/v1/search",          "/api/v1/recommendations",      "/api/v1/trends",          "/api/v1/coverage",
      "/api/v1/reports/{id}",    "/api/v1/reports/{id}/similar", "/api/v1/reports/{id}/pdf", "/api/v1/feed.atom",
      "/api/v1/vocabulary",      "/healthz",                     "/readyz",                  "/metrics",
      "/{id}"};
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Fixture& f = fixture();
  if (size == 0) return 0;
  scr::searchd::Request request;
  std::string route = routes()[data[0] % routes().size()];
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string id = "r0" + std::string(15, 'a');
  for (const auto& line : scr::fuzz::split(input, '\n')) {
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string name = line.substr(0, eq), value = line.substr(eq + 1);
    if (name == "id") id = value;
    else request.params.emplace(name, value);
  }
  if (size_t at = route.find("{id}"); at != std::string::npos) route.replace(at, 4, id);
  request.path = route;
  scr::searchd::Response response = f.service->handle(request);
  if (response.status < 200 || response.status > 599) std::abort();
  if (response.body.empty() && !response.file && response.status != 204 && response.status != 304) std::abort();
  return 0;
}
