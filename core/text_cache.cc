#include "scr/text_cache.h"

#include <unistd.h>
#include <zlib.h>

#include <filesystem>

#include "scr/error.h"

namespace scr {

namespace fs = std::filesystem;

std::string TextCache::path_for(const std::string& sha256) const {
  if (sha256.size() < 8) throw Error("text cache: bad key '" + sha256 + "'");
  return dir_ + "/" + sha256.substr(0, 2) + "/" + sha256 + ".txt.gz";
}

void TextCache::put(const std::string& sha256, const std::vector<std::string>& pages) const {
  std::string path = path_for(sha256);
  fs::create_directories(fs::path(path).parent_path());
  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  gzFile gz = gzopen(tmp.c_str(), "wb6");
  if (!gz) throw OutputError(tmp + ": cannot open for writing");
  bool ok = true;
  for (size_t i = 0; i < pages.size() && ok; ++i) {
    if (i > 0) ok = gzputc(gz, '\f') != -1;
    if (!pages[i].empty()) ok = ok && gzwrite(gz, pages[i].data(), static_cast<unsigned>(pages[i].size())) > 0;
  }
  if (gzclose(gz) != Z_OK || !ok) {
    fs::remove(tmp);
    throw OutputError(path + ": cannot write text cache entry (disk full?)");
  }
  fs::rename(tmp, path);
}

std::optional<std::vector<std::string>> TextCache::get(const std::string& sha256) const {
  std::string path = path_for(sha256);
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) return std::nullopt;
  std::string all;
  char buf[1 << 16];
  int n;
  while ((n = gzread(gz, buf, sizeof buf)) > 0) all.append(buf, static_cast<size_t>(n));
  int err = 0;
  gzerror(gz, &err);
  gzclose(gz);
  if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) return std::nullopt;
  std::vector<std::string> pages;
  size_t start = 0;
  for (;;) {
    size_t ff = all.find('\f', start);
    pages.push_back(all.substr(start, ff == std::string::npos ? std::string::npos : ff - start));
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  return pages;
}

bool TextCache::contains(const std::string& sha256) const { return fs::exists(path_for(sha256)); }

void TextCache::remove(const std::string& sha256) const {
  std::error_code ec;
  fs::remove(path_for(sha256), ec);
}

}  // namespace scr
