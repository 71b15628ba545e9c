#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>
#include <zlib.h>

#include "scr/text_cache.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("scr-cache-test-" + std::to_string(::getpid()));
  TempDir() { fs::remove_all(path); }
  ~TempDir() { fs::remove_all(path); }
};

const std::string kSha(64, 'a');

fs::path entry_path(const fs::path& dir, const std::string& sha) { return dir / sha.substr(0, 2) / (sha + ".txt.gz"); }

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string zlib_block(const std::string& page) {
  uLongf len = compressBound(static_cast<uLong>(page.size()));
  std::string out(len, '\0');
  REQUIRE(compress2(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(page.data()),
                    static_cast<uLong>(page.size()), 6) == Z_OK);
  out.resize(len);
  return out;
}

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

TEST_CASE("text cache: entries of the earlier formats are still read", "[cache]") {
  TempDir dir;
  scr::TextCache cache(dir.path.string());
  const std::vector<std::string> pages = {"first page", "", "third page \u00e9"};
  SECTION("version 2: zlib page blocks") {
    std::string header = "SCRTC2\n" + std::to_string(pages.size()), body;
    for (const auto& p : pages) {
      std::string block = zlib_block(p);
      header += " " + std::to_string(block.size()) + ":" + std::to_string(p.size());
      body += block;
    }
    write_file(entry_path(dir.path, kSha), header + "\n" + body);
    CHECK(*cache.get(kSha) == pages);
    std::vector<size_t> only = {2};
    auto some = cache.get(kSha, &only);
    REQUIRE(some);
    CHECK((*some)[0].empty());
    CHECK((*some)[2] == pages[2]);
  }
  SECTION("version 1: one gzip stream, pages between form feeds") {
    const fs::path path = entry_path(dir.path, kSha);
    fs::create_directories(path.parent_path());
    gzFile gz = gzopen(path.c_str(), "wb");
    REQUIRE(gz);
    const std::string all = pages[0] + "\f" + pages[1] + "\f" + pages[2];
    gzwrite(gz, all.data(), static_cast<unsigned>(all.size()));
    gzclose(gz);
    CHECK(*cache.get(kSha) == pages);
  }
}

TEST_CASE("text cache: a damaged header gives nothing, without throwing or a huge allocation", "[cache]") {
  TempDir dir;
  scr::TextCache cache(dir.path.string());
  const std::string block = zlib_block("page");
  const char* headers[] = {
      "SCRTC3\n1 4:x\n",                      // not a number
      "SCRTC3\n1 4\n",                        // no original length
      "SCRTC3\n1 4:99999999999999999999\n",   // more than a size holds
      "SCRTC3\n1 4:9000000000\n",             // a page of 9 GB
      "SCRTC3\n1 9000000000:4\n",             // a block of 9 GB
      "SCRTC3\n2 4:4\n",                      // fewer sizes than pages
      "SCRTC3\n1 4:4\n",                      // a zlib block read as zstd
  };
  for (const char* header : headers) {
    INFO(header);
    write_file(entry_path(dir.path, kSha), header + block);
    std::optional<std::vector<std::string>> got;
    REQUIRE_NOTHROW(got = cache.get(kSha));
    CHECK_FALSE(got);
    std::vector<size_t> only = {0};
    REQUIRE_NOTHROW(got = cache.get(kSha, &only));
    CHECK_FALSE(got);
  }
}
