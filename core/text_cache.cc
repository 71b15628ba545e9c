#include "scr/text_cache.h"

#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string_view>

#include "scr/error.h"

namespace scr {

namespace fs = std::filesystem;

std::string TextCache::path_for(const std::string& sha256) const {
  if (sha256.size() < 8) throw Error("text cache: bad key '" + sha256 + "'");
  return dir_ + "/" + sha256.substr(0, 2) + "/" + sha256 + ".txt.gz";
}

namespace {

constexpr std::string_view kMagic = "SCRTC2\n";

// The first format: one gzip stream, pages separated by form feeds.
std::optional<std::vector<std::string>> read_gzip_format(const std::string& path) {
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

}  // namespace

void TextCache::put(const std::string& sha256, const std::vector<std::string>& pages) const {
  std::string path = path_for(sha256);
  fs::create_directories(fs::path(path).parent_path());
  std::string header = std::string(kMagic) + std::to_string(pages.size());
  std::string body;
  for (const auto& page : pages) {
    uLongf len = compressBound(static_cast<uLong>(page.size()));
    std::string out(len, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(page.data()),
                  static_cast<uLong>(page.size()), 6) != Z_OK) {
      throw OutputError(path + ": cannot compress a page");
    }
    out.resize(len);
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on " " + std::to_string(...).
    header += ' ';
    header += std::to_string(len);
    header += ':';
    header += std::to_string(page.size());
    body += out;
  }
  header += "\n";
  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw OutputError(tmp + ": cannot open for writing");
  bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size() &&
            std::fwrite(body.data(), 1, body.size(), f) == body.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    fs::remove(tmp);
    throw OutputError(path + ": cannot write text cache entry (disk full?)");
  }
  fs::rename(tmp, path);
}

std::optional<std::vector<std::string>> TextCache::get(const std::string& sha256, const std::vector<size_t>* only) const {
  std::string path = path_for(sha256);
  // With `only`, the header and just the wanted pages' bytes are read (a snippet needs two or
  // three pages of a long report); without, the whole file at once.
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return std::nullopt;
  std::string head;
  size_t nl = std::string::npos;
  // A first read of 8 KiB holds the header of any report under ~600 pages; the pages wanted are
  // then read where they are.
  char buf[1 << 13];
  while (nl == std::string::npos) {
    size_t n = std::fread(buf, 1, sizeof buf, f.get());
    if (n == 0) break;
    size_t before = head.size();
    head.append(buf, n);
    if (head.size() >= kMagic.size() && head.compare(0, kMagic.size(), kMagic) != 0) return read_gzip_format(path);
    nl = head.find('\n', std::max(before, kMagic.size()));
    if (only == nullptr && nl != std::string::npos) {
      while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) head.append(buf, n);  // the rest too
    }
  }
  if (std::ferror(f.get()) || nl == std::string::npos || head.compare(0, kMagic.size(), kMagic) != 0) return std::nullopt;
  std::istringstream header(head.substr(kMagic.size(), nl - kMagic.size()));
  size_t count = 0;
  header >> count;
  if (count > 1000000) return std::nullopt;
  std::vector<std::pair<size_t, size_t>> sizes;  // compressed, original
  for (size_t i = 0; i < count; ++i) {
    std::string entry;
    header >> entry;
    size_t colon = entry.find(':');
    if (colon == std::string::npos) return std::nullopt;
    sizes.emplace_back(std::stoul(entry.substr(0, colon)), std::stoul(entry.substr(colon + 1)));
  }
  std::vector<bool> wanted(count, only == nullptr);
  if (only) {
    for (size_t p : *only) {
      if (p < count) wanted[p] = true;
    }
  }
  std::vector<std::string> pages(count);
  std::string chunk;
  size_t offset = nl + 1;
  for (size_t i = 0; i < count; ++i) {
    auto [clen, len] = sizes[i];
    if (wanted[i]) {
      const char* src = nullptr;
      if (offset + clen <= head.size()) {
        src = head.data() + offset;
      } else {
        chunk.resize(clen);
        if (std::fseek(f.get(), static_cast<long>(offset), SEEK_SET) != 0 ||
            std::fread(chunk.data(), 1, clen, f.get()) != clen) {
          return std::nullopt;
        }
        src = chunk.data();
      }
      pages[i].resize(len);
      uLongf out_len = static_cast<uLongf>(len);
      if (uncompress(reinterpret_cast<Bytef*>(pages[i].data()), &out_len, reinterpret_cast<const Bytef*>(src),
                     static_cast<uLong>(clen)) != Z_OK ||
          out_len != len) {
        return std::nullopt;
      }
    }
    offset += clen;
  }
  return pages;
}

std::vector<std::string> TextCache::keys() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator bucket(dir_, ec), end; !ec && bucket != end; bucket.increment(ec)) {
    if (!bucket->is_directory(ec)) continue;
    for (fs::directory_iterator f(bucket->path(), ec); !ec && f != end; f.increment(ec)) {
      std::string name = f->path().filename().string();
      constexpr std::string_view kSuffix = ".txt.gz";
      if (name.size() > kSuffix.size() && name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
        out.push_back(name.substr(0, name.size() - kSuffix.size()));
      }
    }
    ec.clear();
  }
  return out;
}

bool TextCache::copy_to(const TextCache& other, const std::string& sha256) const {
  std::error_code ec;
  const std::string from = path_for(sha256), to = other.path_for(sha256);
  if (!fs::exists(from, ec)) return false;
  fs::create_directories(fs::path(to).parent_path(), ec);
  // Through a temporary name, as put() writes, so that a reader never sees half an entry.
  const std::string tmp = to + ".copying";
  if (!fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec)) {
    if (!fs::exists(from)) return false;  // removed meanwhile
    throw Error(to + ": cannot copy the text-cache entry: " + ec.message());
  }
  fs::rename(tmp, to);
  return true;
}

bool TextCache::contains(const std::string& sha256) const { return fs::exists(path_for(sha256)); }

void TextCache::remove(const std::string& sha256) const {
  std::error_code ec;
  fs::remove(path_for(sha256), ec);
}

}  // namespace scr
