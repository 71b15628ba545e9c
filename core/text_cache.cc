#include "scr/text_cache.h"

#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <charconv>
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

// The page-block formats: the same header, pages compressed with zlib (version 2) or zstd
// (version 3, written now: a page decompresses in about a third of zlib's instructions at the same
// size, and decompression was a third of a search's CPU with snippets).
constexpr std::string_view kMagicZlib = "SCRTC2\n";
constexpr std::string_view kMagic = "SCRTC3\n";
static_assert(kMagicZlib.size() == kMagic.size());
// zstd's level 9 stores the cache about as small as zlib's level 6 did; its reading speed does not
// depend on the level.
constexpr int kZstdLevel = 9;

// One compression and one decompression context per thread: making one per page was a tenth of
// the work of a small page.
struct ZstdContexts {
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> compress{ZSTD_createCCtx(), &ZSTD_freeCCtx};
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> decompress{ZSTD_createDCtx(), &ZSTD_freeDCtx};
};
ZstdContexts& zstd_contexts() {
  thread_local ZstdContexts contexts;
  return contexts;
}

constexpr size_t kMaxPageBytes = size_t{64} << 20;

bool whole_number(std::string_view digits, size_t& out) {
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && end == digits.data() + digits.size() && !digits.empty();
}

// Decompresses one page block of `len` bytes into `out`; false when it is damaged.
bool decompress_page(bool zstd, const char* src, size_t clen, size_t len, std::string& out) {
  out.resize(len);
  if (zstd) {
    ZSTD_DCtx* dctx = zstd_contexts().decompress.get();
    if (!dctx) return false;
    const size_t got = ZSTD_decompressDCtx(dctx, out.data(), len, src, clen);
    return !ZSTD_isError(got) && got == len;
  }
  uLongf out_len = static_cast<uLongf>(len);
  return uncompress(reinterpret_cast<Bytef*>(out.data()), &out_len, reinterpret_cast<const Bytef*>(src),
                    static_cast<uLong>(clen)) == Z_OK &&
         out_len == len;
}

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
  ZSTD_CCtx* cctx = zstd_contexts().compress.get();
  if (!cctx) throw OutputError(path + ": cannot compress: no memory for a zstd context");
  for (const auto& page : pages) {
    std::string out(ZSTD_compressBound(page.size()), '\0');
    const size_t len = ZSTD_compressCCtx(cctx, out.data(), out.size(), page.data(), page.size(), kZstdLevel);
    if (ZSTD_isError(len)) throw OutputError(path + ": cannot compress a page: " + ZSTD_getErrorName(len));
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
    if (head.size() >= kMagic.size() && head.compare(0, kMagic.size(), kMagic) != 0 &&
        head.compare(0, kMagicZlib.size(), kMagicZlib) != 0) {
      return read_gzip_format(path);
    }
    nl = head.find('\n', std::max(before, kMagic.size()));
    if (only == nullptr && nl != std::string::npos) {
      while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) head.append(buf, n);  // the rest too
    }
  }
  if (std::ferror(f.get()) || nl == std::string::npos || head.size() < kMagic.size()) return std::nullopt;
  const bool zstd = head.compare(0, kMagic.size(), kMagic) == 0;
  if (!zstd && head.compare(0, kMagicZlib.size(), kMagicZlib) != 0) return std::nullopt;
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
    // A damaged header must not throw or ask for gigabytes: whole numbers, a page under 64 MiB.
    size_t clen = 0, len = 0;
    if (!whole_number(entry.substr(0, colon), clen) || !whole_number(entry.substr(colon + 1), len) ||
        len > kMaxPageBytes || clen > 2 * kMaxPageBytes) {
      return std::nullopt;
    }
    sizes.emplace_back(clen, len);
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
      if (!decompress_page(zstd, src, clen, len, pages[i])) return std::nullopt;
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
