// The text cache: each report's cleaned pages, compressed, keyed by the file's content hash.
//
// Written by the indexer, read by the query side for snippets and by `scr-index --retag` for
// re-analysis, so neither needs the PDF again. One file per report: <dir>/<hh>/<sha256>.txt.gz
// (the name kept from the first format, so that older caches are found): "SCRTC3\n", a line with
// the page count and each page's compressed and original lengths ("N c1:l1 c2:l2 ..."), then each
// page compressed on its own (a zstd frame), so that a snippet needs only the pages it shows.
// Files written before are still read: "SCRTC2" (the same layout, zlib blocks) and the first
// format (one gzip stream, pages separated by form feeds). Writes go to a temporary name and are
// renamed into place, so a reader never sees half a file.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace scr {

class TextCache {
 public:
  /// `dir` is created on first write. Thread-safe: every call works on its own file.
  explicit TextCache(std::string dir) : dir_(std::move(dir)) {}

  /// Stores `pages` under `sha256` (64 hex digits). Throws OutputError if it cannot be written.
  void put(const std::string& sha256, const std::vector<std::string>& pages) const;
  /// The pages stored under `sha256`, or nullopt when there are none (or the file is damaged).
  /// With `only`, just those pages (0-based) are decompressed; the others come back empty.
  std::optional<std::vector<std::string>> get(const std::string& sha256, const std::vector<size_t>* only = nullptr) const;
  bool contains(const std::string& sha256) const;
  /// Deletes the entry; absent entries are fine.
  void remove(const std::string& sha256) const;
  /// The key of every entry stored (unordered); none when the folder does not exist.
  std::vector<std::string> keys() const;
  /// Copies the entry `sha256`, as stored, into `other`. False when this cache has no such entry.
  bool copy_to(const TextCache& other, const std::string& sha256) const;

  const std::string& dir() const { return dir_; }

 private:
  std::string path_for(const std::string& sha256) const;
  std::string dir_;
};

}  // namespace scr
