#include "status_import.h"

#include <map>
#include <nlohmann/json.hpp>

#include "index_writer.h"
#include "scr/boards.h"
#include "scr/csv.h"
#include "scr/error.h"
#include "scr/text.h"

namespace scr {
namespace {

using nlohmann::json;

// "open", "In progress", "in-progress", "Done", "complete", "not accepted", "rejected".
std::string canonical_status(const std::string& raw) {
  std::string k = alnum_key(raw);
  if (k == "open" || k == "notstarted" || k == "new") return "open";
  if (k == "inprogress" || k == "ongoing" || k == "started" || k == "partlyimplemented") return "in-progress";
  if (k == "done" || k == "complete" || k == "completed" || k == "implemented" || k == "closed") return "done";
  if (k == "notaccepted" || k == "rejected" || k == "declined") return "not-accepted";
  return "";
}

// "3", "R3", "Recommendation 3", "3." -> "3"; "" when there is no number.
std::string number_of(const std::string& raw) {
  std::string digits;
  for (char c : raw) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    else if (!digits.empty()) break;
  }
  while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
  return digits;
}

}  // namespace

StatusImportSummary import_status(const std::string& index_dir, const std::string& csv_path) {
  auto rows = read_csv_file(csv_path);
  if (rows.empty()) throw Error(csv_path + ": empty file (expected a header row)");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < rows[0].size(); ++i) col[alnum_key(rows[0][i])] = i;
  auto has = [&](const char* c) { return col.count(c) > 0; };
  if (!has("recommendation") || !has("status") || !(has("reportid") || (has("board") && has("year") && has("pseudonym")))) {
    throw Error(csv_path + ": needs the columns recommendation, status, and report_id (or board, year and pseudonym)");
  }
  BoardRegistry boards = BoardRegistry::load_default();
  // board + year + pseudonym -> report id, from the stored records.
  std::map<std::string, std::vector<std::string>> by_key;
  for (const auto& rec : read_report_records(index_dir)) {
    json j = json::parse(rec, nullptr, false);
    if (j.is_discarded() || !j.contains("meta")) continue;
    const json& m = j["meta"];
    auto field = [&](const char* f) { return m.contains(f) ? m[f]["value"].dump() : std::string(); };
    std::string board = m.contains("board") ? m["board"]["value"].get<std::string>() : "";
    std::string key = alnum_key(board) + "|" + field("year") + "|" +
                      (m.contains("pseudonym") ? alnum_key(m["pseudonym"]["value"].get<std::string>()) : "");
    by_key[key].push_back(j.value("id", ""));
  }
  // Every row is checked before anything is written, and the good rows are applied in one
  // commit: a bad row is a problem named by its row number, never half an import.
  IndexWriter writer(index_dir);
  StatusImportSummary s;
  std::vector<std::pair<std::string, std::string>> updates;  // recommendation id, status record
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto get = [&](const char* c) -> std::string {
      auto it = col.find(c);
      return it == col.end() || it->second >= row.size() ? "" : trim(row[it->second]);
    };
    ++s.rows;
    std::string where = csv_path + ": row " + std::to_string(r + 1) + ": ";
    std::string bad_column;
    for (size_t c = 0; c < row.size() && bad_column.empty(); ++c) {
      if (!is_valid_utf8(row[c])) bad_column = c < rows[0].size() ? rows[0][c] : "column " + std::to_string(c + 1);
    }
    if (!bad_column.empty()) {
      s.problems.push_back(where + bad_column + " is not valid UTF-8 (save the file as UTF-8)");
      continue;
    }
    std::string report = get("reportid");
    if (report.empty()) {
      std::string board = get("board");
      if (const Board* b = boards.find(board)) board = b->name;
      std::string key = alnum_key(board) + "|" + get("year") + "|" + alnum_key(get("pseudonym"));
      auto it = by_key.find(key);
      if (it == by_key.end()) {
        s.problems.push_back(where + "no report of " + get("board") + ", " + get("year") + ", " + get("pseudonym"));
        continue;
      }
      if (it->second.size() > 1) {
        s.problems.push_back(where + "several reports of " + get("board") + ", " + get("year") + ", " + get("pseudonym") +
                             ": give report_id");
        continue;
      }
      report = it->second.front();
    }
    std::string number = number_of(get("recommendation"));
    if (number.empty()) {
      s.problems.push_back(where + "no recommendation number in '" + get("recommendation") + "'");
      continue;
    }
    std::string status = canonical_status(get("status"));
    if (status.empty()) {
      s.problems.push_back(where + "status '" + get("status") + "' is not open, in progress, done or not accepted");
      continue;
    }
    std::string id = recommendation_id(report, "recommendation", number);
    if (!writer.has_document(id)) {
      s.problems.push_back(where + "report " + report + " has no recommendation " + number + " in the index");
      continue;
    }
    json record = {{"status", status}, {"date", get("date")}, {"owner", get("owner")}, {"note", get("note")},
                   {"source", csv_path + ":" + std::to_string(r + 1)}};
    updates.emplace_back(id, record.dump());
  }
  for (const auto& [id, record] : updates) {
    writer.set_implementation(id, record);
    ++s.applied;
  }
  writer.commit();
  return s;
}

}  // namespace scr
