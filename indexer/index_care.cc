#include "index_care.h"

#include <fcntl.h>
#include <stdio.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "analyse.h"
#include "index_writer.h"
#include "scr/agencies.h"
#include "scr/tagger.h"
#include "scr/taxonomy.h"
#include "scr/error.h"
#include "scr/extract.h"
#include "scr/schema.h"
#include "scr/text_cache.h"

namespace scr {
namespace {

namespace fs = std::filesystem;
namespace sc = schema;
using nlohmann::json;

std::string xapian_dir(const std::string& dir) { return dir + "/xapian"; }

void require_index(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(xapian_dir(dir) + "/iamglass", ec)) {
    throw Error(dir + ": no index here (no " + xapian_dir(dir) + "/iamglass); build one with scr-index --index " + dir +
                " PDF_FOLDER");
  }
}

// What one report's stored record says the index should hold for it.
struct ReportFacts {
  std::string sha256, status;
  bool catalogue = false;
  bool older_extractor = false;  ///< the next run reads its PDF again
  std::set<std::string> recommendation_ids;
};

std::map<std::string, ReportFacts> report_facts(const Xapian::Database& db, size_t& older_extractor) {
  std::map<std::string, ReportFacts> out;
  const std::string type_term = sc::make_term(sc::kPrefixDocType, sc::kDocReport);
  for (auto it = db.postlist_begin(type_term); it != db.postlist_end(type_term); ++it) {
    json j = json::parse(db.get_document(*it).get_data(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    std::string id = j.value("id", "");
    ReportFacts f;
    f.sha256 = j.value("sha256", "");
    f.status = j.value("status", "");
    f.catalogue = f.status == "catalogue" || !j.contains("files") || j.at("files").empty();
    f.older_extractor = !f.catalogue && j.value("extractor", 0) < sc::kExtractorVersion;
    older_extractor += f.older_extractor;
    if (j.contains("recommendations") && j.at("recommendations").is_array()) {
      for (const auto& r : j.at("recommendations")) {
        f.recommendation_ids.insert(recommendation_id(id, r.value("kind", ""), r.value("number", "")));
      }
    }
    out.emplace(std::move(id), std::move(f));
  }
  return out;
}

// The unique id of every document that carries `term`.
std::set<std::string> ids_with(const Xapian::Database& db, const std::string& term) {
  std::set<std::string> out;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    Xapian::Document d = db.get_document(*it);
    auto t = d.termlist_begin();
    t.skip_to(std::string(sc::kPrefixId));
    if (t != d.termlist_end() && (*t).rfind(std::string(sc::kPrefixId), 0) == 0) out.insert((*t).substr(sc::kPrefixId.size()));
  }
  return out;
}

// Renames `fresh` over `current` in one step where the filesystem can (renameat2 exchange), so a
// reader opening `current` finds the old database or the new one, never none. `fresh` then holds
// the old one.
void swap_in(const std::string& fresh, const std::string& current) {
  if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, current.c_str(), RENAME_EXCHANGE) == 0) return;
  if (errno != EINVAL && errno != ENOSYS) {
    throw Error(current + ": cannot swap in " + fresh + ": " + std::strerror(errno));
  }
  // No exchange on this filesystem: two renames, with a moment in between when `current` is absent
  // (scr-searchd keeps serving the database it has open).
  std::string aside = current + ".old";
  std::error_code ec;
  fs::remove_all(aside, ec);
  fs::rename(current, aside);
  fs::rename(fresh, current);
  fs::rename(aside, fresh);
}

}  // namespace

IndexHealth::Verdict IndexHealth::verdict() const {
  if (problems.empty()) return Verdict::kHealthy;
  for (const auto& p : problems) {
    if (!p.repairable) return Verdict::kBroken;
  }
  return Verdict::kRepairable;
}

unsigned long long disk_usage(const std::string& path) {
  unsigned long long total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

IndexHealth check_index(const std::string& dir) {
  require_index(dir);
  IndexHealth h;
  std::optional<IndexWriter> lock;
  try {
    lock.emplace(dir);  // no run may change the index while it is checked
  } catch (const SchemaMismatchError& e) {
    h.problems.push_back({"schema", "", e.what(), false});
    return h;
  }
  try {
    h.xapian_errors = Xapian::Database::check(xapian_dir(dir), 0, nullptr);
  } catch (const Xapian::Error& e) {
    h.xapian_errors = std::max<size_t>(h.xapian_errors, 1);
    h.problems.push_back({"xapian", "", e.get_description(), false});
  }
  if (h.xapian_errors > 0 && h.problems.empty()) {
    h.problems.push_back({"xapian", "", std::to_string(h.xapian_errors) + " error(s) in the database's tables (xapian-check)", false});
  }
  try {
    Xapian::Database db(xapian_dir(dir));
    auto reports = report_facts(db, h.older_extractor);
    h.reports = reports.size();
    h.recommendations = db.get_termfreq(sc::make_term(sc::kPrefixDocType, sc::kDocRecommendation)) +
                        db.get_termfreq(sc::make_term(sc::kPrefixDocType, sc::kDocFinding));
    // Each report's recommendation documents, exactly those its record lists.
    for (const auto& [id, facts] : reports) {
      std::set<std::string> present = ids_with(db, sc::make_term(sc::kPrefixReport, id));
      if (present == facts.recommendation_ids) continue;
      size_t missing = 0, extra = 0;
      for (const auto& r : facts.recommendation_ids) missing += !present.count(r);
      for (const auto& r : present) extra += !facts.recommendation_ids.count(r);
      h.problems.push_back({"missing-recommendations", id,
                            std::to_string(missing) + " of its " + std::to_string(facts.recommendation_ids.size()) +
                                " recommendation documents missing, " + std::to_string(extra) + " not in its record",
                            true});
    }
    // Recommendation documents whose report is gone.
    const std::string rep_prefix(sc::kPrefixReport);
    for (auto t = db.allterms_begin(rep_prefix); t != db.allterms_end(rep_prefix); ++t) {
      std::string report = (*t).substr(rep_prefix.size());
      if (!report.empty() && report[0] == ':') report.erase(0, 1);
      if (reports.count(report)) continue;
      h.problems.push_back({"orphan-recommendations", report,
                            std::to_string(t.get_termfreq()) + " recommendation/finding documents of a report not in the index",
                            true});
    }
    // The text cache: every report with text has a readable entry, and every entry is used.
    TextCache cache(dir + "/text-cache");
    const std::vector<size_t> no_pages;  // read the entry's header and page table only
    std::set<std::string> used;
    for (const auto& [id, facts] : reports) {
      if (facts.catalogue || facts.sha256.empty()) continue;
      used.insert(facts.sha256);
      if (!has_text(facts.status)) continue;
      if (!cache.contains(facts.sha256)) {
        if (facts.older_extractor) continue;  // read again on the next run, which caches it
        h.problems.push_back({"missing-text", id, "no text-cache entry for " + facts.sha256 + " (snippets and --retag need it)", true});
      } else if (!cache.get(facts.sha256, &no_pages)) {
        h.problems.push_back({"damaged-text", id, "the text-cache entry for " + facts.sha256 + " cannot be read", true});
      }
    }
    auto keys = cache.keys();
    h.cache_entries = keys.size();
    for (const auto& k : keys) {
      if (!used.count(k)) h.problems.push_back({"unreferenced-text", k, "a text-cache entry no report uses", true});
    }
  } catch (const Xapian::Error& e) {
    h.problems.push_back({"xapian", "", e.get_description(), false});
  }
  return h;
}

RepairSummary repair_index(const std::string& dir, const IndexHealth& health) {
  require_index(dir);
  RepairSummary s;
  IndexWriter writer(dir);
  AgencyVocabulary agencies = AgencyVocabulary::load_default();
  writer.set_agencies(agencies);
  TextCache cache(dir + "/text-cache");
  std::set<std::string> reread;
  for (const auto& p : health.problems) {
    if (!p.repairable) continue;
    if (p.kind == "orphan-recommendations") {
      writer.delete_recommendations(p.subject);
      ++s.orphans_deleted;
    } else if (p.kind == "missing-recommendations") {
      auto doc = writer.load_report(p.subject);
      if (!doc) continue;
      if (!doc->catalogue_only && has_text(doc->analysis.status)) {
        auto pages = cache.get(doc->sha256);
        if (!pages) {
          reread.insert(p.subject);  // the text is gone too: the next run reads the PDF again
          continue;
        }
        doc->analysis.pages = std::move(*pages);
      }
      writer.put_report(*doc);
      ++s.reports_rewritten;
    } else if (p.kind == "missing-text" || p.kind == "damaged-text") {
      reread.insert(p.subject);
    } else if (p.kind == "unreferenced-text") {
      cache.remove(p.subject);
      ++s.cache_entries_removed;
    }
  }
  for (const auto& id : reread) {
    if (auto doc = writer.load_report(id); doc && !doc->sha256.empty() && cache.contains(doc->sha256)) {
      cache.remove(doc->sha256);  // damaged: the next run writes it afresh
      ++s.cache_entries_removed;
    }
    s.marked_for_rereading += writer.mark_for_rereading(id);
  }
  writer.commit();
  return s;
}

std::pair<unsigned long long, unsigned long long> compact_index(const std::string& dir) {
  require_index(dir);
  IndexWriter lock(dir);  // no run commits while the copy is made and swapped in
  const std::string current = xapian_dir(dir), fresh = dir + "/xapian.compacting";
  std::error_code ec;
  fs::remove_all(fresh, ec);  // left by a compaction that was killed
  unsigned long long before = disk_usage(current);
  try {
    Xapian::Database(current).compact(fresh);
  } catch (const Xapian::Error& e) {
    fs::remove_all(fresh, ec);
    throw Error(current + ": compaction failed: " + e.get_description());
  }
  unsigned long long after = disk_usage(fresh);
  swap_in(fresh, current);
  fs::remove_all(fresh, ec);  // now the old database
  return {before, after};
}

UpgradeSummary upgrade_index(const std::string& dir, const std::function<void(size_t, size_t)>& progress) {
  require_index(dir);
  const std::string current = xapian_dir(dir), staging = dir + "/upgrading";
  UpgradeSummary s;
  // The old schema's write lock, held without the writer's schema check, until the swap is done.
  Xapian::WritableDatabase lock;
  try {
    lock = Xapian::WritableDatabase(current, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLockedError("another scr-index is already writing to " + dir + " (wait for it to finish)");
  } catch (const Xapian::Error& e) {
    throw Error(current + ": cannot open the index: " + e.get_description());
  }
  s.from_schema = lock.get_metadata(std::string(sc::kMetaSchema));
  const int from = std::atoi(s.from_schema.c_str());
  if (s.from_schema == std::to_string(sc::kSchemaVersion)) {
    s.already_current = true;
    return s;
  }
  if (from > sc::kSchemaVersion) throw Error(dir + ": index schema " + s.from_schema + ". " + sc::mismatch_advice(dir, s.from_schema));

  Taxonomy taxonomy = Taxonomy::load_default();
  AgencyVocabulary agencies = AgencyVocabulary::load_default();
  ThemeTagger tagger(taxonomy);
  const TextAnalysers analysers{&tagger, &agencies};
  TextCache cache(dir + "/text-cache");
  std::error_code ec;
  fs::remove_all(staging, ec);  // left by an upgrade that was killed
  try {
    Xapian::Database old(current);
    IndexWriter writer(staging);
    writer.set_taxonomy(taxonomy, agencies);
    const std::string type_term = sc::make_term(sc::kPrefixDocType, sc::kDocReport);
    const size_t total = old.get_termfreq(type_term);
    for (auto it = old.postlist_begin(type_term); it != old.postlist_end(type_term); ++it) {
      const std::string record = old.get_document(*it).get_data();
      auto doc = report_from_record(record);
      if (!doc) continue;
      json j = json::parse(record, nullptr, false);
      bool reread = !doc->catalogue_only && j.value("extractor", 0) < sc::kExtractorVersion;
      if (doc->catalogue_only) {
        doc->analysis.take(analyse_catalogue(doc->analysis.meta, tagger));
      } else if (has_text(doc->analysis.status)) {
        if (auto pages = cache.get(doc->sha256)) {
          doc->analysis.pages = std::move(*pages);
          doc->analysis.take(analyse_text(doc->analysis.pages, analysers));
        } else {
          reread = true;
        }
      }
      writer.put_report(*doc);
      if (reread) s.marked_for_rereading += writer.mark_for_rereading(doc->id);
      ++s.reports;
      if (progress) progress(s.reports, total);
    }
    // What the index records besides its documents: implementation statuses (applied to the new
    // recommendation documents), the corpus root and the rest; the schema and taxonomy are the new ones.
    const std::string impl_prefix(sc::kMetaImplementationPrefix);
    for (auto k = old.metadata_keys_begin(); k != old.metadata_keys_end(); ++k) {
      const std::string key = *k, value = old.get_metadata(key);
      if (key.rfind(impl_prefix, 0) == 0) {
        writer.set_implementation(key.substr(impl_prefix.size()), value);
      } else if (key != sc::kMetaSchema && key != sc::kMetaTaxonomy) {
        writer.set_metadata(key, value);
      }
    }
    writer.commit();
  } catch (const Xapian::Error& e) {
    fs::remove_all(staging, ec);
    throw Error(dir + ": upgrade failed, the index is left as it was: " + e.get_description());
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
  swap_in(staging + "/xapian", current);
  fs::remove_all(staging, ec);  // now the old database
  return s;
}

void backup_index(const std::string& dir, const std::string& dest) {
  require_index(dir);
  std::error_code ec;
  if (fs::exists(dest, ec)) throw Error(dest + ": already exists (a backup goes to a new folder)");
  fs::create_directories(dest, ec);
  if (ec) throw Error(dest + ": cannot create the backup folder: " + ec.message());
  // The database first, as of one commit: a commit made meanwhile that recycles the blocks being
  // read makes the compactor throw DatabaseModifiedError, and the copy starts again.
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database(xapian_dir(dir)).compact(xapian_dir(dest));
      break;
    } catch (const Xapian::DatabaseModifiedError& e) {
      fs::remove_all(xapian_dir(dest), ec);
      if (attempt >= 5) throw Error(dir + ": the index kept changing during the backup; try again: " + e.get_description());
    } catch (const Xapian::Error& e) {
      fs::remove_all(dest, ec);
      throw Error(dir + ": backup failed: " + e.get_description());
    }
  }
  // Then the cached text of the reports the copy holds. An entry is written before the commit that
  // uses it and removed only after the commit that drops its report, so it is there unless that
  // later commit came meanwhile; such a report is marked in the copy to be read again.
  TextCache live(dir + "/text-cache"), copy(dest + "/text-cache");
  IndexWriter writer(dest);
  for (const auto& r : writer.load_state()) {
    if (r.sha256.empty() || !has_text(r.status)) continue;
    if (!live.copy_to(copy, r.sha256)) writer.mark_for_rereading(r.id);
  }
  writer.commit();
}

}  // namespace scr
