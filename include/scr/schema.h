// The index schema: the contract between the indexer and the query side (as Omega's values.h is).
//
// Every term prefix, value slot, document type and metadata key is defined here once, and written
// down in docs/index-schema.md; tests/unit/core/schema_test.cc pins them, because changing one
// silently makes existing indexes unreadable. Change one only with kSchemaVersion.
#pragma once

#include <string>
#include <string_view>

namespace scr::schema {

/// Bumped whenever anything below changes meaning. Stored in the index as metadata kMetaSchema.
/// 2 (2026-12-04): slot 8 (kSlotHit) and the prefixes XINCY, XKW, XREP, XCLARITY and XIMPL, which
/// had arrived under schema 1 without a bump: a schema-1 index may lack them, so it is refused.
inline constexpr int kSchemaVersion = 2;

// ---- metadata keys (Xapian Database::get_metadata) ---------------------------------------------
inline constexpr std::string_view kMetaSchema = "scr:schema";            ///< kSchemaVersion, decimal
inline constexpr std::string_view kMetaCorpusRoot = "scr:corpus_root";   ///< absolute path of the PDF folder
inline constexpr std::string_view kMetaImplementationPrefix = "scr:impl:";  ///< + recommendation id: status JSON
inline constexpr std::string_view kMetaExtractor = "scr:extractor";      ///< kExtractorVersion that wrote it
inline constexpr std::string_view kMetaTaxonomy = "scr:taxonomy";        ///< version of the theme taxonomy used

/// Bumped when extraction, cleaning or analysis change what a document holds: an index written by an
/// older extractor is re-extracted file by file on the next run.
inline constexpr int kExtractorVersion = 5;

// ---- term prefixes ---------------------------------------------------------------------------
// Single capitals follow Xapian's conventions (Omega termprefixes.rst); our own start with X.
inline constexpr std::string_view kPrefixId = "Q";           ///< unique id: Q + document id
inline constexpr std::string_view kPrefixTitle = "S";        ///< free text: title words
inline constexpr std::string_view kPrefixYear = "Y";         ///< boolean: Y2016
inline constexpr std::string_view kPrefixPath = "XPATH";     ///< boolean: corpus-relative path (hashed if long)
inline constexpr std::string_view kPrefixSha = "XSHA";       ///< boolean: SHA-256 of the file, hex
inline constexpr std::string_view kPrefixChild = "XCHILD";   ///< free text: the child's pseudonym
inline constexpr std::string_view kPrefixDocType = "XTYPE";  ///< boolean: report, recommendation, finding
inline constexpr std::string_view kPrefixBoard = "XBOARD";   ///< boolean: board slug, "kingston-upon-thames"
inline constexpr std::string_view kPrefixRegion = "XREGION"; ///< boolean: region slug, "north-west"
inline constexpr std::string_view kPrefixReviewType = "XRT"; ///< boolean: scr, cspr, rapid-review, learning-review, other
inline constexpr std::string_view kPrefixTheme = "XTHEME";   ///< boolean: theme id
inline constexpr std::string_view kPrefixAgency = "XAGENCY"; ///< boolean: agency id
inline constexpr std::string_view kPrefixOutcome = "XOUTCOME"; ///< boolean: death, serious-harm, other
inline constexpr std::string_view kPrefixAgeBand = "XAGEBAND"; ///< boolean: under-1, 1-5, 6-10, 11-15, 16-17
inline constexpr std::string_view kPrefixSex = "XSEX";       ///< boolean: female, male
inline constexpr std::string_view kPrefixStatus = "XSTATUS"; ///< boolean: extraction status (ok, corrupt, ...)
inline constexpr std::string_view kPrefixEra = "XERA";       ///< boolean: Working Together edition, "wt2018"
inline constexpr std::string_view kPrefixIncidentYear = "XINCY"; ///< boolean: year of the incident, when the text says
inline constexpr std::string_view kPrefixKeyword = "XKW";    ///< boolean: catalogue keyword / category slug
inline constexpr std::string_view kPrefixReport = "XREP";    ///< boolean: a recommendation's report id
inline constexpr std::string_view kPrefixClarity = "XCLARITY"; ///< boolean: clear, unclear (recommendations)
inline constexpr std::string_view kPrefixImplementation = "XIMPL"; ///< boolean: open, in-progress, done, not-accepted

// ---- value slots -----------------------------------------------------------------------------
inline constexpr unsigned kSlotYear = 0;     ///< sortable_serialise(publication year)
inline constexpr unsigned kSlotDate = 1;     ///< "YYYYMMDD" publication date (day/month 01 when unknown)
inline constexpr unsigned kSlotPages = 2;    ///< sortable_serialise(page count)
inline constexpr unsigned kSlotFacets = 3;   ///< every facet term of the document, packed (pack_facet): read
                                             ///< by facet counting and trends without the termlist
inline constexpr unsigned kSlotIndexed = 4;  ///< sortable_serialise(unix time first indexed): feeds
inline constexpr unsigned kSlotBoard = 5;    ///< board slug (single-valued facet)
inline constexpr unsigned kSlotRegion = 6;   ///< region slug
inline constexpr unsigned kSlotStatus = 7;   ///< extraction status name
inline constexpr unsigned kSlotHit = 8;      ///< the record's fields a search hit shows, as JSON: read for
                                             ///< each hit instead of the whole record (document data)

// ---- document types --------------------------------------------------------------------------
inline constexpr std::string_view kDocReport = "report";
inline constexpr std::string_view kDocRecommendation = "recommendation";
inline constexpr std::string_view kDocFinding = "finding";

/// What to run about the index at `dir`, written with schema `found_version` (another than
/// kSchemaVersion): an older one is upgraded in place (scr-index --upgrade), a newer one needs
/// the newer program or a rebuild.
std::string mismatch_advice(const std::string& dir, const std::string& found_version);

/// The spelling of a facet value as a boolean term: lower-case ASCII letters and digits, other runs
/// of characters as one '-': "Kingston upon Thames" -> "kingston-upon-thames", "<1" -> "1".
std::string term_value(std::string_view value);

/// A boolean term: prefix + value, with Xapian's ':' separator when the value starts with a capital,
/// and values over Xapian's 245-byte term limit shortened with a hash (unique in practice).
std::string make_term(std::string_view prefix, std::string_view value);

/// One facet entry of the packed kSlotFacets value: prefix, '=', value, '\n'. Read back with
/// for_each_facet().
std::string pack_facet(std::string_view prefix, std::string_view value);

/// Calls f(prefix, value) for each entry of a packed kSlotFacets value.
template <class F>
void for_each_facet(std::string_view packed, F&& f) {
  while (!packed.empty()) {
    size_t nl = packed.find('\n');
    std::string_view entry = packed.substr(0, nl);
    size_t eq = entry.find('=');
    if (eq != std::string_view::npos) f(entry.substr(0, eq), entry.substr(eq + 1));
    if (nl == std::string_view::npos) break;
    packed.remove_prefix(nl + 1);
  }
}

/// The Working Together edition in force at a date (publication year and month): "wt2006" ... "wt2023".
std::string guidance_era(int year, int month);

/// Age bands as the index spells them (kPrefixAgeBand terms), youngest first. The record says
/// "<1" (ReportMeta::age_band); '<' is no term character, so the term is "under-1".
inline constexpr std::string_view kAgeBandTerms[] = {"under-1", "1-5", "6-10", "11-15", "16-17"};
/// "<1" -> "under-1"; other bands as term_value() spells them.
std::string age_band_term(std::string_view band);
/// The inverse, for display: "under-1" -> "<1"; other terms unchanged.
std::string age_band_label(std::string_view term);

}  // namespace scr::schema
