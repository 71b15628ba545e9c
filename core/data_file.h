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

/// The whole number in `field`, `fallback` when it is absent; throws scr::Error naming `where` and
/// the field when it is not a whole number from `min` to `max` (checked before any conversion: a
/// number too large for the type would be undefined behaviour).
int whole_number(const nlohmann::json& j, const char* field, int fallback, int min, int max, const std::string& where);

}  // namespace scr::data_file
