// The worker pool's promise: a file that crashes or hangs its worker costs that file, not the run.
// A shell script stands in for the worker, so the test needs no PDF that really crashes poppler.
#include <catch2/catch.hpp>
#include <map>

#include "extract_pool.h"
#include "scr/error.h"

using namespace scr;

namespace {

PoolOptions fake_worker(const std::string& script) {
  PoolOptions o;
  o.worker_exe = "/bin/sh";
  o.worker_args = {"-c", script};
  o.workers = 2;
  o.timeout = std::chrono::milliseconds(700);
  o.memory_limit_mb = 0;
  return o;
}

// Answers each request with a minimal valid frame, except for paths naming a failure.
const char* kScript = R"(
while read -r line; do
  case "$line" in
    *crash*) kill -SEGV $$ ;;
    *hang*) sleep 30 ;;
    *) body='{"status":"ok","reason":"","page_count":1,"pages":[],"ocr_pages":[],"furniture":[],"info":{"title":"","author":"","subject":"","keywords":"","creator":"","producer":""},"meta":{}}'
       printf 'SCR %d 0\n%s' "${#body}" "$body" ;;
  esac
done
)";

}  // namespace

TEST_CASE("extract pool: a crash or a hang costs one file, the others are read", "[indexer][pool]") {
  std::vector<ExtractRequest> reqs = {{"a.pdf", ""}, {"crash.pdf", ""}, {"b.pdf", ""}, {"hang.pdf", ""}, {"c.pdf", ""}};
  std::map<std::string, AnalysedFile> got;
  std::atomic<bool> stop{false};
  size_t n = run_extract_pool(fake_worker(kScript), reqs, [&](size_t i, AnalysedFile a) { got[reqs[i].path] = std::move(a); },
                              stop);
  CHECK(n == reqs.size());
  REQUIRE(got.size() == reqs.size());
  CHECK(got["a.pdf"].status == ExtractStatus::kOk);
  CHECK(got["b.pdf"].status == ExtractStatus::kOk);
  CHECK(got["c.pdf"].status == ExtractStatus::kOk);
  CHECK(got["crash.pdf"].status == ExtractStatus::kCorrupt);
  CHECK_THAT(got["crash.pdf"].reason, Catch::Contains("crashed") && Catch::Contains("signal 11"));
  CHECK(got["hang.pdf"].status == ExtractStatus::kTimeout);
  CHECK_THAT(got["hang.pdf"].reason, Catch::Contains("longer than"));
}

TEST_CASE("extract pool: a stop request hands out no more files, those in flight finish", "[indexer][pool]") {
  std::vector<ExtractRequest> reqs;
  for (int i = 0; i < 20; ++i) reqs.push_back({"f" + std::to_string(i) + ".pdf", ""});
  std::atomic<bool> stop{false};
  size_t seen = 0;
  size_t n = run_extract_pool(fake_worker(kScript), reqs,
                              [&](size_t, AnalysedFile) {
                                if (++seen == 3) stop = true;
                              },
                              stop);
  CHECK(n == seen);
  CHECK(n >= 3);
  CHECK(n < reqs.size());
}

TEST_CASE("extract pool: a worker that cannot start stops the run instead of marking files corrupt",
          "[indexer][pool]") {
  // Exit status 127 is what the dynamic loader gives when a library cannot be mapped (a
  // --memory-mb cap too low to load poppler and ICU did exactly this to every file).
  std::vector<ExtractRequest> reqs = {{"a.pdf", ""}, {"b.pdf", ""}, {"c.pdf", ""}};
  std::vector<size_t> delivered;
  std::atomic<bool> stop{false};
  auto options = fake_worker("exit 127");
  options.memory_limit_mb = 60;
  try {
    run_extract_pool(options, reqs, [&](size_t i, AnalysedFile) { delivered.push_back(i); }, stop);
    FAIL("no error");
  } catch (const scr::Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("could not start") && Catch::Contains("--memory-mb 60"));
  }
  CHECK(delivered.empty());
}

TEST_CASE("extract pool: a worker that aborts out of memory under the cap records the file too-large",
          "[indexer][pool]") {
  // Poppler's allocator prints "Out of memory" and calls abort() when the address-space cap
  // refuses it: that file is too large for the cap, not damaged. Other aborts stay crashes.
  const char* script = R"(
while read -r line; do
  case "$line" in
    *big*) echo "Out of memory" >&2; kill -ABRT $$ ;;
    *) echo "assertion failed: bad table" >&2; kill -ABRT $$ ;;
  esac
done
)";
  std::vector<ExtractRequest> reqs = {{"big.pdf", ""}, {"odd.pdf", ""}};
  std::map<std::string, AnalysedFile> got;
  std::atomic<bool> stop{false};
  auto options = fake_worker(script);
  options.memory_limit_mb = 200;
  run_extract_pool(options, reqs, [&](size_t i, AnalysedFile a) { got[reqs[i].path] = std::move(a); }, stop);
  REQUIRE(got.size() == 2);
  CHECK(got["big.pdf"].status == ExtractStatus::kTooLarge);
  CHECK_THAT(got["big.pdf"].reason, Catch::Contains("--memory-mb 200") && Catch::Contains("Out of memory"));
  CHECK(got["odd.pdf"].status == ExtractStatus::kCorrupt);
  CHECK_THAT(got["odd.pdf"].reason, Catch::Contains("signal 6") && Catch::Contains("assertion failed: bad table"));
}
