// The config file the command-line tools share, and the --version line they print.
//
// One file configures a server: /etc/scr-search/scr-search.conf unless $SCR_CONFIG or --config
// names another. Its keys are the tools' long option names, one "name = value" a line; keys at the
// top apply to every tool that has that option, keys under a [index], [searchd] or [query]
// section only to scr-index, scr-searchd or scr-query. Options given on the command line win.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <string_view>

namespace scr::cli {

/// The default config file: $SCR_CONFIG if set (empty: none), else /etc/scr-search/scr-search.conf.
std::string default_config_path();

/// Stores the options of `path` that apply to `tool` ("index", "searchd", "query") into `vm`,
/// after those already there (so the command line wins). A missing file is an error only when
/// `required`. Throws boost::program_options::error naming the file and line for a key under this
/// tool's section that `desc` does not know, a bad value, or an unreadable file. Top-level keys
/// `desc` does not know are another tool's and are skipped. A switch (an option taking no value)
/// is written "name = true" or "name = false".
void store_config_file(const std::string& path, bool required, std::string_view tool,
                       const boost::program_options::options_description& desc,
                       boost::program_options::variables_map& vm);

/// "scr-index 0.1.0 (index schema 2, extractor 5)\ndata files: DIR\nconfig file: PATH (found|not found)".
std::string version_text(std::string_view program, const std::string& config_path);

}  // namespace scr::cli
