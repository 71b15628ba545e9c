#include "corpus_writer.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "pdf_renderer.h"
#include "scr/boards.h"
#include "scr/csv.h"
#include "scr/error.h"

namespace scr::corpus {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json to_json(const ReportTruth& t) {
  json recs = json::array();
  for (const auto& r : t.recommendations) {
    recs.push_back({{"number", r.number}, {"label", r.label}, {"text", r.text}, {"agencies", r.agencies},
                    {"theme", r.theme}, {"has_time_frame", r.has_time_frame}, {"subitems", r.subitems}});
  }
  json findings = json::array();
  for (const auto& f : t.findings) findings.push_back({{"number", f.number}, {"title", f.title}, {"questions", f.questions}});
  return {{"id", t.id},
          {"file", t.file},
          {"title", t.title},
          {"review_type", t.review_type},
          {"board", t.board},
          {"board_as_written", t.board_as_written},
          {"region", t.region},
          {"year", t.year},
          {"month", t.month},
          {"incident_year", t.incident_year},
          {"pseudonym", t.pseudonym},
          {"pseudonym_style", t.pseudonym_style},
          {"child_ref", t.child_ref},
          {"child_age_months", t.child_age_months},
          {"age_band", t.age_band},
          {"sex", t.sex},
          {"outcome", t.outcome},
          {"author", t.author},
          {"themes", t.themes},
          {"theme_mentions", t.theme_mentions},
          {"negated_themes", t.negated_themes},
          {"hypothetical_themes", t.hypothetical_themes},
          {"distractor_themes", t.distractor_themes},
          {"recommendations", recs},
          {"findings", findings},
          {"pages", t.pages},
          {"section_pages", t.section_pages},
          {"features", t.features},
          {"summary", t.summary}};
}

std::string manifest_header() {
  return csv_line({"id", "file", "title", "board", "region", "year", "publication_date", "review_type", "pseudonym",
                   "child_age_months", "age_band", "sex", "outcome", "summary", "keywords"});
}

std::string manifest_row(const ReportTruth& t) {
  char date[16];
  std::snprintf(date, sizeof date, "%02d/%02d/%04d", 1, t.month, t.year);
  std::string keywords;
  for (size_t i = 0; i < t.themes.size(); ++i) keywords += (i ? "|" : "") + t.themes[i];
  return csv_line({t.id, t.file, t.title, t.board, t.region, std::to_string(t.year), date, t.review_type, t.pseudonym,
                   std::to_string(t.child_age_months), t.age_band, t.sex, t.outcome, t.summary, keywords});
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw OutputError(p.string() + ": cannot write");
}

}  // namespace

std::string truth_json_line(const ReportTruth& truth) { return to_json(truth).dump(); }

ReportTruth parse_truth_line(const std::string& line) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw DataFileError("truth: not a JSON object");
  try {
    ReportTruth t;
    j.at("id").get_to(t.id);
    j.at("file").get_to(t.file);
    j.at("title").get_to(t.title);
    j.at("review_type").get_to(t.review_type);
    j.at("board").get_to(t.board);
    j.at("board_as_written").get_to(t.board_as_written);
    j.at("region").get_to(t.region);
    j.at("year").get_to(t.year);
    j.at("month").get_to(t.month);
    j.at("incident_year").get_to(t.incident_year);
    j.at("pseudonym").get_to(t.pseudonym);
    j.at("pseudonym_style").get_to(t.pseudonym_style);
    j.at("child_ref").get_to(t.child_ref);
    j.at("child_age_months").get_to(t.child_age_months);
    j.at("age_band").get_to(t.age_band);
    j.at("sex").get_to(t.sex);
    j.at("outcome").get_to(t.outcome);
    j.at("author").get_to(t.author);
    j.at("themes").get_to(t.themes);
    j.at("theme_mentions").get_to(t.theme_mentions);
    j.at("negated_themes").get_to(t.negated_themes);
    j.at("hypothetical_themes").get_to(t.hypothetical_themes);
    if (j.contains("distractor_themes")) j.at("distractor_themes").get_to(t.distractor_themes);
    for (const auto& r : j.at("recommendations")) {
      TruthRecommendation rec;
      r.at("number").get_to(rec.number);
      r.at("label").get_to(rec.label);
      r.at("text").get_to(rec.text);
      r.at("agencies").get_to(rec.agencies);
      r.at("theme").get_to(rec.theme);
      r.at("has_time_frame").get_to(rec.has_time_frame);
      r.at("subitems").get_to(rec.subitems);
      t.recommendations.push_back(std::move(rec));
    }
    for (const auto& f : j.at("findings")) {
      TruthFinding fi;
      f.at("number").get_to(fi.number);
      f.at("title").get_to(fi.title);
      f.at("questions").get_to(fi.questions);
      t.findings.push_back(std::move(fi));
    }
    j.at("pages").get_to(t.pages);
    j.at("section_pages").get_to(t.section_pages);
    j.at("features").get_to(t.features);
    j.at("summary").get_to(t.summary);
    return t;
  } catch (const json::exception& e) {
    throw DataFileError(std::string("truth: ") + e.what());
  }
}

std::vector<ReportTruth> read_truth_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw DataFileError(path + ": cannot open");
  std::vector<ReportTruth> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    try {
      out.push_back(parse_truth_line(line));
    } catch (const DataFileError& e) {
      throw DataFileError(path + ":" + std::to_string(n) + ": " + e.what());
    }
  }
  return out;
}

CorpusSummary write_corpus(const CorpusOptions& options, const std::function<void(const Progress&)>& on_progress) {
  auto start = std::chrono::steady_clock::now();
  fs::path out(options.out);
  fs::path pdf_root = out / "pdfs";
  fs::create_directories(pdf_root);
  BoardRegistry boards = BoardRegistry::load_default();

  // No pango or fontconfig call may happen in this process before the forks below: pango starts a
  // helper thread to initialise fontconfig, and a fork taken while that thread holds a GLib lock
  // leaves the child deadlocked (seen: g_weak_ref_set waiting forever). Each child initialises
  // its own, from the same clean state, which also keeps the output byte-identical.
  // Two reports can draw the same file name (same board, year and pseudonym). Real repositories
  // add a suffix; so do we, in report order, decided before any worker starts so that the names do
  // not depend on scheduling.
  std::vector<std::string> files;
  {
    std::map<std::string, int> seen;
    for (int i = 0; i < options.reports; ++i) {
      std::string f = planned_file_name(options.seed, i, boards);
      if (int n = seen[f]++; n > 0) f = f.substr(0, f.size() - 4) + "-" + std::to_string(n + 1) + ".pdf";
      files.push_back(f);
    }
  }

  CorpusSummary summary;
  summary.truths.resize(static_cast<size_t>(options.reports));
  // Each report is rendered in a child process forked from this one. Text measurement in pango and
  // cairo depends on caches shared by a process's threads, and with threads the same report came
  // out with slightly different word spacing from run to run; a fresh fork per report starts every
  // report from the same state, so the bytes depend on the seed alone. A fork costs far less than
  // laying out a report.
  long pages = 0;
  int done = 0;
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  struct Child {
    int index;
    int fd;
    std::string output;
  };
  std::map<pid_t, Child> running;
  int next = 0;
  std::string failure;
  auto report_progress = [&] {
    if (!on_progress) return;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    on_progress({done, options.reports, pages, secs});
  };
  while ((next < options.reports && failure.empty()) || !running.empty()) {
    while (static_cast<int>(running.size()) < jobs && next < options.reports && failure.empty()) {
      int fds[2];
      if (pipe(fds) != 0) throw OutputError(std::string("cannot create a pipe: ") + std::strerror(errno));
      int i = next++;
      std::fflush(nullptr);
      pid_t pid = fork();
      if (pid < 0) throw OutputError(std::string("cannot fork a worker: ") + std::strerror(errno));
      if (pid == 0) {
        close(fds[0]);
        std::string message;
        int code = 0;
        try {
          int target = draw_target_pages(options.seed, i, options.lengths);
          ComposedReport c = compose_report(options.seed, i, target, boards);
          c.truth.file = files[static_cast<size_t>(i)];
          fs::path path = pdf_root / c.truth.file;
          fs::create_directories(path.parent_path());
          RenderResult r = render_pdf(c.document, path.string(), {});
          c.truth.pages = r.pages;
          c.truth.section_pages = r.section_pages;
          message = truth_json_line(c.truth);
        } catch (const std::exception& e) {
          message = e.what();
          code = 1;
        }
        for (size_t off = 0; off < message.size();) {
          ssize_t w = write(fds[1], message.data() + off, message.size() - off);
          if (w <= 0) break;
          off += static_cast<size_t>(w);
        }
        _exit(code);
      }
      close(fds[1]);
      running.emplace(pid, Child{i, fds[0], {}});
    }
    // Drain every child's pipe (a truth line can exceed the pipe buffer), then reap.
    std::vector<pollfd> polls;
    for (auto& [pid, c] : running) polls.push_back({c.fd, POLLIN, 0});
    if (poll(polls.data(), polls.size(), 500) < 0 && errno != EINTR) {
      throw OutputError(std::string("poll failed: ") + std::strerror(errno));
    }
    for (auto it = running.begin(); it != running.end();) {
      Child& c = it->second;
      char buf[65536];
      ssize_t got;
      bool eof = false;
      pollfd pfd{c.fd, POLLIN, 0};
      while (poll(&pfd, 1, 0) > 0) {
        got = read(c.fd, buf, sizeof buf);
        if (got <= 0) {
          eof = true;
          break;
        }
        c.output.append(buf, static_cast<size_t>(got));
      }
      if (!eof) {
        ++it;
        continue;
      }
      close(c.fd);
      int status = 0;
      waitpid(it->first, &status, 0);
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        ReportTruth t = parse_truth_line(c.output);
        pages += t.pages;
        summary.truths[static_cast<size_t>(c.index)] = std::move(t);
      } else if (failure.empty()) {
        failure = "report " + std::to_string(c.index) + ": " +
                  (c.output.empty() ? "worker died (signal " + std::to_string(WTERMSIG(status)) + ")" : c.output);
      }
      ++done;
      it = running.erase(it);
    }
    report_progress();
  }
  if (!failure.empty()) throw OutputError(failure);

  std::string truth_text, manifest = manifest_header();
  for (const auto& t : summary.truths) {
    truth_text += truth_json_line(t) + "\n";
    manifest += manifest_row(t);
  }
  write_text(out / "truth.jsonl", truth_text);
  write_text(out / "manifest.csv", manifest);

  if (options.bad) {
    auto bad = write_bad_inputs(pdf_root.string(), {options.seed, options.huge_pages}, boards);
    std::string expected = csv_line({"file", "expected_status", "what", "pages"});
    for (const auto& b : bad) expected += csv_line({b.file, b.expected, b.what, std::to_string(b.pages)});
    write_text(out / "bad-expected.csv", expected);
    summary.bad_inputs = static_cast<int>(bad.size());
  }
  summary.reports = options.reports;
  summary.pages = pages;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace scr::corpus
