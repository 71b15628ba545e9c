#include "file_system.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "scr/error.h"
#include "scr/file_read.h"

namespace scr {

namespace fs = std::filesystem;

std::string sha256_file(const std::string& path) {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw Error("sha256: OpenSSL unavailable");
  // A read error (a failing disk, a dropped share) throws with its reason: no hash for a file not read whole.
  read_file_through(path, [&](std::string_view chunk) { EVP_DigestUpdate(ctx.get(), chunk.data(), chunk.size()); });
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  std::string hex;
  char b[3];
  for (unsigned i = 0; i < len; ++i) {
    std::snprintf(b, sizeof b, "%02x", digest[i]);
    hex += b;
  }
  return hex;
}

namespace {

// One folder's entries, then its sub-folders depth first. A folder that cannot be listed (no
// permission, an I/O error, vanished mid-walk) makes the walk incomplete and is named: the
// planner must not take the files below it for deleted.
void walk_folder(const fs::path& root, const fs::path& dir, WalkResult& r) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    r.complete = false;
    r.errors.push_back(dir.string() + ": cannot read the folder: " + ec.message());
    r.unreadable_folders.push_back(dir == root ? "" : fs::relative(dir, root).generic_string());
    return;
  }
  std::vector<fs::path> folders;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') continue;
    std::error_code tec;
    if (it->is_directory(tec)) {
      if (!it->is_symlink(tec)) folders.push_back(p);  // linked folders are not followed (loops)
      continue;
    }
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext != ".pdf") continue;
    struct stat st;
    if (::stat(p.c_str(), &st) != 0) {
      r.errors.push_back(p.string() + ": " + std::strerror(errno));
      continue;  // a dangling link: not a file we can index, and not a reason to stop deletions
    }
    if (!S_ISREG(st.st_mode)) {  // a named pipe would block the reader that opened it
      r.errors.push_back(p.string() + ": not a regular file (a pipe, socket or device): skipped");
      continue;
    }
    FileEntry e;
    e.path = fs::relative(p, root).generic_string();
    e.size = st.st_size;
    e.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    r.files.push_back(std::move(e));
  }
  if (ec) {
    r.complete = false;
    r.errors.push_back(dir.string() + ": the folder could not be read to the end: " + ec.message());
    r.unreadable_folders.push_back(dir == root ? "" : fs::relative(dir, root).generic_string());
  }
  std::sort(folders.begin(), folders.end());
  for (const auto& f : folders) walk_folder(root, f, r);
}

}  // namespace

WalkResult RealFileSystem::walk(const std::string& root) const {
  WalkResult r;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    r.complete = false;
    r.errors.push_back(root + ": not a readable folder");
    r.unreadable_folders.push_back("");
    return r;
  }
  walk_folder(fs::path(root), fs::path(root), r);
  std::sort(r.files.begin(), r.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return r;
}

std::string RealFileSystem::sha256(const std::string& root, const std::string& path) const {
  return sha256_file(root + "/" + path);
}

}  // namespace scr
