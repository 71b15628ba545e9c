// The real walk over a folder one of whose sub-folders cannot be read. Permissions do not stop
// root, so the walk runs in a child process that drops to an unprivileged user when the tests run
// as root (as they do in CI).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "file_system.h"

namespace fs = std::filesystem;

TEST_CASE("walk: a folder that cannot be read makes the walk incomplete and is named", "[indexer][walk]") {
  fs::path root = fs::temp_directory_path() / ("scr-walk-test-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "open");
  fs::create_directories(root / "locked");
  std::ofstream(root / "open" / "a.pdf") << "%PDF-1.4";
  std::ofstream(root / "locked" / "b.pdf") << "%PDF-1.4";
  for (const auto& p : {root, root / "open"}) fs::permissions(p, fs::perms(0755));
  fs::permissions(root / "open" / "a.pdf", fs::perms(0644));
  fs::permissions(root / "locked", fs::perms::none);

  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(10);
    scr::RealFileSystem rfs;
    scr::WalkResult w = rfs.walk(root.string());
    if (w.complete) _exit(1);
    if (w.files.size() != 1 || w.files[0].path != "open/a.pdf") _exit(2);
    if (w.unreadable_folders != std::vector<std::string>{"locked"}) _exit(3);
    if (w.errors.empty() || w.errors[0].find("locked") == std::string::npos) _exit(4);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  fs::permissions(root / "locked", fs::perms(0755));
  fs::remove_all(root);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("walk: a readable tree is complete", "[indexer][walk]") {
  fs::path root = fs::temp_directory_path() / ("scr-walk-ok-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "x" / "y");
  std::ofstream(root / "x" / "y" / "c.PDF") << "%PDF";
  std::ofstream(root / "x" / "notes.txt") << "no";
  fs::create_directories(root / ".hidden");
  std::ofstream(root / ".hidden" / "d.pdf") << "%PDF";
  scr::WalkResult w = scr::RealFileSystem().walk(root.string());
  fs::remove_all(root);
  CHECK(w.complete);
  REQUIRE(w.files.size() == 1);
  CHECK(w.files[0].path == "x/y/c.PDF");
}

TEST_CASE("walk: a named pipe or a dangling link called .pdf is skipped with a warning, the walk stays complete",
          "[indexer][walk]") {
  // A pipe would block the worker that opened it until the time limit; a dangling link has nothing
  // to read. Neither is a folder the walk could not see, so deletions elsewhere still apply.
  fs::path root = fs::temp_directory_path() / ("scr-walk-special-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  std::ofstream(root / "a.pdf") << "%PDF";
  REQUIRE(::mkfifo((root / "pipe.pdf").c_str(), 0644) == 0);
  fs::create_symlink(root / "gone.pdf", root / "dangling.pdf");
  scr::WalkResult w = scr::RealFileSystem().walk(root.string());
  fs::remove_all(root);
  CHECK(w.complete);
  REQUIRE(w.files.size() == 1);
  CHECK(w.files[0].path == "a.pdf");
  std::string errors;
  for (const auto& e : w.errors) errors += e + "\n";
  INFO(errors);
  CHECK(errors.find("pipe.pdf: not a regular file") != std::string::npos);
  CHECK(errors.find("dangling.pdf: No such file or directory") != std::string::npos);
}
