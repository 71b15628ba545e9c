// Trend table speed: the library's one-pass year x theme table against the naive way (one Xapian
// query per cell, plus one per row total), on the same index, interleaved, medians of ROUNDS.
//
//   trends_bench INDEX_OR_STUB [ROUNDS]
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <cstdio>
#include <string>
#include <vector>

#include "scr/schema.h"
#include "scr/search.h"
#include "scr/taxonomy.h"
#include "scr/trends.h"

namespace sc = scr::schema;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: trends_bench INDEX_OR_STUB [ROUNDS]\n");
    return 2;
  }
  std::string index = argv[1];
  int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  auto searcher = scr::Searcher::open(index);
  Xapian::Database db(std::filesystem::is_regular_file(index) ? index : index + "/xapian");
  auto taxonomy = scr::Taxonomy::load_default();
  std::vector<double> one_pass, naive;
  size_t reports = 0, cells = 0;
  long checksum_lib = 0, checksum_naive = 0;
  for (int round = 0; round < rounds + 1; ++round) {
    auto t0 = Clock::now();
    scr::TrendRequest req;
    req.dimension = "theme";
    auto result = searcher->trends(req);
    auto t1 = Clock::now();
    const auto& table = std::get<scr::TrendTable>(result);
    // Naive: the same table, one count per cell.
    auto t2 = Clock::now();
    Xapian::Enquire enq(db);
    Xapian::Query type(sc::make_term(sc::kPrefixDocType, sc::kDocReport));
    long naive_sum = 0;
    for (const auto& row : table.rows) {
      Xapian::Query year(sc::make_term(sc::kPrefixYear, row.period));
      enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, type, year));
      naive_sum += enq.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
      for (const auto& theme : taxonomy.themes()) {
        Xapian::Query q(Xapian::Query::OP_FILTER, type,
                        Xapian::Query(Xapian::Query::OP_AND, year, Xapian::Query(sc::make_term(sc::kPrefixTheme, theme.id))));
        enq.set_query(q);
        naive_sum += enq.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
      }
    }
    auto t3 = Clock::now();
    if (round == 0) continue;  // warm-up
    one_pass.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    naive.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
    long lib_sum = 0;
    for (const auto& row : table.rows) {
      lib_sum += row.total;
      for (const auto& c : row.cells) lib_sum += c.count;
    }
    checksum_lib = lib_sum;
    checksum_naive = naive_sum;
    reports = 0;
    for (const auto& row : table.rows) reports += static_cast<size_t>(row.total);
    cells = table.rows.size() * table.columns.size();
  }
  std::printf("index: %s; %zu reports; year x theme table: %zu cells; %d rounds (after one warm-up)\n", index.c_str(),
              reports, cells, rounds);
  std::printf("| one pass (library) | %.1f ms |\n| naive, one query per cell | %.1f ms |\n| ratio naive / one pass | %.1fx |\n",
              median(one_pass), median(naive), median(naive) / median(one_pass));
  std::printf("same counts: %s\n", checksum_lib == checksum_naive ? "yes" : "NO");
  return checksum_lib == checksum_naive ? 0 : 1;
}
