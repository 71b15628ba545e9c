// A report's record as the library serves it (scr-query report, GET /api/v1/reports/{id}): the
// stored record with each recommendation's imported implementation status merged in from the
// recommendation's own document, and without what only the index uses (page starts).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

namespace scr {

/// `stored` is the report's document data; nullopt when it is not a JSON object (a damaged record).
std::optional<std::string> served_report_record(const Xapian::Database& db, const std::string& report_id,
                                                const std::string& stored);

}  // namespace scr
