#include <catch2/catch.hpp>
#include <map>

#include "change_planner.h"
#include "scr/error.h"

using namespace scr;

namespace {

// A filesystem in memory: path -> (size, mtime, content hash).
struct FakeFs : FileSystem {
  struct File {
    int64_t size, mtime;
    std::string sha;
  };
  std::map<std::string, File> files;
  bool complete = true;
  std::vector<std::string> unreadable;  // folders the walk could not list
  mutable int hashed = 0;

  WalkResult walk(const std::string&) const override {
    WalkResult w;
    for (const auto& [p, f] : files) w.files.push_back({p, f.size, f.mtime});
    w.complete = complete && unreadable.empty();
    w.unreadable_folders = unreadable;
    return w;
  }
  std::string sha256(const std::string&, const std::string& path) const override {
    ++hashed;
    auto it = files.find(path);
    if (it == files.end()) throw Error(path + ": vanished");
    return it->second.sha;
  }
};

IndexedReport indexed(const std::string& id, const std::string& sha, std::vector<FileEntry> files,
                      const std::string& status = "ok") {
  return {id, sha, std::move(files), status, 1};
}

Plan plan_for(const FakeFs& fs, const std::vector<IndexedReport>& state, PlanOptions o = {}) {
  return plan_changes(fs.walk("/"), state, fs, "/", o);
}

}  // namespace

TEST_CASE("planner: an empty index extracts every file once", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"a.pdf", {10, 1, "A"}}, {"b.pdf", {20, 1, "B"}}};
  auto p = plan_for(fs, {});
  CHECK(p.extract.size() == 2);
  CHECK(p.counts.added == 2);
  CHECK(p.extract[0].reason == "new");
}

TEST_CASE("planner: unchanged files are neither hashed nor read", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"a.pdf", {10, 1, "A"}}};
  auto p = plan_for(fs, {indexed("rA", "A", {{"a.pdf", 10, 1}})});
  CHECK(p.extract.empty());
  CHECK(p.updates.empty());
  CHECK(p.counts.unchanged == 1);
  CHECK(fs.hashed == 0);
}

TEST_CASE("planner: a touched file (new mtime, same bytes) only updates its stored mtime", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"a.pdf", {10, 2, "A"}}};
  auto p = plan_for(fs, {indexed("rA", "A", {{"a.pdf", 10, 1}})});
  CHECK(p.extract.empty());
  CHECK(p.counts.touched == 1);
  REQUIRE(p.updates.size() == 1);
  CHECK(p.updates[0].files[0].mtime_ns == 2);
}

TEST_CASE("planner: a changed file is read again and its old report goes", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"a.pdf", {11, 2, "A2"}}};
  auto p = plan_for(fs, {indexed("rA", "A", {{"a.pdf", 10, 1}})});
  REQUIRE(p.extract.size() == 1);
  CHECK(p.extract[0].sha256 == "A2");
  CHECK(p.extract[0].reason == "changed");
  CHECK(p.counts.replaced == 1);
  CHECK(p.deletes == std::vector<std::string>{"rA"});
}

TEST_CASE("planner: a moved file keeps its report and is not read", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"new/place.pdf", {10, 5, "A"}}};
  auto p = plan_for(fs, {indexed("rA", "A", {{"old.pdf", 10, 1}})});
  CHECK(p.extract.empty());
  CHECK(p.counts.moved == 1);
  CHECK(p.deletes.empty());
  REQUIRE(p.updates.size() == 1);
  REQUIRE(p.updates[0].files.size() == 1);
  CHECK(p.updates[0].files[0].path == "new/place.pdf");
}

TEST_CASE("planner: identical content at two paths is indexed once with both paths", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"a.pdf", {10, 1, "A"}}, {"copy/a.pdf", {10, 3, "A"}}, {"n1.pdf", {5, 1, "N"}}, {"n2.pdf", {5, 1, "N"}}};
  auto p = plan_for(fs, {indexed("rA", "A", {{"a.pdf", 10, 1}})});
  CHECK(p.counts.duplicates == 2);
  REQUIRE(p.extract.size() == 1);  // N once, with both of its paths
  CHECK(p.extract[0].files.size() == 2);
  REQUIRE(p.updates.size() == 1);
  CHECK(p.updates[0].files.size() == 2);
}

TEST_CASE("planner: files gone after a complete walk are deleted, not after an incomplete one", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"a.pdf", {10, 1, "A"}}};
  std::vector<IndexedReport> state = {indexed("rA", "A", {{"a.pdf", 10, 1}}), indexed("rB", "B", {{"b.pdf", 5, 1}})};
  auto p = plan_for(fs, state);
  CHECK(p.deletes == std::vector<std::string>{"rB"});
  fs.complete = false;
  p = plan_for(fs, state);
  CHECK(p.deletes.empty());
  CHECK(p.deletions_skipped);
}

TEST_CASE("planner: failed files wait until they change or --retry-failed", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"bad.pdf", {3, 1, "X"}}};
  std::vector<IndexedReport> state = {indexed("rX", "X", {{"bad.pdf", 3, 1}}, "corrupt")};
  auto p = plan_for(fs, state);
  CHECK(p.extract.empty());
  CHECK(p.counts.failed_kept == 1);
  PlanOptions retry;
  retry.retry_failed = true;
  p = plan_for(fs, state, retry);
  REQUIRE(p.extract.size() == 1);
  CHECK(p.extract[0].reason == "retry");
  CHECK(p.extract[0].replaces_id == "rX");
}

TEST_CASE("planner: reports from an older extractor are read again", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"a.pdf", {10, 1, "A"}}};
  auto old = indexed("rA", "A", {{"a.pdf", 10, 1}});
  old.extractor_version = 0;
  auto p = plan_for(fs, {old});
  REQUIRE(p.extract.size() == 1);
  CHECK(p.extract[0].reason == "reextract");
  CHECK(p.counts.reextracted == 1);
}

TEST_CASE("planner: a file that vanishes between walk and hash is skipped, not fatal", "[indexer][planner]") {
  FakeFs fs;
  fs.files = {{"a.pdf", {10, 1, "A"}}};
  WalkResult w = fs.walk("/");
  w.files.push_back({"ghost.pdf", 1, 1});
  auto p = plan_changes(w, {}, fs, "/", {});
  CHECK(p.extract.size() == 1);
  CHECK(p.hash_errors.size() == 1);
}

namespace {
std::vector<IndexedReport> twenty_reports() {
  std::vector<IndexedReport> state;
  for (int i = 0; i < 20; ++i) {
    std::string n = std::to_string(i);
    std::string folder = i < 5 ? "board-a/" : "board-b/";
    state.push_back(indexed("r" + n, "S" + n, {{folder + n + ".pdf", 10, 1}}));
  }
  return state;
}
FakeFs files_of(const std::vector<IndexedReport>& state) {
  FakeFs fs;
  for (const auto& r : state) fs.files[r.files[0].path] = {10, 1, r.sha256};
  return fs;
}
}  // namespace

TEST_CASE("planner: nothing below a folder that could not be read is deleted, elsewhere it is", "[indexer][planner]") {
  auto state = twenty_reports();
  FakeFs fs = files_of(state);
  for (int i = 0; i < 5; ++i) fs.files.erase("board-a/" + std::to_string(i) + ".pdf");  // unreadable: not listed
  fs.files.erase("board-b/7.pdf");                                                     // really gone
  fs.unreadable = {"board-a"};
  auto p = plan_for(fs, state);
  CHECK(p.deletions_skipped);
  REQUIRE(p.deletes.size() == 1);
  CHECK(p.deletes[0] == "r7");
  CHECK(p.counts.deleted == 1);
  CHECK(p.updates.empty());  // the unseen files keep their paths
  // "board-ab/..." is not below "board-a".
  FakeFs fs2 = files_of(state);
  fs2.unreadable = {"board-"};
  fs2.files.erase("board-b/7.pdf");
  CHECK(plan_for(fs2, state).deletes.size() == 1);
}

TEST_CASE("planner: an unreadable or empty root deletes nothing", "[indexer][planner]") {
  auto state = twenty_reports();
  FakeFs unreadable;
  unreadable.unreadable = {""};
  auto p = plan_for(unreadable, state);
  CHECK(p.deletes.empty());
  CHECK(p.deletions_skipped);
  FakeFs empty;  // readable, but holds nothing: an unmounted share looks like this
  p = plan_for(empty, state);
  CHECK(p.deletes.empty());
  CHECK(p.mass_delete_refused == 20);
  CHECK_THAT(p.mass_delete_reason, Catch::Contains("none of the 20 indexed files"));
  PlanOptions allow;
  allow.allow_mass_delete = true;
  CHECK(plan_for(empty, state, allow).deletes.size() == 20);
}

TEST_CASE("planner: more than the allowed share of deletions in one run is refused", "[indexer][planner]") {
  auto state = twenty_reports();
  FakeFs fs = files_of(state);
  fs.files.erase("board-b/5.pdf");
  fs.files.erase("board-b/6.pdf");
  CHECK(plan_for(fs, state).deletes.size() == 2);  // 10% of 20
  fs.files.erase("board-b/8.pdf");
  auto p = plan_for(fs, state);
  CHECK(p.deletes.empty());
  CHECK(p.mass_delete_refused == 3);
  CHECK_THAT(p.mass_delete_reason, Catch::Contains("3 of 20"));
  PlanOptions wider;
  wider.max_delete_share = 0.5;
  CHECK(plan_for(fs, state, wider).deletes.size() == 3);
  // One report may always go, however small the index.
  std::vector<IndexedReport> two = {state[0], state[1]};
  FakeFs fs3 = files_of(two);
  fs3.files.erase(two[1].files[0].path);
  CHECK(plan_for(fs3, two).deletes.size() == 1);
}
