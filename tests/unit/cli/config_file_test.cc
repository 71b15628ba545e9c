// The config file the tools share (cli/config_file.h): sections, precedence, switches, errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "config_file.h"

namespace po = boost::program_options;

namespace {

struct Options {
  std::string index = "unset", listen = "unset";
  int port = 0;
  bool quiet = false;
  po::options_description desc;
  Options() {
    desc.add_options()("index,i", po::value(&index))("listen", po::value(&listen))(
        "port", po::value(&port)->default_value(8080))("quiet", po::bool_switch(&quiet));
  }
};

std::string write_file(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("scr-config-test-" + name);
  std::ofstream(path) << text;
  return path.string();
}

// Command line first, then the file, as the tools do.
void load(Options& o, const std::vector<const char*>& argv, const std::string& path, std::string_view tool) {
  po::variables_map vm;
  po::store(po::parse_command_line(static_cast<int>(argv.size()), argv.data(), o.desc), vm);
  scr::cli::store_config_file(path, true, tool, o.desc, vm);
  po::notify(vm);
}

std::string error_of(const std::string& text, std::string_view tool = "searchd") {
  Options o;
  try {
    load(o, {"prog"}, write_file("bad.conf", text), tool);
  } catch (const po::error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("config file: top-level keys apply to every tool, a section only to its own", "[unit][cli]") {
  const std::string path = write_file("sections.conf",
                                      "# a comment\n"
                                      "index = /srv/scr/index\n"
                                      "corpus-root = /srv/scr/reports\n"  // unknown to these options: skipped
                                      "\n[searchd]\nport = 9090\nquiet = true\n"
                                      "[index]\nport = 1\nbogus = 2\n");
  Options searchd;
  load(searchd, {"prog"}, path, "searchd");
  CHECK(searchd.index == "/srv/scr/index");
  CHECK(searchd.port == 9090);
  CHECK(searchd.quiet);
  CHECK(searchd.listen == "unset");
  // The [index] section (with a key scr-searchd lacks) is not scr-searchd's business.
  Options query;
  load(query, {"prog"}, path, "query");
  CHECK(query.port == 8080);
  CHECK_FALSE(query.quiet);
}

TEST_CASE("config file: the command line wins, a switch can be written false", "[unit][cli]") {
  Options o;
  load(o, {"prog", "--port", "7000", "-i", "here"}, write_file("precedence.conf", "index = there\n[searchd]\nport = 9090\nquiet = false\n"),
       "searchd");
  CHECK(o.port == 7000);
  CHECK(o.index == "here");
  CHECK_FALSE(o.quiet);
}

TEST_CASE("config file: errors name the file and the line", "[unit][cli]") {
  CHECK_THAT(error_of("[searchd]\n\nbogus = 1\n"), Catch::Contains("bad.conf:3") && Catch::Contains("no option \"bogus\""));
  CHECK_THAT(error_of("[searchd]\nport = abc\n"), Catch::Contains("bad.conf:2") && Catch::Contains("port"));
  CHECK_THAT(error_of("[searchd]\nquiet = maybe\n"), Catch::Contains("true or false"));
  CHECK_THAT(error_of("[daemon]\n"), Catch::Contains("unknown section [daemon]"));
  CHECK_THAT(error_of("index\n"), Catch::Contains("expected name = value"));
  CHECK_THAT(error_of("[searchd]\nconfig = other.conf\n"), Catch::Contains("no option \"config\""));
  // A default file that is not there is no error; a named one is.
  Options o;
  po::variables_map vm;
  CHECK_NOTHROW(scr::cli::store_config_file("/nonexistent/scr.conf", false, "searchd", o.desc, vm));
  CHECK_THROWS_WITH(scr::cli::store_config_file("/nonexistent/scr.conf", true, "searchd", o.desc, vm),
                    Catch::Contains("cannot read the config file /nonexistent/scr.conf"));
}
