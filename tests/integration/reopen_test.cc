// A Searcher keeps answering while the indexer commits, and sees each new commit.
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "index_writer.h"
#include "scr/search.h"

namespace fs = std::filesystem;

namespace {

scr::ReportDocument report(int i) {
  scr::ReportDocument d;
  char sha[65];
  std::snprintf(sha, sizeof sha, "%016x%048x", i + 1, 0);  // ids use the first 16 digits
  d.sha256 = sha;
  d.id = scr::report_id_for_sha(d.sha256);
  std::string name = "r";  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "r" + std::string
  name += std::to_string(i);
  name += ".pdf";
  d.files = {{name, 100, 1}};
  d.analysis.page_count = 2;
  // Enough text that commits rewrite many blocks, which is what makes readers' views go stale.
  std::string page;
  for (int w = 0; w < 400; ++w) page += "neglect word" + std::to_string((i * 7 + w) % 997) + " ";
  d.analysis.pages = {page, "the health visitor and the school " + std::to_string(i)};
  d.analysis.meta.title.offer("Serious Case Review " + std::to_string(i), scr::Source::kText);
  d.analysis.meta.year.offer(2005 + i % 20, scr::Source::kText);
  return d;
}

}  // namespace

TEST_CASE("reopen: searches during concurrent commits never fail and see new documents after commit",
          "[query][reopen][integration]") {
  fs::path dir = fs::temp_directory_path() / ("scr-reopen-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  scr::IndexWriter writer(dir.string());
  for (int i = 0; i < 50; ++i) writer.put_report(report(i));
  writer.commit();

  auto searcher = scr::Searcher::open(dir.string());
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, searches{0};
  std::thread reader([&] {
    scr::SearchRequest req;
    req.query = "neglect";
    req.limit = 20;
    req.facets = {"year"};
    while (!done) {
      auto r = searcher->search(req);
      if (!std::holds_alternative<scr::SearchResponse>(r)) ++failures;
      ++searches;
    }
  });
  size_t last_total = 50;
  for (int batch = 0; batch < 20; ++batch) {
    for (int i = 0; i < 10; ++i) writer.put_report(report(50 + batch * 10 + i));
    writer.commit();
    last_total += 10;
  }
  // Let the reader run a few more searches against the final state.
  int before = searches;
  while (searches < before + 5) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  done = true;
  reader.join();
  CHECK(failures == 0);
  CHECK(searches > 20);

  scr::SearchRequest all;
  all.query = "neglect";
  all.limit = 0;
  auto r = searcher->search(all);  // reopens: sees the last commit
  REQUIRE(std::holds_alternative<scr::SearchResponse>(r));
  CHECK(std::get<scr::SearchResponse>(r).total.value == last_total);
  fs::remove_all(dir);
}

TEST_CASE("writer: what was not committed is discarded when the writer goes, not published", "[index][integration]") {
  // Xapian's own destructor commits; an import or batch abandoned by an exception must not.
  fs::path dir = fs::temp_directory_path() / ("scr-discard-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    scr::IndexWriter writer(dir.string());
    writer.put_report(report(1));
    writer.commit();
  }
  {
    scr::IndexWriter writer(dir.string());
    writer.put_report(report(2));
    writer.set_metadata("probe", "uncommitted");
    CHECK(writer.document_count() == 2);  // the writer sees its own pending work
  }
  scr::IndexWriter reopened(dir.string());
  CHECK(reopened.document_count() == 1);
  auto searcher = scr::Searcher::open(dir.string());
  CHECK(searcher->info().documents == 1);
  searcher.reset();
  fs::remove_all(dir);
}
