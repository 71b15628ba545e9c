// scr-query: search an scr index from the command line.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "config_file.h"
#include "scr/csv.h"
#include "scr/error.h"
#include "scr/fields.h"
#include "scr/request_params.h"
#include "scr/search.h"
#include "scr/search_json.h"
#include "scr/trends.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;       // results, or none (not an error)
constexpr int kExitIndex = 1;    // the index is missing or unreadable
constexpr int kExitUsage = 2;    // bad command line or a query that cannot be understood

// Snippet HTML for a terminal: marks in bold colour (or *stars* when not a terminal), entities decoded.
std::string terminal_text(const std::string& html, bool colour) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 6, "<mark>") == 0) {
      out += colour ? "\033[1;33m" : "*";
      i += 6;
    } else if (html.compare(i, 7, "</mark>") == 0) {
      out += colour ? "\033[0m" : "*";
      i += 7;
    } else if (html[i] == '&') {
      static const std::pair<const char*, const char*> ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                                                  {"&quot;", "\""}, {"&#39;", "'"}};
      bool done = false;
      for (auto [e, c] : ents) {
        if (html.compare(i, std::strlen(e), e) == 0) {
          out += c;
          i += std::strlen(e);
          done = true;
          break;
        }
      }
      if (!done) out += html[i++];
    } else {
      out += html[i++];
    }
  }
  return out;
}

void print_human(const scr::SearchResponse& r, bool colour) {
  const char* bold = colour ? "\033[1m" : "";
  const char* dim = colour ? "\033[2m" : "";
  const char* reset = colour ? "\033[0m" : "";
  for (const auto& n : r.notes) std::cout << "note: " << n << "\n";
  if (!r.suggestion.empty()) std::cout << "did you mean: " << r.suggestion << "\n";
  if (r.hits.empty()) {
    std::cout << "No reports match.\n";
    return;
  }
  std::cout << (r.total.exact ? "" : "about ") << r.total.value << " result(s)\n\n";
  int rank = 0;
  for (const auto& h : r.hits) {
    std::cout << bold << ++rank << ". " << h.title << reset << "\n   " << dim << (h.board.empty() ? "board unknown" : h.board);
    if (h.year) std::cout << ", " << h.year;
    if (!h.review_type.empty()) std::cout << ", " << h.review_type;
    if (h.status != "ok" && !h.status.empty()) std::cout << ", status " << h.status;
    std::cout << "  [" << h.id << "]" << reset << "\n";
    for (const auto& s : h.snippets) {
      std::cout << "   p." << s.page << (s.label.empty() ? "" : ", " + s.label) << ": " << terminal_text(s.html, colour) << "\n";
    }
    std::cout << "\n";
  }
  for (const auto& [name, values] : r.facets) {
    std::cout << bold << name << reset << ":";
    for (const auto& v : values) std::cout << "  " << v.value << " (" << v.count << ")";
    std::cout << "\n";
  }
}

void print_csv(const scr::SearchResponse& r) {
  std::cout << scr::csv_line({"rank", "id", "title", "board", "region", "year", "review_type", "pseudonym", "status",
                              "pages", "file", "score"},
                             scr::CsvReader::kSpreadsheet);
  int rank = 0;
  for (const auto& h : r.hits) {
    std::cout << scr::csv_line({std::to_string(++rank), h.id, h.title, h.board, h.region, std::to_string(h.year),
                                h.review_type, h.pseudonym, h.status, std::to_string(h.pages), h.file,
                                std::to_string(h.score)},
                               scr::CsvReader::kSpreadsheet);
  }
}

// A trend table on a terminal: one line per column value, one column per period ("n  p%").
void print_trend(const scr::TrendTable& t) {
  size_t label_width = 8;
  for (const auto& c : t.columns) label_width = std::max(label_width, c.size());
  std::printf("%-*s", static_cast<int>(label_width), t.cross.empty() ? t.dimension.c_str() : (t.dimension + " | " + t.cross).c_str());
  for (const auto& r : t.rows) std::printf(" %14s", r.period.c_str());
  std::printf("\n%-*s", static_cast<int>(label_width), "total");
  for (const auto& r : t.rows) std::printf(" %14ld", r.total);
  std::printf("\n");
  for (size_t c = 0; c < t.columns.size(); ++c) {
    std::printf("%-*s", static_cast<int>(label_width), t.columns[c].c_str());
    for (const auto& r : t.rows) {
      const auto& cell = r.cells[c];
      if (cell.suppressed) std::printf(" %14s", "<suppressed>");
      else std::printf(" %7ld %5.1f%%", cell.count, 100.0 * cell.prevalence);
    }
    std::printf("\n");
  }
  for (const auto& n : t.notes) std::printf("note: %s\n", n.c_str());
}

}  // namespace

// scr-query report ID --why THEME: the audit trail of one theme tag.
int print_why(const nlohmann::json& rec, const std::string& theme) {
  for (const auto& t : rec.value("themes", nlohmann::json::array())) {
    if (t.value("id", "") != theme) continue;
    std::printf("%s: %s (score %.1f; %d mention(s) counted, %d cancelled)\n", theme.c_str(),
                t.value("present", false) ? "present" : "not present", t.value("score", 0.0), t.value("mentions", 0),
                t.value("cancelled", 0));
    for (const auto& e : t.value("evidence", nlohmann::json::array())) {
      std::printf("  counted   p.%-3d %s\n", e.value("page", 0), e.value("sentence", "").c_str());
    }
    for (const auto& e : t.value("cancelled_evidence", nlohmann::json::array())) {
      std::printf("  cancelled p.%-3d (%s) %s\n", e.value("page", 0), e.value("reason", "").c_str(),
                  e.value("sentence", "").c_str());
    }
    return 0;
  }
  std::printf("%s: not mentioned (no phrasing of the theme was found)\n", theme.c_str());
  return 0;
}

int main(int argc, char** argv) {
  std::string config_path;
  std::string index = std::getenv("SCR_INDEX") ? std::getenv("SCR_INDEX") : "scr-index";
  std::string why_theme;
  std::vector<std::string> words;
  bool json_out = false, csv_out = false, no_snippets = false, no_synonyms = false, literal = false;
  // Every request option is kept as text, by the HTTP API's parameter name, and parsed by the
  // query library's RequestParams: the command line and scr-searchd accept and refuse the same
  // values, with the same messages (here spelt as the options are).
  std::map<std::string, std::string> text_opts;
  std::map<std::string, std::vector<std::string>> list_opts;
  po::options_description desc(
      "Usage: scr-query [options] QUERY...\n"
      "       scr-query [options] report ID\n"
      "       scr-query [options] similar ID\n"
      "       scr-query [options] trends [QUERY]     (counts per period: see Trends below)\n"
      "       scr-query [options] coverage --period A..B\n\n"
      "Searches an scr index. QUERY uses the syntax of docs/query-syntax.md: words (all must match),\n"
      "\"phrases\", OR, NOT, -word, neglec*, title:, child:, board:, region:, theme:, agency:, type:,\n"
      "outcome:, age:, sex:, status:, year:2016, year:2011..2014.\n\n"
      "Exit status: 0 (also when nothing matches), 1 index missing or unreadable, 2 bad usage or a\n"
      "query that cannot be understood (the message says why).\n\nOptions");
  const std::string facets_help = "facets to count, comma-separated: " + scr::field_names(&scr::Field::facet);
  desc.add_options()
      ("help,h", "show this help and exit")
      ("version", "print the version, the data files and the config file used, and exit")
      ("config,c", po::value(&config_path), "config file: name = value lines of long options, [index] [searchd] [query]\n"
       "sections (default: $SCR_CONFIG, else /etc/scr-search/scr-search.conf if present)")
      ("index,i", po::value(&index), "index folder, or a Xapian stub file naming shards\n(default: the config file's, else $SCR_INDEX,\nelse ./scr-index)")
      ("json", po::bool_switch(&json_out), "print the response as JSON (the HTTP API's shape)")
      ("csv", po::bool_switch(&csv_out), "print one CSV row per hit")
      ("limit,n", po::value(&text_opts["limit"]), "hits to show (default 10, at most 100)")
      ("offset", po::value(&text_opts["offset"]), "hits to skip")
      ("sort", po::value(&text_opts["sort"]), "relevance (default), newest, oldest or indexed (newest indexed first)")
      ("facets", po::value(&text_opts["facets"]), facets_help.c_str());
  // A filter option for each filter field (--board, --theme, --sex, --era, ...), as the HTTP API's parameters.
  for (const auto& f : scr::fields()) {
    if (!f.filter) continue;
    const std::string help = "only " + std::string(f.hint) + " (repeatable: any of them)";
    desc.add_options()(std::string(f.name).c_str(), po::value(&list_opts[std::string(f.name)])->composing(), help.c_str());
  }
  desc.add_options()
      ("years", po::value(&text_opts["year"]), "year range A..B (inclusive), or one year")
      ("no-snippets", po::bool_switch(&no_snippets), "do not show snippets")
      ("no-synonyms", po::bool_switch(&no_synonyms), "search the words only: do not widen a theme phrasing\n"
                                                     "(\"bed sharing\") to the reports tagged with its theme")
      ("literal", po::bool_switch(&literal), "search the words as written: do not read a query asking for\n"
                                               "recommendations (\"what was recommended to GPs about ...\")\n"
                                               "as a search of the reports' recommendations")
      ("snippets", po::value(&text_opts["snippets_per_hit"]), "snippets per hit (default 2, at most 5)")
      ("why", po::value(&why_theme), "with 'report ID': why the report has (or has not) theme THEME: the\n"
                                     "sentences counted and those cancelled, with the reason");
  po::options_description trend_opts("Trends (scr-query trends [options] [QUERY])");
  trend_opts.add_options()
      ("by", po::value(&text_opts["by"]), "rows by year (publication year, the default) or incident-year\n"
                                   "(the year the child died or was harmed); pool years with --per")
      ("columns", po::value(&text_opts["columns"]), "the dimension counted: theme (default), theme-group, agency,\n"
                                             "agency-group, region, board, outcome, age, sex, review, era,\n"
                                             "clarity, implementation, status")
      ("cross", po::value(&text_opts["cross"]), "a second dimension crossed with the first (e.g. --columns age --cross sex)")
      ("per", po::value(&text_opts["per"]), "pooled periods, e.g. 2011-2014,2014-2017 (default: every year)")
      ("unit", po::value(&text_opts["unit"]), "reports (default) or recommendations")
      ("suppress", po::value(&text_opts["suppress"]), "show cells below N as suppressed, as official statistics do")
      ("period", po::value(&text_opts["period"]), "coverage: the years, e.g. 2015..2017")
      ("boards", po::value(&text_opts["boards"]), "coverage: 'all' boards of the shipped list (default) or those 'seen' in the index");
  desc.add(trend_opts);
  po::options_description hidden;
  hidden.add_options()("words", po::value(&words)->composing());
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("words", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    config_path = vm.count("config") ? vm["config"].as<std::string>() : scr::cli::default_config_path();
    if (vm.count("version")) {
      std::cout << scr::cli::version_text("scr-query", config_path);
      return kExitOk;
    }
    if (!vm.count("help")) scr::cli::store_config_file(config_path, vm.count("config") > 0, "query", desc, vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "scr-query: " << e.what() << "\nTry 'scr-query --help'.\n";
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << desc << "\nExamples:\n"
                         "  scr-query co-sleeping\n"
                         "  scr-query '\"information sharing\" police' --facets year,region\n"
                         "  scr-query 'neglect year:2011..2014 region:london' --sort newest\n"
                         "  scr-query 'Child K' --board Kent\n"
                         "  scr-query --status corrupt --status encrypted ''      (files that could not be read)\n"
                         "  scr-query report r0123456789abcdef\n"
                         "  scr-query trends --columns theme --per 2011-2014,2014-2017 --csv\n"
                         "  scr-query trends --columns agency --unit recommendations neglect\n"
                         "  scr-query trends --columns age --cross sex --suppress 5 outcome:death\n"
                         "  scr-query coverage --period 2015..2017\n"
                         "  scr-query 'type:recommendation agency:police theme:information-sharing'\n"
                         "  scr-query 'what was recommended to GPs about missed appointments'\n";
    return kExitOk;
  }
  // The command's words: a search's query, or a subcommand and its argument or query.
  // ("report" alone, or with more than an id, is a search for the words.)
  std::string command;
  if (!words.empty() && (words[0] == "trends" || words[0] == "coverage")) command = words[0];
  if (words.size() == 2 && (words[0] == "report" || words[0] == "similar")) command = words[0];
  std::multimap<std::string, std::string> params;
  std::string query;
  for (size_t i = command.empty() ? 0 : 1; i < words.size(); ++i) query += (query.empty() ? "" : " ") + words[i];
  if (command != "report" && command != "similar") params.emplace("q", query);
  for (const auto& [name, value] : text_opts) {
    if (!value.empty()) params.emplace(name, value);
  }
  for (const auto& [name, values] : list_opts) {
    for (const auto& v : values) params.emplace(name, v);
  }
  if (no_snippets) params.emplace("snippets", "false");
  if (no_synonyms) params.emplace("synonyms", "false");
  if (literal) params.emplace("literal", "true");
  // coverage takes its years from --period, or else from --years
  if (command == "coverage" && text_opts["period"].empty() && !text_opts["year"].empty()) {
    params.emplace("period", text_opts["year"]);
  }
  const scr::RequestParams request(std::move(params), {},
                                   {{"q", "the query"}, {"year", "--years"}, {"snippets_per_hit", "--snippets"},
                                    {"limit", "--limit"}, {"offset", "--offset"}, {"sort", "--sort"},
                                    {"by", "--by"}, {"per", "--per"}, {"suppress", "--suppress"},
                                    {"period", "--period"}, {"boards", "--boards"}, {"snippets", "--no-snippets"},
                                    {"facets", "--facets"}});
  scr::SearchRequest req;
  scr::TrendRequest tr;
  scr::CoverageRequest cr;
  try {
    if (command == "trends") tr = request.trends();
    else if (command == "coverage") cr = request.coverage();
    else req = request.search();
  } catch (const scr::ParamError& e) {
    std::cerr << "scr-query: " << e.what() << "\nTry 'scr-query --help'.\n";
    return kExitUsage;
  }

  std::unique_ptr<scr::Searcher> searcher;
  try {
    searcher = scr::Searcher::open(index);
  } catch (const scr::Error& e) {
    std::cerr << "scr-query: " << e.what() << "\n";
    return kExitIndex;
  }
  auto print = [&](const scr::SearchResponse& r) {
    if (json_out) std::cout << scr::search_response_json(r, true) << "\n";
    else if (csv_out) print_csv(r);
    else print_human(r, isatty(STDOUT_FILENO));
  };
  try {
    if (command == "report" || command == "similar") {
      if (command == "report") {
        auto rec = searcher->report(words[1]);
        if (!rec) {
          std::cerr << "scr-query: no report with id '" << words[1] << "'\n";
          return kExitUsage;
        }
        if (rec->damaged) {
          std::cerr << "scr-query: the stored record of report '" << words[1] << "' is damaged (scr-index --check)\n";
          return kExitIndex;
        }
        auto j = nlohmann::json::parse(rec->json);
        if (!why_theme.empty()) return print_why(j, why_theme);
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return kExitOk;
      }
      auto result = searcher->similar(words[1], req.limit);
      if (auto* err = std::get_if<scr::QueryError>(&result)) {
        std::cerr << "scr-query: " << err->message << "\n";
        return kExitUsage;
      }
      print(std::get<scr::SearchResponse>(result));
      return kExitOk;
    }
    if (command == "coverage") {
      auto c = searcher->coverage(cr);
      if (json_out) {
        std::cout << scr::coverage_json(c, true) << "\n";
      } else {
        std::printf("%zu of %zu boards published no report in %d-%d:\n", c.without.size(), c.boards_considered,
                    c.period.from, c.period.to);
        for (const auto& b : c.without) std::printf("  %s\n", b.c_str());
      }
      return kExitOk;
    }
    if (command == "trends") {
      auto result = searcher->trends(tr);
      if (auto* err = std::get_if<scr::QueryError>(&result)) {
        if (json_out) std::cout << scr::query_error_json(*err) << "\n";
        std::cerr << "scr-query: " << err->message << "\n";
        return kExitUsage;
      }
      const auto& table = std::get<scr::TrendTable>(result);
      if (json_out) std::cout << scr::trend_table_json(table, true) << "\n";
      else if (csv_out) std::cout << scr::trend_table_csv(table);
      else print_trend(table);
      return kExitOk;
    }
    auto result = searcher->search(req);
    if (auto* err = std::get_if<scr::QueryError>(&result)) {
      if (json_out) std::cout << scr::query_error_json(*err) << "\n";
      std::cerr << "scr-query: " << err->message << "\n";
      return kExitUsage;
    }
    print(std::get<scr::SearchResponse>(result));
  } catch (const scr::Error& e) {
    std::cerr << "scr-query: " << e.what() << "\n";
    return kExitIndex;
  }
  return kExitOk;
}
