#include "manifest.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>

#include "metadata.h"
#include "scr/csv.h"
#include "scr/error.h"
#include "scr/text.h"

namespace scr {
namespace {

const std::vector<std::string>& known_fields() {
  static const std::vector<std::string> f = {"id",      "file",    "title",    "board",      "region",
                                             "year",    "date",    "review_type", "pseudonym", "child_age_months",
                                             "age_band", "sex",    "outcome",  "summary",    "keywords",
                                             "author"};
  return f;
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    std::string part = trim(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (!part.empty()) out.push_back(part);
    if (pos == std::string::npos) break;
    start = pos + sep.size();
  }
  return out;
}

// Year and month of a date in the mapping's format; {0,0} when it does not parse.
std::pair<int, int> parse_with_format(const std::string& v, const std::string& format) {
  int a = 0, b = 0, c = 0;
  if (format == "dd/mm/yyyy" && std::sscanf(v.c_str(), "%d/%d/%d", &a, &b, &c) == 3 && b >= 1 && b <= 12 && c > 1900)
    return {c, b};
  if (format == "mm/dd/yyyy" && std::sscanf(v.c_str(), "%d/%d/%d", &a, &b, &c) == 3 && a >= 1 && a <= 12 && c > 1900)
    return {c, a};
  if (format == "yyyy-mm-dd" && std::sscanf(v.c_str(), "%d-%d-%d", &a, &b, &c) == 3 && b >= 1 && b <= 12 && a > 1900)
    return {a, b};
  if (format == "yyyy" && std::sscanf(v.c_str(), "%d", &a) == 1 && a > 1900 && a < 2200) return {a, 0};
  return {0, 0};
}

}  // namespace

ManifestMapping ManifestMapping::defaults() {
  ManifestMapping m;
  for (const auto& f : known_fields()) m.columns[f] = f;
  m.columns["date"] = "publication_date";
  m.separators["keywords"] = "|";
  return m;
}

ManifestMapping ManifestMapping::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw DataFileError(path + ": cannot open the manifest mapping");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw DataFileError(path + ": not valid JSON: " + e.what());
  }
  ManifestMapping m;
  try {
    for (const auto& [field, col] : j.at("columns").items()) {
      if (std::find(known_fields().begin(), known_fields().end(), field) == known_fields().end()) {
        throw DataFileError(path + ": unknown field '" + field + "' in \"columns\"");
      }
      m.columns[field] = col.get<std::string>();
    }
    if (j.contains("date_format")) m.date_format = j.at("date_format").get<std::string>();
    if (j.contains("separators")) {
      for (const auto& [field, sep] : j.at("separators").items()) m.separators[field] = sep.get<std::string>();
    }
    if (j.contains("require")) j.at("require").get_to(m.require);
  } catch (const nlohmann::json::exception& e) {
    throw DataFileError(path + ": " + e.what());
  }
  if (m.date_format != "dd/mm/yyyy" && m.date_format != "mm/dd/yyyy" && m.date_format != "yyyy-mm-dd" &&
      m.date_format != "yyyy") {
    throw DataFileError(path + ": date_format must be dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd or yyyy");
  }
  return m;
}

Manifest read_manifest(const std::string& path, const ManifestMapping& mapping, const BoardRegistry& boards) {
  auto rows = read_csv_file(path);
  if (rows.empty()) throw DataFileError(path + ": empty manifest (no header row)");
  std::map<std::string, size_t> col;  // field -> column index
  for (const auto& [field, name] : mapping.columns) {
    auto it = std::find(rows[0].begin(), rows[0].end(), name);
    if (it == rows[0].end()) {
      // The default mapping names every field; a catalogue need not have them all.
      if (mapping.columns.size() == known_fields().size()) continue;
      throw DataFileError(path + ": column '" + name + "' (for " + field + ") is not in the header");
    }
    col[field] = static_cast<size_t>(it - rows[0].begin());
  }
  Manifest out;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() == 1 && trim(row[0]).empty()) continue;
    size_t line = r + 1;
    auto get = [&](const std::string& field) -> std::string {
      auto it = col.find(field);
      return it != col.end() && it->second < row.size() ? trim(row[it->second]) : std::string();
    };
    bool missing = false;
    for (const auto& req : mapping.require) {
      if (get(req).empty()) {
        out.problems.push_back(path + ": row " + std::to_string(line) + " left out: no " + req);
        missing = true;
      }
    }
    if (missing) continue;
    ManifestRow mr;
    mr.line = line;
    mr.id = get("id").empty() ? "row-" + std::to_string(line) : get("id");
    mr.file = get("file");
    ReportMeta& m = mr.meta;
    constexpr Source kM = Source::kManifest;
    std::string hash_input;
    for (const auto& [field, idx] : col) hash_input += field + "=" + (idx < row.size() ? row[idx] : "") + "\x1f";
    if (auto v = get("title"); !v.empty()) m.title.offer(normalise_one_line(v), kM);
    if (auto v = get("board"); !v.empty()) {
      if (const Board* b = boards.find(v)) {
        m.board.offer(b->name, kM);
        m.region.offer(b->region, kM);
      } else {
        m.board.offer(normalise_one_line(v), kM);  // an area not in the board table is kept as written
      }
    }
    if (auto v = get("region"); !v.empty()) m.region = {v, kM};
    // Years outside 1900-2100 are typing errors (20199) or overflow (2147483647): taken, they would
    // stretch every zero-filled trend table to them. The row keeps its other fields.
    auto implausible = [&](int y, const std::string& v, const char* field) {
      if (y >= 1900 && y <= 2100) return false;
      out.problems.push_back(path + ": row " + std::to_string(line) + ": " + field + " '" + v +
                             "' is outside 1900-2100; ignored");
      return true;
    };
    if (auto v = get("date"); !v.empty()) {
      auto [y, mo] = parse_with_format(v, mapping.date_format);
      if (y && implausible(y, v, "date")) {
        // reported
      } else if (y) {
        m.year.offer(y, kM);
        if (mo) m.month.offer(mo, kM);
      } else if (auto [fy, fm] = parse_date(v); fy && !implausible(fy, v, "date")) {
        m.year.offer(fy, kM);  // not in the mapping's format, but the year is plain to see
        out.problems.push_back(path + ": row " + std::to_string(line) + ": date '" + v + "' is not " +
                               mapping.date_format + "; used the year " + std::to_string(fy));
      } else {
        out.problems.push_back(path + ": row " + std::to_string(line) + ": date '" + v + "' not understood");
      }
    }
    if (auto v = get("year"); !v.empty()) {
      try {
        size_t used = 0;
        long y = std::stol(v, &used);
        if (!trim(v.substr(used)).empty()) throw std::invalid_argument(v);  // "2013a"
        if (!implausible(static_cast<int>(std::clamp(y, -1L, 100000L)), v, "year")) m.year = {static_cast<int>(y), kM};
      } catch (const std::exception&) {
        out.problems.push_back(path + ": row " + std::to_string(line) + ": year '" + v + "' is not a number");
      }
    }
    if (auto v = get("review_type"); !v.empty()) m.review_type.offer(v, kM);
    if (auto v = get("pseudonym"); !v.empty()) m.pseudonym.offer(v, kM);
    if (auto v = get("author"); !v.empty()) m.author.offer(v, kM);
    if (auto v = get("child_age_months"); !v.empty()) {
      try {
        int months = std::stoi(v);
        m.child_age_months.offer(months, kM);
        m.age_band.offer(age_band_for_months(months), kM);
      } catch (const std::exception&) {
        out.problems.push_back(path + ": row " + std::to_string(line) + ": age '" + v + "' is not a number");
      }
    }
    if (auto v = get("age_band"); !v.empty()) m.age_band = {v, kM};
    if (auto v = get("sex"); !v.empty()) m.sex.offer(v, kM);
    if (auto v = get("outcome"); !v.empty()) m.outcome.offer(v, kM);
    if (auto v = get("summary"); !v.empty()) m.summary.offer(normalise_one_line(v), kM);
    if (auto v = get("keywords"); !v.empty()) {
      auto sep = mapping.separators.find("keywords");
      m.keywords = sep == mapping.separators.end() ? std::vector<std::string>{v} : split(v, sep->second);
    }
    // FNV-1a of the mapped values: cheap change detection for re-applying the row.
    uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : hash_input) h = (h ^ ch) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    mr.row_hash = hex;
    out.rows.push_back(std::move(mr));
  }
  return out;
}

ReportMeta merge_manifest(ReportMeta found, const ReportMeta& manifest) {
  auto take = [](auto& into, const auto& from) {
    if (from.known()) into = from;
  };
  take(found.title, manifest.title);
  take(found.review_type, manifest.review_type);
  take(found.board, manifest.board);
  take(found.region, manifest.region);
  take(found.year, manifest.year);
  take(found.month, manifest.month);
  take(found.pseudonym, manifest.pseudonym);
  take(found.author, manifest.author);
  take(found.child_age_months, manifest.child_age_months);
  take(found.age_band, manifest.age_band);
  take(found.sex, manifest.sex);
  take(found.outcome, manifest.outcome);
  take(found.summary, manifest.summary);
  if (!manifest.keywords.empty()) found.keywords = manifest.keywords;
  return found;
}

}  // namespace scr
