#include "config_file.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scr/boards.h"
#include "scr/schema.h"

#ifndef SCR_VERSION
#error "SCR_VERSION must be defined by the build"
#endif

namespace po = boost::program_options;

namespace scr::cli {

std::string default_config_path() {
  if (const char* env = std::getenv("SCR_CONFIG")) return env;
  return "/etc/scr-search/scr-search.conf";
}

namespace {

std::string trim(std::string s) {
  const char* space = " \t\r";
  s.erase(0, s.find_first_not_of(space));
  s.erase(s.find_last_not_of(space) + 1);
  return s;
}

// A switch takes no value on the command line; in the file it says true or false.
bool switch_value(const std::string& value, const std::string& where) {
  if (value == "true" || value == "yes" || value == "on" || value == "1") return true;
  if (value == "false" || value == "no" || value == "off" || value == "0") return false;
  throw po::error(where + ": a switch is true or false, not \"" + value + "\"");
}

}  // namespace

// Read by hand rather than with po::parse_config_file: that parser cannot skip another tool's
// section or report the line of a bad key, and it rejects "switch = true".
void store_config_file(const std::string& path, bool required, std::string_view tool,
                       const po::options_description& desc, po::variables_map& vm) {
  if (path.empty()) return;
  std::ifstream in(path);
  if (!in) {
    std::error_code ec;
    if (!required && !std::filesystem::exists(path, ec)) return;
    throw po::error("cannot read the config file " + path);
  }
  std::string line, section;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string where = path + ":" + std::to_string(number);
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']') throw po::error(where + ": a section is written [name]");
      section = trim(line.substr(1, line.size() - 2));
      if (section != "index" && section != "searchd" && section != "query") {
        throw po::error(where + ": unknown section [" + section + "] (index, searchd or query)");
      }
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string::npos) throw po::error(where + ": expected name = value");
    std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (!section.empty() && section != tool) continue;
    const po::option_description* d = desc.find_nothrow(key, false, false, false);
    if (!d || key == "config" || key == "help" || key == "version") {
      if (section.empty()) continue;  // another tool's option
      throw po::error(where + ": scr-" + std::string(tool) + " has no option \"" + key + "\"");
    }
    po::option opt(key, {});
    if (d->semantic()->max_tokens() == 0) {
      if (!switch_value(value, where)) continue;
    } else {
      opt.value.push_back(value);
    }
    opt.original_tokens = {key, value};
    // Stored a line at a time, so that a bad value is reported with its line.
    po::parsed_options one(&desc);
    one.options.push_back(std::move(opt));
    try {
      po::store(one, vm);
    } catch (const po::error& e) {
      throw po::error(where + ": " + e.what());
    }
  }
}

std::string version_text(std::string_view program, const std::string& config_path) {
  std::ostringstream out;
  std::error_code ec;
  out << program << " " << SCR_VERSION << " (index schema " << schema::kSchemaVersion << ", extractor "
      << schema::kExtractorVersion << ")\n"
      << "data files: " << data_dir() << "\n"
      << "config file: " << (config_path.empty() ? "(none)" : config_path)
      << (config_path.empty() ? "" : std::filesystem::exists(config_path, ec) ? " (found)" : " (not found)") << "\n";
  return out.str();
}

}  // namespace scr::cli
