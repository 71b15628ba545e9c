// The indexer's view of the corpus folder, behind an interface so the change planner can be tested
// with a fake filesystem (vanished files, changed mtimes) as LevelDB's Env allows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace scr {

struct FileEntry {
  std::string path;       ///< Relative to the corpus root, '/'-separated.
  int64_t size = 0;       ///< Bytes.
  int64_t mtime_ns = 0;   ///< Modification time, nanoseconds since the epoch.
};

struct WalkResult {
  std::vector<FileEntry> files;     ///< Every *.pdf (any case) below the root, sorted by path.
  bool complete = true;             ///< False when a folder could not be read: deletions must wait.
  std::vector<std::string> errors;  ///< What could not be read, and why.
  /// Folders that could not be listed, relative to the root ("" for the root itself).
  std::vector<std::string> unreadable_folders;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// Lists the PDFs below `root`. Never throws for unreadable entries: they go into `errors`.
  virtual WalkResult walk(const std::string& root) const = 0;
  /// SHA-256 of the file's content as 64 lower-case hex digits; throws scr::Error if unreadable.
  virtual std::string sha256(const std::string& root, const std::string& path) const = 0;
};

/// The real filesystem. Follows symbolic links to files but not to folders (no loops); skips
/// hidden files and folders (".git", ".Trash").
class RealFileSystem : public FileSystem {
 public:
  WalkResult walk(const std::string& root) const override;
  std::string sha256(const std::string& root, const std::string& path) const override;
};

/// SHA-256 of a file, hex. Throws scr::Error naming the file when it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace scr
