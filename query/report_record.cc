#include "report_record.h"

#include <map>
#include <nlohmann/json.hpp>

#include "scr/schema.h"

namespace scr {

namespace sc = schema;
using nlohmann::json;

std::optional<std::string> served_report_record(const Xapian::Database& db, const std::string& report_id,
                                                const std::string& stored) {
  json record = json::parse(stored, nullptr, false);
  if (record.is_discarded() || !record.is_object()) return std::nullopt;
  record.erase("page_starts");  // term positions of the pages: for snippets only

  // A status is imported onto the recommendation's document (so that re-reading the report keeps
  // it): found through the documents that name this report as theirs.
  std::map<std::string, std::string> status_by_number;
  const std::string parent = sc::make_term(sc::kPrefixReport, report_id);
  for (auto it = db.postlist_begin(parent); it != db.postlist_end(parent); ++it) {
    json rec = json::parse(db.get_document(*it).get_data(), nullptr, false);
    if (rec.is_discarded() || rec.value("type", "") != "recommendation") continue;
    auto impl = rec.find("implementation");
    if (impl == rec.end() || !impl->is_object() || !rec.contains("number")) continue;
    status_by_number[rec["number"].is_string() ? rec["number"].get<std::string>() : rec["number"].dump()] = impl->value("status", "");
  }
  if (!status_by_number.empty() && record.contains("recommendations") && record["recommendations"].is_array()) {
    for (auto& r : record["recommendations"]) {
      if (!r.is_object() || r.value("kind", "") != "recommendation") continue;
      auto it = status_by_number.find(r.value("number", ""));
      if (it != status_by_number.end() && !it->second.empty()) r["implementation"] = it->second;
    }
  }
  return record.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace scr
