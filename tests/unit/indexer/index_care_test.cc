// Care of the index (indexer/index_care.h): --check finds what is wrong and says whether --repair
// can mend it; --repair mends it; --compact and --backup keep every report and let a reader that
// was open go on.
#include <catch2/catch.hpp>
#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "index_care.h"
#include "index_writer.h"
#include "scr/schema.h"
#include "scr/search.h"
#include "scr/text_cache.h"
#include "tiny_index.h"

namespace fs = std::filesystem;
namespace sc = scr::schema;

namespace {

std::string fresh_dir(const std::string& name) {
  std::string dir = (fs::temp_directory_path() / ("scr-care-test-" + name)).string();
  fs::remove_all(dir);
  return dir;
}

std::string sha_of(int i) { return static_cast<char>('0' + i) + std::string(63, 'a'); }
std::string id_of(int i) { return scr::report_id_for_sha(sha_of(i)); }

std::multiset<std::string> kinds(const scr::IndexHealth& h) {
  std::multiset<std::string> out;
  for (const auto& p : h.problems) out.insert(p.kind + " " + p.subject);
  return out;
}

// Reports matching `query`, or SIZE_MAX for a query error.
size_t reports_matching(scr::Searcher& searcher, const std::string& query) {
  scr::SearchRequest req;
  req.query = query;
  auto result = searcher.search(req);
  const auto* response = std::get_if<scr::SearchResponse>(&result);
  return response ? response->total.value : SIZE_MAX;
}

size_t docs_with(const std::string& dir, const std::string& term) {
  return Xapian::Database(dir + "/xapian").get_termfreq(term);
}

}  // namespace

TEST_CASE("index care: a healthy index checks healthy", "[unit][care]") {
  std::string dir = fresh_dir("healthy");
  scr::testing::write_tiny_index(dir);
  auto h = scr::check_index(dir);
  CHECK(h.verdict() == scr::IndexHealth::Verdict::kHealthy);
  CHECK(h.problems.empty());
  CHECK(h.reports == 3);
  CHECK(h.recommendations == 6);
  CHECK(h.cache_entries == 3);
  CHECK(h.xapian_errors == 0);
  CHECK_THROWS_WITH(scr::check_index(fresh_dir("nothing")), Catch::Contains("no index here"));
}

TEST_CASE("index care: check finds an orphaned recommendation, a missing one and cache faults, repair mends them",
          "[unit][care]") {
  std::string dir = fresh_dir("repair");
  scr::testing::write_tiny_index(dir);
  const std::string rec_of_1 = scr::recommendation_id(id_of(1), "recommendation", "1");
  {
    Xapian::WritableDatabase db(dir + "/xapian");
    db.delete_document(sc::make_term(sc::kPrefixId, id_of(0)));  // report 0 gone, its 2 recommendations left
    db.delete_document(sc::make_term(sc::kPrefixId, rec_of_1));  // report 1 lacks recommendation 1
    db.commit();
  }
  scr::TextCache cache(dir + "/text-cache");
  cache.remove(sha_of(2));                                   // report 2's text gone
  cache.put(std::string(64, 'f'), {"a page nobody indexed"});  // an entry no report uses
  const std::string orphan_term = sc::make_term(sc::kPrefixReport, id_of(0));
  REQUIRE(docs_with(dir, orphan_term) == 2);

  auto h = scr::check_index(dir);
  CHECK(h.verdict() == scr::IndexHealth::Verdict::kRepairable);
  CHECK(kinds(h) == std::multiset<std::string>{"orphan-recommendations " + id_of(0), "missing-recommendations " + id_of(1),
                                               "missing-text " + id_of(2), "unreferenced-text " + std::string(64, 'f'),
                                               "unreferenced-text " + sha_of(0)});

  auto r = scr::repair_index(dir, h);
  CHECK(r.orphans_deleted == 1);
  CHECK(r.reports_rewritten == 1);
  CHECK(r.marked_for_rereading == 1);
  CHECK(r.cache_entries_removed == 2);
  auto after = scr::check_index(dir);
  INFO(after.problems.size() << " problems left, first: " << (after.problems.empty() ? "" : after.problems[0].kind));
  CHECK(after.verdict() == scr::IndexHealth::Verdict::kHealthy);
  CHECK(docs_with(dir, orphan_term) == 0);
  CHECK(docs_with(dir, sc::make_term(sc::kPrefixId, rec_of_1)) == 1);
  CHECK_FALSE(cache.contains(std::string(64, 'f')));
  // The report whose text is gone is read again on the next run: recorded as an old extraction.
  for (const auto& rep : scr::read_index_state(dir).reports) {
    INFO(rep.id);
    CHECK(rep.extractor_version == (rep.id == id_of(2) ? 0 : sc::kExtractorVersion));
  }
}

TEST_CASE("index care: a damaged table is broken, not repairable", "[unit][care]") {
  std::string dir = fresh_dir("broken");
  scr::testing::write_tiny_index(dir);
  fs::path table = fs::path(dir) / "xapian" / "termlist.glass";
  REQUIRE(fs::file_size(table) > 100);
  {
    std::fstream f(table, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(20);
    f.write("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 12);
  }
  auto h = scr::check_index(dir);
  CHECK(h.verdict() == scr::IndexHealth::Verdict::kBroken);
  REQUIRE_FALSE(h.problems.empty());
  CHECK(h.problems[0].kind == "xapian");
}

TEST_CASE("index care: compaction keeps every document, and a reader that was open follows it", "[unit][care]") {
  std::string dir = fresh_dir("compact");
  scr::testing::write_tiny_index(dir);
  auto searcher = scr::Searcher::open(dir);
  REQUIRE(reports_matching(*searcher, "sofa") == 3);

  auto [before, after] = scr::compact_index(dir);
  CHECK(after > 0);
  CHECK(after <= before);
  CHECK(scr::check_index(dir).verdict() == scr::IndexHealth::Verdict::kHealthy);
  CHECK(reports_matching(*searcher, "sofa") == 3);
  // A commit after the swap reaches the reader that was open before it.
  {
    scr::IndexWriter writer(dir);
    writer.delete_report(id_of(0));
    writer.commit();
  }
  CHECK(reports_matching(*searcher, "sofa") == 2);
}

TEST_CASE("index care: backups taken while commits go on are consistent copies", "[unit][care]") {
  std::string dir = fresh_dir("backup");
  scr::testing::write_tiny_index(dir);
  std::atomic<bool> done{false};
  std::atomic<int> commits{0};
  // A writer that deletes and re-adds a report, committing each time, for as long as backups run.
  std::thread writer_thread([&] {
    scr::IndexWriter writer(dir);
    auto doc = writer.load_report(id_of(1));
    if (!doc) return;  // (no REQUIRE off the main thread; the commit count below fails instead)
    doc->analysis.pages = *scr::TextCache(dir + "/text-cache").get(doc->sha256);
    while (!done) {
      writer.delete_report(id_of(1));
      writer.commit();
      writer.put_report(*doc);
      writer.commit();
      commits += 2;
    }
  });
  for (int i = 0; i < 3; ++i) {
    std::string dest = fresh_dir("backup-copy-" + std::to_string(i));
    scr::backup_index(dir, dest);
    auto h = scr::check_index(dest);
    INFO("backup " << i << ": " << h.problems.size() << " problems" << (h.problems.empty() ? "" : ", first: " + h.problems[0].kind + " " + h.problems[0].detail));
    CHECK(h.verdict() == scr::IndexHealth::Verdict::kHealthy);
    CHECK((h.reports == 2 || h.reports == 3));
    CHECK(reports_matching(*scr::Searcher::open(dest), "sofa") == h.reports);
  }
  done = true;
  writer_thread.join();
  CHECK(commits > 0);
  CHECK_THROWS_WITH(scr::backup_index(dir, dir), Catch::Contains("already exists"));
}
