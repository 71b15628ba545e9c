#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "scr/text_cache.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("scr-cache-test-" + std::to_string(::getpid()));
  TempDir() { fs::remove_all(path); }
  ~TempDir() { fs::remove_all(path); }
};

const std::string kSha(64, 'a');

}  // namespace

TEST_CASE("text cache: pages come back whole, or only those asked for", "[cache]") {
  TempDir dir;
  scr::TextCache cache(dir.path.string());
  std::vector<std::string> pages = {"first page", "", "third page \u00e9", std::string(200000, 'x')};
  cache.put(kSha, pages);
  CHECK(cache.contains(kSha));
  auto all = cache.get(kSha);
  REQUIRE(all);
  CHECK(*all == pages);
  std::vector<size_t> only = {2, 3, 99};
  auto some = cache.get(kSha, &only);
  REQUIRE(some);
  REQUIRE(some->size() == 4);
  CHECK((*some)[0].empty());
  CHECK((*some)[2] == pages[2]);
  CHECK((*some)[3] == pages[3]);
}

TEST_CASE("text cache: a header longer than one read, and damaged files", "[cache]") {
  TempDir dir;
  scr::TextCache cache(dir.path.string());
  std::vector<std::string> pages;
  for (int i = 0; i < 9000; ++i) pages.push_back("page " + std::to_string(i));  // a header of ~100 KB
  cache.put(kSha, pages);
  std::vector<size_t> only = {8999};
  auto last = cache.get(kSha, &only);
  REQUIRE(last);
  CHECK((*last)[8999] == "page 8999");
  CHECK(*cache.get(kSha) == pages);
  // Truncate the file: nothing (not garbage) comes back.
  fs::path file;
  for (const auto& e : fs::recursive_directory_iterator(dir.path)) {
    if (e.is_regular_file()) file = e.path();
  }
  fs::resize_file(file, fs::file_size(file) - 10);
  CHECK_FALSE(cache.get(kSha));
  CHECK_FALSE(cache.get(std::string(64, 'b')));
  cache.remove(kSha);
  CHECK_FALSE(cache.contains(kSha));
}
