// Query latency: the query library (facets and snippets on) against raw Xapian (Enquire on the same
// parsed query, no facets, no snippets), on the same index, in the same run, interleaved so that
// the machine's noise hits both alike. Prints medians and 99th percentiles.
//
//   query_bench INDEX_DIR CORPUS_TRUTH.jsonl [ROUNDS]
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "query_builder.h"
#include "scr/boards.h"
#include "scr/search.h"

using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

std::vector<scr::SearchRequest> query_set(const std::string& truth_path) {
  // The kinds of queries researchers type: theme words and phrases, phrases with filters, year
  // ranges, pseudonyms, wildcards, boolean combinations.
  std::vector<std::string> qs = {
      "neglect", "\"domestic abuse\"", "co-sleeping", "\"information sharing\"", "\"disguised compliance\"",
      "\"voice of the child\"", "\"professional curiosity\"", "\"missed health appointments\"", "self-harm",
      "\"county lines\"", "\"child sexual exploitation\"", "\"parental substance misuse\"", "\"hidden men\"",
      "\"escalation policy\"", "\"rule of optimism\"", "\"start again syndrome\"", "\"post-natal depression\"",
      "methadone", "MARAC", "\"safer sleep\"", "bruising non-mobile", "\"abusive head trauma\"", "neglec*",
      "\"information sharing\" police", "\"domestic abuse\" region:london", "neglect year:2011..2014",
      "\"co-sleeping\" OR \"bed sharing\"", "\"domestic violence\" -alcohol", "health visitor AND midwife",
      "\"child protection plan\" outcome:death", "\"strategy discussion\" board:kent", "type:scr neglect",
      "\"was not brought\"", "interpreter", "\"temporary accommodation\"", "radicalisation", "\"female genital mutilation\"",
      "\"looked after\" missing", "school exclusion", "\"serious case review\" year:2010..2012", "caseloads supervision",
      "\"threshold\" \"early help\"", "lockdown", "autism", "\"care leaver\"", "psychosis", "\"coercive and controlling\""};
  std::ifstream in(truth_path);
  std::string line;
  int n = 0;
  while (std::getline(in, line) && n < 10) {
    auto j = nlohmann::json::parse(line);
    qs.push_back(j["pseudonym"].get<std::string>());
    qs.push_back(j["pseudonym"].get<std::string>() + " board:\"" + j["board"].get<std::string>() + "\"");
    ++n;
  }
  std::vector<scr::SearchRequest> out;
  for (const auto& q : qs) {
    scr::SearchRequest r;
    r.query = q;
    r.limit = 10;
    r.facets = {"year", "region", "board", "review_type"};
    r.snippets = true;
    r.snippets_per_hit = 2;
    out.push_back(r);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: query_bench INDEX_DIR TRUTH.jsonl [ROUNDS]\n");
    return 2;
  }
  std::string index = argv[1];
  int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
  auto queries = query_set(argv[2]);
  // Cold start: opening the index and the first search, before anything has warmed the process's
  // caches (the page cache is whatever the caller left: bench/scale_bench.sh drops it first).
  auto open_start = Clock::now();
  auto searcher = scr::Searcher::open(index);
  auto open_end = Clock::now();
  (void)searcher->search(queries.front());
  auto first_end = Clock::now();
  Xapian::Database db(index + "/xapian");
  scr::BoardRegistry boards = scr::BoardRegistry::load_default();
  scr::QueryBuilder builder(db, boards);
  std::vector<double> lib, raw, no_snippets, no_facets;
  std::vector<std::pair<double, std::string>> slowest;
  size_t errors = 0;
  for (int round = 0; round < rounds; ++round) {
    for (const auto& q : queries) {
      auto t0 = Clock::now();
      auto res = searcher->search(q);
      auto t1 = Clock::now();
      if (std::holds_alternative<scr::QueryError>(res)) ++errors;
      scr::SearchRequest plain = q;
      plain.snippets = false;
      auto ta = Clock::now();
      (void)searcher->search(plain);
      auto tb = Clock::now();
      plain = q;
      plain.facets.clear();
      auto tc = Clock::now();
      (void)searcher->search(plain);
      auto td = Clock::now();
      if (round > 0) {
        no_snippets.push_back(std::chrono::duration<double, std::milli>(tb - ta).count());
        no_facets.push_back(std::chrono::duration<double, std::milli>(td - tc).count());
      }
      // Raw Xapian: the same parsed query, top 10, nothing else.
      auto built = builder.build(q);
      auto t2 = Clock::now();
      Xapian::Enquire enq(db);
      enq.set_query(built.query);
      Xapian::MSet mset = enq.get_mset(0, 10);
      for (auto m = mset.begin(); m != mset.end(); ++m) (void)m.get_document().get_data();
      auto t3 = Clock::now();
      if (round > 0) {  // the first round warms the caches
        lib.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        slowest.emplace_back(lib.back(), q.query);
        raw.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
      }
    }
  }
  std::printf("queries: %zu, rounds: %d (first round not counted), query errors: %zu\n", queries.size(), rounds, errors);
  std::printf("cold start: open %.1f ms, first search (\"%s\") %.1f ms\n",
              std::chrono::duration<double, std::milli>(open_end - open_start).count(), queries.front().query.c_str(),
              std::chrono::duration<double, std::milli>(first_end - open_end).count());
  std::printf("| measure | library (facets + snippets) | raw Xapian (top 10) | ratio |\n|---|---|---|---|\n");
  std::printf("| p50 latency | %.2f ms | %.2f ms | %.1fx |\n", percentile(lib, 0.5), percentile(raw, 0.5),
              percentile(lib, 0.5) / percentile(raw, 0.5));
  std::printf("| p99 latency | %.2f ms | %.2f ms | %.1fx |\n", percentile(lib, 0.99), percentile(raw, 0.99),
              percentile(lib, 0.99) / percentile(raw, 0.99));
  std::sort(slowest.rbegin(), slowest.rend());
  std::printf("\nslowest through the library:");
  for (size_t i = 0; i < 5 && i < slowest.size(); ++i) std::printf(" %s (%.1f ms);", slowest[i].second.c_str(), slowest[i].first);
  std::printf("\nlibrary without snippets: p50 %.2f ms, p99 %.2f ms; without facets: p50 %.2f ms, p99 %.2f ms\n",
              percentile(no_snippets, 0.5), percentile(no_snippets, 0.99), percentile(no_facets, 0.5),
              percentile(no_facets, 0.99));
  return errors ? 1 : 0;
}
