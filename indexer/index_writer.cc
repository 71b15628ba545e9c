#include "index_writer.h"

#include <xapian.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <nlohmann/json.hpp>

#include "document_builder.h"
#include "record_json.h"
#include "scr/fields.h"
#include "scr/phrase_match.h"
#include <algorithm>
#include "scr/schema.h"

namespace scr {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
namespace sc = schema;

std::string S(std::string_view v) { return std::string(v); }

json files_json(const std::vector<FileEntry>& files) {
  json a = json::array();
  for (const auto& f : files) a.push_back({{"path", f.path}, {"size", f.size}, {"mtime_ns", f.mtime_ns}});
  return a;
}

std::vector<FileEntry> files_from(const json& a) {
  std::vector<FileEntry> out;
  for (const auto& f : a) out.push_back({f.at("path").get<std::string>(), f.at("size").get<int64_t>(), f.at("mtime_ns").get<int64_t>()});
  return out;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// What a search hit shows, cut from the full record (kSlotHit): a hit then parses a few hundred
// bytes instead of the record with its evidence and recommendations.
std::string hit_summary(const json& data) {
  json h = json::object();
  for (const char* k : {"id", "type", "status", "pages", "indexed_at", "sha256", "page_starts", "implementation", "label",
                        "text", "board", "year", "report_title", "report", "page", "number"}) {
    if (data.contains(k)) h[k] = data[k];
  }
  if (data.contains("meta")) {
    json meta = json::object();
    for (const char* k : {"title", "board", "region", "review_type", "pseudonym", "year"}) {
      if (data["meta"].contains(k)) meta[k] = {{"value", data["meta"][k]["value"]}};
    }
    h["meta"] = meta;
  }
  if (data.contains("files") && !data["files"].empty()) h["files"] = json::array({{{"path", data["files"][0]["path"]}}});
  if (data.contains("themes")) {
    json themes = json::array();
    for (const auto& t : data["themes"]) {
      if (t.is_string()) themes.push_back(t);
      else if (t.value("present", false)) themes.push_back(t["id"]);
    }
    h["themes"] = themes;
  }
  return dump(h);
}

// Sets the document's data and its hit summary together.
void set_record(Xapian::Document& d, const json& data) {
  d.set_data(dump(data));
  d.add_value(sc::kSlotHit, hit_summary(data));
}

// Adds a filter term and records it for the packed facet value (slot kSlotFacets).
void add_filter(Xapian::Document& d, std::string_view prefix, const std::string& value, std::string& facets) {
  if (value.empty()) return;
  std::string v = sc::term_value(value);
  if (v.empty()) return;
  d.add_boolean_term(sc::make_term(prefix, v));
  facets += sc::pack_facet(prefix, v);
}

}  // namespace

std::string report_id_for_sha(const std::string& sha256) {
  std::string id = "r";
  id.append(sha256, 0, 16);  // not "r" + substr(): GCC 12 warns falsely (-Wrestrict) on that
  return id;
}

std::vector<std::string> read_report_records(const std::string& dir) {
  std::vector<std::string> out;
  try {
    Xapian::Database db(dir + "/xapian");
    std::string type_term = sc::make_term(sc::kPrefixDocType, sc::kDocReport);
    for (auto it = db.postlist_begin(type_term); it != db.postlist_end(type_term); ++it) {
      out.push_back(db.get_document(*it).get_data());
    }
  } catch (const Xapian::Error& e) {
    throw Error(dir + ": cannot read the index: " + e.get_description());
  }
  return out;
}

namespace {

void check_schema(const Xapian::Database& db, const std::string& dir) {
  std::string version = db.get_metadata(S(sc::kMetaSchema));
  if (!version.empty() && version != std::to_string(sc::kSchemaVersion)) {
    throw SchemaMismatchError(dir + " was written with index schema " + version + "; this scr-index writes schema " +
                              std::to_string(sc::kSchemaVersion) + ". " + sc::mismatch_advice(dir, version));
  }
}

// What the index holds for every report with files: read by the writer, and read-only by a dry run.
std::vector<IndexedReport> state_of(const Xapian::Database& db) {
  std::vector<IndexedReport> out;
  std::string type_term = sc::make_term(sc::kPrefixDocType, sc::kDocReport);
  for (auto it = db.postlist_begin(type_term); it != db.postlist_end(type_term); ++it) {
    json j = json::parse(db.get_document(*it).get_data(), nullptr, false);
    if (j.is_discarded()) continue;
    IndexedReport r;
    r.id = j.value("id", "");
    r.sha256 = j.value("sha256", "");
    r.status = j.value("status", "");
    r.extractor_version = j.value("extractor", 0);
    if (j.contains("files")) r.files = files_from(j.at("files"));
    if (!r.files.empty()) out.push_back(std::move(r));
  }
  return out;
}

size_t count_of(const Xapian::Database& db, std::string_view doc_type) {
  return db.get_termfreq(sc::make_term(sc::kPrefixDocType, doc_type));
}

size_t recommendations_of(const Xapian::Database& db) {
  return count_of(db, sc::kDocRecommendation) + count_of(db, sc::kDocFinding);
}

}  // namespace

IndexSnapshot read_index_state(const std::string& dir) {
  IndexSnapshot snapshot;
  std::error_code ec;
  if (!fs::exists(dir + "/xapian", ec)) return snapshot;  // a new index: nothing in it yet
  try {
    Xapian::Database db(dir + "/xapian");
    check_schema(db, dir);
    snapshot.reports = state_of(db);
    snapshot.documents = count_of(db, sc::kDocReport);
    snapshot.recommendations = recommendations_of(db);
  } catch (const Xapian::Error& e) {
    throw Error(dir + ": cannot read the index: " + e.get_description());
  }
  return snapshot;
}

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  std::string dir;
};

IndexWriter::IndexWriter(const std::string& dir) : impl_(std::make_unique<Impl>()) {
  impl_->dir = dir;
  std::string db_path = dir + "/xapian";
  try {
    fs::create_directories(dir);
    impl_->db = Xapian::WritableDatabase(db_path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLockedError("another scr-index is already writing to " + dir +
                           " (only one writer at a time; wait for it to finish)");
  } catch (const Xapian::Error& e) {
    throw Error(db_path + ": cannot open the index: " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    throw Error(dir + ": cannot create the index folder: " + e.what());
  }
  check_schema(impl_->db, dir);
  // Xapian's destructor commits whatever is pending, so a writer abandoned by an exception (a
  // bad row half-way through an import, a failed batch) would publish part of its work. Held in
  // an open transaction, the pending changes are cancelled instead: readers only ever see what
  // commit() was called for.
  begin_transaction();
}

void IndexWriter::begin_transaction() {
  try {
    impl_->db.begin_transaction(false);  // unflushed: commit() flushes once, after it ends
  } catch (const Xapian::Error& e) {
    throw Error(impl_->dir + ": cannot start a transaction: " + e.get_description());
  }
}

IndexWriter::~IndexWriter() = default;  // cancels the open transaction: nothing uncommitted is written

std::vector<IndexedReport> IndexWriter::load_state() const { return state_of(impl_->db); }

long long IndexWriter::indexed_at(const std::string& id) const {
  std::string q = sc::make_term(sc::kPrefixId, id);
  auto it = impl_->db.postlist_begin(q);
  if (it == impl_->db.postlist_end(q)) return 0;
  json j = json::parse(impl_->db.get_document(*it).get_data(), nullptr, false);
  return j.is_discarded() ? 0 : j.value("indexed_at", 0LL);
}

std::optional<ReportDocument> IndexWriter::load_report(const std::string& id) const {
  std::string q = sc::make_term(sc::kPrefixId, id);
  auto it = impl_->db.postlist_begin(q);
  if (it == impl_->db.postlist_end(q)) return std::nullopt;
  return report_from_record(impl_->db.get_document(*it).get_data());
}

namespace {

ReportDocument report_from_json(const json& j) {
  ReportDocument d;
  d.id = j.value("id", "");
  d.sha256 = j.value("sha256", "");
  if (j.contains("files")) d.files = files_from(j.at("files"));
  auto status = status_from_name(j.value("status", "corrupt"));
  d.analysis.status = status ? *status : ExtractStatus::kCorrupt;
  d.analysis.reason = j.value("reason", "");
  d.analysis.page_count = j.value("pages", 0);
  if (j.contains("ocr_pages")) j.at("ocr_pages").get_to(d.analysis.ocr_pages);
  if (j.contains("furniture")) j.at("furniture").get_to(d.analysis.furniture);
  if (j.contains("info")) {
    d.analysis.info.title = j.at("info").value("title", "");
    d.analysis.info.author = j.at("info").value("author", "");
    d.analysis.info.producer = j.at("info").value("producer", "");
  }
  d.catalogue_only = j.value("status", "") == "catalogue";
  if (j.contains("meta")) d.analysis.meta = record_json::meta_from(j.at("meta"));
  if (j.contains("found_meta")) d.found_meta = record_json::meta_from(j.at("found_meta"));
  d.manifest_id = j.value("manifest_id", "");
  d.manifest_row_hash = j.value("manifest_row", "");
  d.indexed_at = j.value("indexed_at", 0LL);
  if (j.contains("themes")) d.analysis.themes = record_json::themes_from(j.at("themes"));
  if (j.contains("recommendations")) d.analysis.recommendations = record_json::recommendations_from(j.at("recommendations"));
  d.analysis.taxonomy_version = j.value("taxonomy", "");
  return d;
}

}  // namespace

std::optional<ReportDocument> report_from_record(const std::string& record) {
  json j = json::parse(record, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("id")) return std::nullopt;
  try {
    return report_from_json(j);
  } catch (const json::exception& e) {
    const json& id = j.at("id");
    throw Error("report record " + (id.is_string() ? id.get<std::string>() : std::string("?")) + ": " + e.what());
  }
}

std::map<std::string, std::string> IndexWriter::manifest_state() const {
  std::map<std::string, std::string> out;
  const auto& db = impl_->db;
  std::string type_term = sc::make_term(sc::kPrefixDocType, sc::kDocReport);
  for (auto it = db.postlist_begin(type_term); it != db.postlist_end(type_term); ++it) {
    json j = json::parse(db.get_document(*it).get_data(), nullptr, false);
    if (!j.is_discarded()) out[j.value("id", "")] = j.value("manifest_row", "");
  }
  return out;
}

namespace {

// The facet terms of a report's metadata, field by field as the field table gives them; its
// recommendations inherit them.
void add_report_facets(Xapian::Document& d, const ReportMeta& m, std::string& facets) {
  for (const auto& f : fields()) {
    if (!f.from_report) continue;
    for (const auto& v : f.from_report(m)) add_filter(d, f.prefix, v, facets);
  }
}

void add_year_values(Xapian::Document& d, const ReportMeta& m) {
  if (!m.year.known()) return;
  d.add_value(sc::kSlotYear, Xapian::sortable_serialise(m.year.value));
  char date[16];
  std::snprintf(date, sizeof date, "%04d%02d01", m.year.value, m.month.known() ? m.month.value : 1);
  d.add_value(sc::kSlotDate, date);
}

// A theme term carries weight (its mention count, capped) as well as filtering: a query expanded
// with the theme's synonym ranks the reports that are about the theme first.
void add_theme(Xapian::Document& d, const std::string& id, int mentions, std::string& facets) {
  std::string v = sc::term_value(id);
  d.add_term(sc::make_term(sc::kPrefixTheme, v), static_cast<Xapian::termcount>(std::clamp(mentions, 1, 20)));
  facets += sc::pack_facet(sc::kPrefixTheme, v);
}

}  // namespace

std::string recommendation_id(const std::string& report_id, const std::string& kind, const std::string& number) {
  std::string id = report_id;
  id += kind == "finding" ? "-f" : "-r";
  id += number;
  return id;
}

void IndexWriter::delete_recommendations(const std::string& report_id) {
  std::string parent = sc::make_term(sc::kPrefixReport, report_id);
  std::vector<Xapian::docid> ids;
  for (auto it = impl_->db.postlist_begin(parent); it != impl_->db.postlist_end(parent); ++it) ids.push_back(*it);
  for (auto id : ids) impl_->db.delete_document(id);
}

void IndexWriter::put_recommendations(const std::string& report_id, const ReportMeta& m,
                                      const std::vector<Recommendation>& recs, const std::string& status) {
  delete_recommendations(report_id);
  thread_local Xapian::TermGenerator tg = [] {
    Xapian::TermGenerator g;
    g.set_stemmer(Xapian::Stem("en"));
    g.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    return g;
  }();
  for (const auto& r : recs) {
    Xapian::Document d;
    tg.set_document(d);
    tg.index_text(r.text);
    for (const auto& q : r.questions) {
      tg.increase_termpos(10);
      tg.index_text(q);
    }
    std::string id = recommendation_id(report_id, r.kind, r.number);
    std::string id_term = sc::make_term(sc::kPrefixId, id);
    d.add_boolean_term(id_term);
    d.add_boolean_term(sc::make_term(sc::kPrefixReport, report_id));
    std::string facets;
    add_filter(d, sc::kPrefixDocType, r.kind, facets);
    add_report_facets(d, m, facets);
    for (const auto& a : r.agencies) {
      add_filter(d, sc::kPrefixAgency, a, facets);
      if (const Agency* agency = agencies_ ? agencies_->find(a) : nullptr; agency && agency->group != a) {
        add_filter(d, sc::kPrefixAgency, agency->group, facets);
      }
    }
    for (const auto& t : r.themes) add_theme(d, t, 1, facets);
    if (r.kind == "recommendation") add_filter(d, sc::kPrefixClarity, r.clarity(), facets);
    add_filter(d, sc::kPrefixStatus, status, facets);
    // An imported implementation status (kept in the index's metadata, so that re-extracting or
    // re-tagging the report does not lose it).
    json implementation = json::parse(impl_->db.get_metadata(std::string(sc::kMetaImplementationPrefix) + id), nullptr, false);
    if (!implementation.is_discarded() && implementation.is_object()) {
      add_filter(d, sc::kPrefixImplementation, implementation.value("status", ""), facets);
    }
    d.add_value(sc::kSlotFacets, facets);
    add_year_values(d, m);
    if (m.board.known()) d.add_value(sc::kSlotBoard, sc::term_value(m.board.value));
    if (m.region.known()) d.add_value(sc::kSlotRegion, sc::term_value(m.region.value));
    json data = {{"id", id}, {"type", r.kind}, {"report", report_id}, {"number", r.number}, {"label", r.label},
                 {"text", r.text}, {"page", r.page}, {"agencies", r.agencies}, {"themes", r.themes},
                 {"clarity", {{"addressee", r.addressee_found}, {"action", r.action_verb}, {"time_frame", r.time_frame},
                              {"measure", r.measure}, {"verdict", r.clarity()}}}};
    if (!r.questions.empty()) data["questions"] = r.questions;
    if (!implementation.is_discarded() && implementation.is_object()) data["implementation"] = implementation;
    if (m.title.known()) data["report_title"] = m.title.value;
    if (m.board.known()) data["board"] = m.board.value;
    if (m.year.known()) data["year"] = m.year.value;
    set_record(d, data);
    impl_->db.replace_document(id_term, d);
  }
}

bool IndexWriter::set_implementation(const std::string& recommendation_id, const std::string& json_record) {
  // Stored first (survives the recommendation document being rebuilt), then applied to the
  // document if it exists now.
  impl_->db.set_metadata(std::string(sc::kMetaImplementationPrefix) + recommendation_id, json_record);
  std::string id_term = sc::make_term(sc::kPrefixId, recommendation_id);
  auto it = impl_->db.postlist_begin(id_term);
  if (it == impl_->db.postlist_end(id_term)) return false;
  Xapian::Document d = impl_->db.get_document(*it);
  json status = json::parse(json_record);
  std::string value = sc::term_value(status.value("status", ""));
  std::vector<std::string> old;
  std::string prefix(sc::kPrefixImplementation);
  auto term = d.termlist_begin();
  for (term.skip_to(prefix); term != d.termlist_end() && (*term).starts_with(prefix); ++term) old.push_back(*term);
  for (const auto& t : old) d.remove_term(t);
  d.add_boolean_term(sc::make_term(sc::kPrefixImplementation, value));
  std::string facets;
  sc::for_each_facet(d.get_value(sc::kSlotFacets), [&](std::string_view p, std::string_view v) {
    if (p != sc::kPrefixImplementation) facets += sc::pack_facet(p, v);
  });
  facets += sc::pack_facet(sc::kPrefixImplementation, value);
  d.add_value(sc::kSlotFacets, facets);
  json data = json::parse(d.get_data(), nullptr, false);
  if (!data.is_discarded()) {
    data["implementation"] = status;
    set_record(d, data);
  }
  impl_->db.replace_document(id_term, d);
  return true;
}

bool IndexWriter::has_document(const std::string& id) const {
  std::string t = sc::make_term(sc::kPrefixId, id);
  return impl_->db.postlist_begin(t) != impl_->db.postlist_end(t);
}

void IndexWriter::set_taxonomy(const Taxonomy& taxonomy, const AgencyVocabulary& agencies) {
  agencies_ = &agencies;
  std::string version = taxonomy.version();
  if (impl_->db.get_metadata(std::string(sc::kMetaTaxonomy)) == version) return;
  // The synonym table: every phrasing of a theme (and its label) names the theme's term, so that
  // a query for "bed sharing" can also find the reports tagged with the theme that
  // "co-sleeping" belongs to. Rebuilt whole when the taxonomy changes.
  std::vector<std::string> old_keys;
  for (auto k = impl_->db.synonym_keys_begin(); k != impl_->db.synonym_keys_end(); ++k) old_keys.push_back(*k);
  for (const auto& k : old_keys) impl_->db.clear_synonyms(k);
  for (const auto& theme : taxonomy.themes()) {
    std::string term = sc::make_term(sc::kPrefixTheme, sc::term_value(theme.id));
    std::vector<std::string> keys = theme.phrasings;
    keys.push_back(theme.label);
    for (const auto& k : keys) {
      // Keyed by synonym_key() (stemmed, so "appointments" meets "appointment*"), which the query
      // library looks up; Xapian's own automatic synonyms are not used (see query_builder.cc).
      std::string stemmed = synonym_key(k);
      if (stemmed.size() >= 4) impl_->db.add_synonym(stemmed, term);
    }
  }
  for (const auto& cluster : taxonomy.clusters()) {
    for (const auto& k : cluster.phrasings) {
      std::string stemmed = synonym_key(k);
      if (stemmed.size() < 4) continue;
      for (const auto& id : cluster.themes) impl_->db.add_synonym(stemmed, sc::make_term(sc::kPrefixTheme, sc::term_value(id)));
    }
  }
  impl_->db.set_metadata(std::string(sc::kMetaTaxonomy), version);
}

void IndexWriter::put_report(const ReportDocument& doc) {
  const AnalysedFile& a = doc.analysis;
  const ReportMeta& m = a.meta;
  // The free text comes ready-made from the worker; build it here only for records that did not
  // pass through one (catalogue records, tests).
  std::vector<unsigned> page_starts = a.page_starts;
  Xapian::Document d = Xapian::Document::unserialise(
      a.text_document.empty() ? build_text_document(m, a.pages, &page_starts) : a.text_document);
  // Spelling data for "did you mean": each word once per document, weighted by its frequency in it.
  for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
    const std::string& term = *t;
    if (!term.empty() && (std::islower(static_cast<unsigned char>(term[0])) || static_cast<unsigned char>(term[0]) >= 0x80)) {
      impl_->db.add_spelling(term, t.get_wdf());
    }
  }
  std::string id_term = sc::make_term(sc::kPrefixId, doc.id);
  d.add_boolean_term(id_term);
  if (!doc.sha256.empty()) d.add_boolean_term(sc::make_term(sc::kPrefixSha, doc.sha256));
  for (const auto& f : doc.files) d.add_boolean_term(sc::make_term(sc::kPrefixPath, f.path));
  const std::string status = doc.catalogue_only ? "catalogue" : std::string(status_name(a.status));
  std::string facets;
  add_filter(d, sc::kPrefixDocType, std::string(sc::kDocReport), facets);
  add_filter(d, sc::kPrefixStatus, status, facets);
  add_report_facets(d, m, facets);
  for (const auto& t : a.themes) {
    if (t.present) add_theme(d, t.id, t.mentions, facets);
  }
  // Catalogue keywords (a manifest's categories, a PDF's Keywords): a facet and trend dimension.
  std::set<std::string> keywords;
  for (const auto& k : m.keywords) {
    std::string v = sc::term_value(k);
    if (!v.empty() && keywords.insert(v).second) add_filter(d, sc::kPrefixKeyword, v, facets);
  }
  d.add_value(sc::kSlotFacets, facets);

  add_year_values(d, m);
  d.add_value(sc::kSlotPages, Xapian::sortable_serialise(a.page_count));
  d.add_value(sc::kSlotIndexed, Xapian::sortable_serialise(static_cast<double>(doc.indexed_at)));
  if (m.board.known()) d.add_value(sc::kSlotBoard, sc::term_value(m.board.value));
  if (m.region.known()) d.add_value(sc::kSlotRegion, sc::term_value(m.region.value));
  d.add_value(sc::kSlotStatus, status);

  json data = {{"id", doc.id},
               {"type", S(sc::kDocReport)},
               {"sha256", doc.sha256},
               {"files", files_json(doc.files)},
               {"status", status},
               {"reason", a.reason},
               {"pages", a.page_count},
               {"ocr_pages", a.ocr_pages},
               {"page_starts", page_starts},
               {"extractor", sc::kExtractorVersion},
               {"meta", record_json::meta_json(m)},
               {"found_meta", record_json::meta_json(doc.found_meta)},
               {"manifest_id", doc.manifest_id},
               {"manifest_row", doc.manifest_row_hash},
               {"furniture", a.furniture},
               {"info", {{"title", a.info.title}, {"author", a.info.author}, {"producer", a.info.producer}}},
               {"indexed_at", doc.indexed_at},
               {"themes", record_json::themes_json(a.themes)},
               {"recommendations", record_json::recommendations_json(a.recommendations)},
               {"taxonomy", a.taxonomy_version}};
  set_record(d, data);
  try {
    impl_->db.replace_document(id_term, d);
    put_recommendations(doc.id, m, a.recommendations, status);
  } catch (const Xapian::Error& e) {
    throw Error("index: cannot write report " + doc.id + ": " + e.get_description());
  }
}

void IndexWriter::set_files(const std::string& id, const std::vector<FileEntry>& files) {
  std::string id_term = sc::make_term(sc::kPrefixId, id);
  auto it = impl_->db.postlist_begin(id_term);
  if (it == impl_->db.postlist_end(id_term)) return;
  Xapian::Document d = impl_->db.get_document(*it);
  json data = json::parse(d.get_data(), nullptr, false);
  if (data.is_discarded()) return;
  // Touch the terms only when the paths change: a document whose terms are untouched is rewritten
  // by Xapian as its data alone, not its thousands of postings and positions (a touched file).
  std::set<std::string> old_paths, new_paths;
  for (const auto& f : files_from(data.at("files"))) old_paths.insert(f.path);
  for (const auto& f : files) new_paths.insert(f.path);
  if (old_paths != new_paths) {
    for (const auto& p : old_paths) {
      if (!new_paths.count(p)) d.remove_term(sc::make_term(sc::kPrefixPath, p));
    }
    for (const auto& p : new_paths) {
      if (!old_paths.count(p)) d.add_boolean_term(sc::make_term(sc::kPrefixPath, p));
    }
  }
  data["files"] = files_json(files);
  set_record(d, data);
  impl_->db.replace_document(id_term, d);
}

void IndexWriter::delete_report(const std::string& id) {
  try {
    impl_->db.delete_document(sc::make_term(sc::kPrefixId, id));
    delete_recommendations(id);
  } catch (const Xapian::Error& e) {
    throw Error("index: cannot delete report " + id + ": " + e.get_description());
  }
}

bool IndexWriter::mark_for_rereading(const std::string& id) {
  std::string id_term = sc::make_term(sc::kPrefixId, id);
  auto it = impl_->db.postlist_begin(id_term);
  if (it == impl_->db.postlist_end(id_term)) return false;
  Xapian::Document d = impl_->db.get_document(*it);
  json data = json::parse(d.get_data(), nullptr, false);
  if (data.is_discarded()) return false;
  data["extractor"] = 0;
  set_record(d, data);
  impl_->db.replace_document(id_term, d);
  return true;
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) { impl_->db.set_metadata(key, value); }

void IndexWriter::commit() {
  try {
    impl_->db.set_metadata(S(sc::kMetaSchema), std::to_string(sc::kSchemaVersion));
    impl_->db.commit_transaction();
    impl_->db.commit();
  } catch (const Xapian::Error& e) {
    throw Error(impl_->dir + ": commit failed: " + e.get_description());
  }
  begin_transaction();
}

size_t IndexWriter::document_count() const { return count_of(impl_->db, sc::kDocReport); }

size_t IndexWriter::recommendation_count() const { return recommendations_of(impl_->db); }

}  // namespace scr
