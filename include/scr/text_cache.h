// The text cache: each report's cleaned pages, compressed, keyed by the file's content hash.
//
// Written by the indexer, read by the query side for snippets and by `scr-index --retag` for
// re-analysis, so neither needs the PDF again. One file per report: <dir>/<hh>/<sha256>.txt.gz, a
// gzip stream of the pages separated by form feeds ("\f"). Writes go to a temporary name and are
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
  std::optional<std::vector<std::string>> get(const std::string& sha256) const;
  bool contains(const std::string& sha256) const;
  /// Deletes the entry; absent entries are fine.
  void remove(const std::string& sha256) const;

  const std::string& dir() const { return dir_; }

 private:
  std::string path_for(const std::string& sha256) const;
  std::string dir_;
};

}  // namespace scr
