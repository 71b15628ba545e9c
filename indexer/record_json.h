// The JSON forms of a report's parts (metadata with provenance, theme tags, recommendations):
// one codec for the worker's answer (analyse.h) and the index's report records (index_writer.h),
// so each stored key is named in one place. JSON values, not strings: a caller building a larger
// document puts them in without a round trip through text.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "recommendations.h"
#include "scr/report.h"
#include "scr/tagger.h"

namespace scr::record_json {

/// {field: {"value": ..., "source": ...}}; unknown fields left out.
nlohmann::json meta_json(const ReportMeta& m);
/// The `*_from` readers throw nlohmann::json exceptions on a value of the wrong type.
ReportMeta meta_from(const nlohmann::json& j);

nlohmann::json themes_json(const std::vector<ThemeTag>& tags);
std::vector<ThemeTag> themes_from(const nlohmann::json& a);

nlohmann::json recommendations_json(const std::vector<Recommendation>& recs);
std::vector<Recommendation> recommendations_from(const nlohmann::json& a);

}  // namespace scr::record_json
