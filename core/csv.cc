#include "scr/csv.h"

#include <csv.h>

#include <fstream>
#include <iterator>
#include <memory>

#include "scr/error.h"

namespace scr {
namespace {

struct Collector {
  std::vector<CsvRow> rows;
  CsvRow current;
};

extern "C" void on_field(void* data, size_t len, void* sink) {
  static_cast<Collector*>(sink)->current.emplace_back(static_cast<const char*>(data), len);
}

extern "C" void on_row(int /*terminator*/, void* sink) {
  auto* c = static_cast<Collector*>(sink);
  c->rows.push_back(std::move(c->current));
  c->current.clear();
}

// Leading/trailing spaces are data in real catalogues ("Kent " vs "Kent" is the catalogue's
// business to clean, and it does); libcsv's default trims them, so say nothing is a space.
extern "C" int no_space(unsigned char) { return 0; }

}  // namespace

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& what) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) throw Error("csv: cannot initialise parser");
  std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, [](csv_parser* p) { csv_free(p); });
  csv_set_space_func(&parser, no_space);
  Collector collector;
  // Skip a UTF-8 byte order mark, which spreadsheet exports add.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (csv_parse(&parser, text.data(), text.size(), on_field, on_row, &collector) != text.size() ||
      csv_fini(&parser, on_field, on_row, &collector) != 0) {
    throw DataFileError(what + ": malformed CSV near row " + std::to_string(collector.rows.size() + 1) + ": " +
                        csv_strerror(csv_error(&parser)));
  }
  return std::move(collector.rows);
}

std::vector<CsvRow> read_csv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataFileError(path + ": cannot open for reading");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_csv(text, path);
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos && !value.starts_with(' ') &&
      !value.ends_with(' ')) {
    return std::string(value);
  }
  std::string out = "\"";
  for (char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

std::string spreadsheet_safe(std::string_view value) {
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
    std::string out = "'";  // appended, not "'" + string(): GCC 12 -O3 warns falsely (-Wrestrict) on that
    out.append(value);
    return out;
  }
  return std::string(value);
}

std::string csv_line(const CsvRow& row, CsvReader reader) {
  std::string line;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) line += ',';
    line += csv_field(reader == CsvReader::kSpreadsheet ? spreadsheet_safe(row[i]) : row[i]);
  }
  line += '\n';
  return line;
}

}  // namespace scr
