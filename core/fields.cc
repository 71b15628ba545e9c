#include "scr/fields.h"

#include "scr/schema.h"
#include "scr/text.h"

namespace scr {

namespace sc = schema;

namespace {

// A known field of the record as the one value it gives, else none.
std::vector<std::string> known(const Sourced<std::string>& v) {
  return v.known() && !v.value.empty() ? std::vector<std::string>{v.value} : std::vector<std::string>{};
}
std::vector<std::string> known(const Sourced<int>& v) {
  return v.known() ? std::vector<std::string>{std::to_string(v.value)} : std::vector<std::string>{};
}

}  // namespace

// GCC 12 warns of members a designated initializer leaves to their defaults, which is what the
// table means by leaving them out.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
const std::vector<Field>& fields() {
  static const std::vector<Field> table = {
      // A filter through year:A..B (a range on its value slot), a trend's rows.
      {.name = "year", .prefix = sc::kPrefixYear, .label = "Year", .facet = true, .by_value = true,
       .hint = "a year (2016) or an inclusive range (2011..2014)",
       .from_report = +[](const ReportMeta& m) { return known(m.year); }},
      // The year the child died or was harmed, when the text says: incident:2015, facets=incident_year.
      {.name = "incident", .alias = "incident_year", .prefix = sc::kPrefixIncidentYear, .label = "Incident year",
       .filter = true, .facet = true, .by_value = true, .hint = "the year the child died or was harmed (2015)",
       .from_report = +[](const ReportMeta& m) { return known(m.incident_year); }},
      {.name = "board", .prefix = sc::kPrefixBoard, .label = "Board", .filter = true, .facet = true, .trend = true,
       .hint = "a board's name or slug (Kent, kingston-upon-thames)", .comma_lists = false,
       .from_report = +[](const ReportMeta& m) { return known(m.board); }},
      {.name = "region", .prefix = sc::kPrefixRegion, .label = "Region", .filter = true, .facet = true, .trend = true,
       .hint = "a region (London, north-west)", .from_report = +[](const ReportMeta& m) { return known(m.region); }},
      {.name = "status", .prefix = sc::kPrefixStatus, .label = "Extraction status", .filter = true, .facet = true,
       .trend = true,
       .order = {"ok", "partial", "ocr", "no-text", "encrypted", "corrupt", "not-pdf", "timeout", "too-large", "catalogue"},
       .hint = "an extraction status (ok, corrupt, encrypted, no-text, ...)"},
      {.name = "type", .prefix = sc::kPrefixDocType, .label = "Document type", .filter = true, .facet = true,
       .order = {"report", "recommendation", "finding"},
       .hint = "a document type (report, recommendation, finding), or a review type as review takes"},
      {.name = "review", .alias = "review_type", .prefix = sc::kPrefixReviewType, .label = "Review type", .filter = true,
       .facet = true, .trend = true, .order = {"scr", "cspr", "rapid-review", "learning-review", "other"},
       .hint = "a review type (scr, cspr, rapid-review, learning-review, other)",
       .from_report = +[](const ReportMeta& m) { return known(m.review_type); }},
      {.name = "outcome", .prefix = sc::kPrefixOutcome, .label = "Outcome", .filter = true, .facet = true, .trend = true,
       .order = {"death", "serious-harm", "other"}, .hint = "death, serious-harm or other",
       .from_report = +[](const ReportMeta& m) { return known(m.outcome); }},
      {.name = "age", .prefix = sc::kPrefixAgeBand, .label = "Child's age", .filter = true, .facet = true, .trend = true,
       .order = std::vector<std::string_view>(std::begin(sc::kAgeBandTerms), std::end(sc::kAgeBandTerms)),
       .hint = "an age band (<1, 1-5, 6-10, 11-15, 16-17)",
       .from_report = +[](const ReportMeta& m) {
         return m.age_band.known() ? std::vector<std::string>{sc::age_band_term(m.age_band.value)} : std::vector<std::string>{};
       }},
      {.name = "sex", .prefix = sc::kPrefixSex, .label = "Child's sex", .filter = true, .facet = true, .trend = true,
       .order = {"female", "male"}, .hint = "female or male",
       .from_report = +[](const ReportMeta& m) { return known(m.sex); }},
      {.name = "theme", .prefix = sc::kPrefixTheme, .label = "Theme", .filter = true, .facet = true, .trend = true,
       .hint = "a theme id (docs/taxonomy.md)"},
      {.name = "agency", .prefix = sc::kPrefixAgency, .label = "Agency", .filter = true, .facet = true, .trend = true,
       .hint = "an agency id or group a recommendation is made to (police, health)", .recommendation_own = true},
      // The edition of Working Together in force when the report was published.
      {.name = "era", .prefix = sc::kPrefixEra, .label = "Working Together edition", .filter = true, .facet = true,
       .trend = true, .order = {"wt2006", "wt2010", "wt2013", "wt2015", "wt2018", "wt2023"},
       .hint = "a Working Together edition (wt2006, wt2010, wt2013, wt2015, wt2018, wt2023)",
       .from_report = +[](const ReportMeta& m) {
         return m.year.known() ? std::vector<std::string>{sc::guidance_era(m.year.value, m.month.known() ? m.month.value : 6)}
                               : std::vector<std::string>{};
       }},
      {.name = "keyword", .prefix = sc::kPrefixKeyword, .label = "Catalogue keyword", .filter = true, .facet = true,
       .trend = true, .hint = "a catalogue keyword of a manifest row"},
      {.name = "clarity", .prefix = sc::kPrefixClarity, .label = "Recommendation clarity", .filter = true, .facet = true,
       .trend = true, .order = {"clear", "unclear"}, .hint = "clear or unclear (recommendations)",
       .recommendation_own = true},
      {.name = "implementation", .prefix = sc::kPrefixImplementation, .label = "Implementation status", .filter = true,
       .facet = true, .trend = true, .order = {"open", "in-progress", "done", "not-accepted"},
       .hint = "open, in-progress, done or not-accepted (imported recommendation statuses)",
       .recommendation_own = true},
      {.name = "id", .prefix = sc::kPrefixId, .label = "Report id", .filter = true, .hint = "a report's or recommendation's id"},
      {.name = "report", .prefix = sc::kPrefixReport, .label = "A recommendation's report", .filter = true,
       .hint = "a report's id (its recommendations and findings)"},
  };
  return table;
}
#pragma GCC diagnostic pop

const Field* find_field(std::string_view name) {
  if (name.empty()) return nullptr;
  for (const auto& f : fields()) {
    if (f.name == name || f.alias == name) return &f;
  }
  return nullptr;
}

std::string field_names(bool Field::*use) {
  std::string out;
  for (const auto& f : fields()) {
    if (!(f.*use)) continue;
    out += (out.empty() ? "" : ", ") + std::string(f.name);
    if (!f.alias.empty()) out += " (or " + std::string(f.alias) + ")";
  }
  return out;
}

std::string field_term_value(std::string_view field_name, const std::string& value, const BoardRegistry& boards) {
  const Field* f = find_field(field_name);
  const std::string_view field = f ? f->name : field_name;  // an alias reads as its field
  std::string v = value;
  if (field == "board") {
    if (const Board* b = boards.find(v)) v = b->name;
  } else if (field == "region") {
    if (std::string r = canonical_region(v); !r.empty()) v = r;
  } else if (field == "age") {
    std::string l = ascii_lower(v);
    // What users type for the youngest band; the record's "<1" is among them.
    if (l == "<1" || l == "under 1" || l == "under-1" || l == "0" || l == "infant" || l == "under1") return sc::age_band_term("<1");
  } else if (field == "review" || field == "type") {
    std::string l = ascii_lower(v);
    if (l == "serious case review") return "scr";
    if (l == "lcspr" || l == "child safeguarding practice review") return "cspr";
  } else if (field == "id") {
    return v;  // ids are case-sensitive and already canonical
  }
  return sc::term_value(v);
}

}  // namespace scr
