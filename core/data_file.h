// Reading the project's JSON data files (taxonomy, agencies): one way to read them and one way to
// report what is wrong, naming the file and the line. Internal to scr_core.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace scr::data_file {

/// The whole file; throws scr::Error "<path>: cannot read the <what>".
std::string read(const std::string& path, const std::string& what);

/// Parses `text`; a syntax error becomes scr::Error "<source>: line L, column C: not valid JSON (...)".
nlohmann::json parse(const std::string& text, const std::string& source);

/// The list of non-empty strings in `field`; throws scr::Error naming `where` and the field.
std::vector<std::string> strings(const nlohmann::json& j, const char* field, const std::string& where, bool required);

}  // namespace scr::data_file
