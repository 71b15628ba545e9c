// scr-corpus: writes a corpus of realistic SCR-like PDF reports with ground truth.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "corpus_writer.h"
#include "scr/error.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  scr::corpus::CorpusOptions opt;
  bool quiet = false;
  po::options_description desc(
      "Usage: scr-corpus --out DIR [options]\n\n"
      "Writes generated Serious Case Review-like PDF reports with known ground truth, for tests,\n"
      "the demo and benchmarks. The same --seed always gives the same files, byte for byte.\n\n"
      "Output:\n"
      "  DIR/pdfs/            the PDFs, in the file-name styles repositories use (some in board folders)\n"
      "  DIR/truth.jsonl      one JSON line per report: metadata, themes, recommendations, pages\n"
      "  DIR/manifest.csv     a catalogue manifest of the same reports\n"
      "  DIR/bad-expected.csv with --bad: each bad input and the status an indexer should give it\n\n"
      "Options");
  desc.add_options()
      ("help,h", "show this help and exit")
      ("out,o", po::value(&opt.out), "output directory (created if missing)")
      ("reports,n", po::value(&opt.reports)->default_value(opt.reports), "number of good reports")
      ("seed,s", po::value(&opt.seed)->default_value(opt.seed), "random seed")
      ("bad", po::bool_switch(&opt.bad), "also write the bad inputs (corrupt, encrypted, image-only, huge, ...)")
      ("huge-pages", po::value(&opt.huge_pages)->default_value(opt.huge_pages), "length of the oversized bad input")
      ("min-pages", po::value(&opt.lengths.min)->default_value(opt.lengths.min), "shortest report, pages")
      ("median-pages", po::value(&opt.lengths.median)->default_value(opt.lengths.median), "median report length, pages")
      ("max-pages", po::value(&opt.lengths.max)->default_value(opt.lengths.max), "longest report, pages")
      ("jobs,j", po::value(&opt.jobs)->default_value(0), "worker threads (0 = one per core)")
      ("quiet,q", po::bool_switch(&quiet), "no progress line");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "scr-corpus: " << e.what() << "\nTry 'scr-corpus --help'.\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc << "\nExample:\n  scr-corpus --out sample --reports 40 --bad\n";
    return 0;
  }
  if (opt.out.empty()) {
    std::cerr << "scr-corpus: --out DIR is required\nTry 'scr-corpus --help'.\n";
    return 2;
  }
  if (opt.reports < 0 || opt.lengths.min < 3 || opt.lengths.min > opt.lengths.median ||
      opt.lengths.median > opt.lengths.max || opt.huge_pages < 3) {
    std::cerr << "scr-corpus: need reports >= 0, 3 <= min-pages <= median-pages <= max-pages, huge-pages >= 3\n";
    return 2;
  }
  bool tty = !quiet && isatty(STDERR_FILENO);
  try {
    auto summary = scr::corpus::write_corpus(opt, [&](const scr::corpus::Progress& p) {
      if (!tty) return;
      double rate = p.seconds > 0 ? p.done / p.seconds : 0;
      double eta = rate > 0 ? (p.total - p.done) / rate : 0;
      std::fprintf(stderr, "\r  %d/%d reports, %ld pages, %.1f reports/s, ETA %.0fs   ", p.done, p.total, p.pages,
                   rate, eta);
    });
    if (tty) std::fprintf(stderr, "\n");
    if (!quiet) {
      std::printf("scr-corpus: wrote %d reports (%ld pages)%s to %s in %.1fs\n", summary.reports, summary.pages,
                  opt.bad ? (" and " + std::to_string(summary.bad_inputs) + " bad inputs").c_str() : "",
                  opt.out.c_str(), summary.seconds);
    }
  } catch (const scr::Error& e) {
    std::cerr << "scr-corpus: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "scr-corpus: unexpected error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
