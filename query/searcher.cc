// Opening an index (a folder or a stub file of shards), following the writer's commits, lookups by
// id, and the checks every query operation makes first (see xapian_searcher.h).
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "report_record.h"
#include "scr/schema.h"
#include "scr/text.h"
#include "xapian_searcher.h"

namespace scr {

namespace sc = schema;
using nlohmann::json;

XapianSearcher::XapianSearcher(const std::string& dir)
    : dir_(dir),
      boards_(BoardRegistry::load_default()),
      taxonomy_(Taxonomy::load_default()),
      agencies_(AgencyVocabulary::load_default()),
      intents_(IntentVocabulary::load_default()) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(dir, ec)) {
    // A Xapian stub file naming several shards (one "auto <index>/xapian" line each): Xapian
    // searches them as one database; each shard's text cache sits beside its database.
    for (const auto& shard : stub_shards(dir)) caches_.emplace_back(shard + "/text-cache");
    try {
      db_ = Xapian::Database(dir);
    } catch (const Xapian::Error& e) {
      throw Error(dir + ": cannot open the shards this stub file names (" + e.get_msg() + ")");
    }
  } else {
    caches_.emplace_back(dir + "/text-cache");
    try {
      db_path_ = dir + "/xapian";
      db_ = Xapian::Database(db_path_);
      opened_ino_ = inode_of(db_path_);
    } catch (const Xapian::Error& e) {
      throw Error(dir + ": cannot open the index (" + e.get_msg() + "); build one with scr-index --index " + dir);
    }
  }
  // The first board of a slug names it (as the search over the table did).
  for (const auto& b : boards_.boards()) board_names_.emplace(sc::term_value(b.name), b.name);
  for (const auto& reg : english_regions()) region_names_.emplace(sc::term_value(reg), reg);
  std::string schema = db_.get_metadata(std::string(sc::kMetaSchema));
  if (!schema.empty() && schema != std::to_string(sc::kSchemaVersion)) {
    throw Error(dir + ": index schema " + schema + ", this program reads schema " + std::to_string(sc::kSchemaVersion) +
                ". " + sc::mismatch_advice(dir, schema));
  }
}

bool XapianSearcher::reopen() {
  bool changed = refresh();
  if (changed) ++reopens_;
  return changed;
}

IndexInfo XapianSearcher::info() {
  return retrying([&] {
    IndexInfo i;
    i.documents = db_.get_doccount();
    i.revision = std::to_string(db_.get_revision());
    i.corpus_root = db_.get_metadata(std::string(sc::kMetaCorpusRoot));
    std::string s = db_.get_metadata(std::string(sc::kMetaSchema));
    i.schema = s.empty() ? 0 : std::stoi(s);
    return i;
  });
}

std::optional<ReportRecord> XapianSearcher::report(const std::string& id) {
  return retrying([&]() -> std::optional<ReportRecord> {
    std::string q = sc::make_term(sc::kPrefixId, id);
    auto it = db_.postlist_begin(q);
    if (it == db_.postlist_end(q)) return std::nullopt;
    auto served = served_report_record(db_, id, db_.get_document(*it).get_data());
    return served ? ReportRecord{id, std::move(*served)} : ReportRecord{id, "", true};
  });
}

ino_t XapianSearcher::inode_of(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

// Moves to the newest commit. A database put in place of the one opened (scr-index --compact,
// a restored backup) is another database, which Database::reopen() does not follow: it is
// opened afresh. Until it can be, the open one goes on answering.
bool XapianSearcher::refresh() {
  if (opened_ino_ != 0) {
    ino_t now = inode_of(db_path_);
    if (now != 0 && now != opened_ino_) {
      try {
        db_ = Xapian::Database(db_path_);
        opened_ino_ = now;
        facet_cache_.clear();  // keyed by revision, which the new database may share
        return true;
      } catch (const Xapian::Error&) {
        // Half-way through a swap without an atomic exchange: try again on the next request.
      }
    }
  }
  return db_.reopen();
}

// The index folders a stub file's shards belong to: each line "TYPE PATH" (as Xapian requires), PATH
// relative to the stub's folder, naming "<index>/xapian".
std::vector<std::string> XapianSearcher::stub_shards(const std::string& stub) {
  std::vector<std::string> out;
  std::ifstream in(stub);
  std::string line;
  std::filesystem::path base = std::filesystem::path(stub).parent_path();
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    size_t sp = t.find(' ');
    std::string type = sp == std::string::npos ? "auto" : t.substr(0, sp);
    std::string path = sp == std::string::npos ? t : trim(t.substr(sp + 1));
    if (type == "remote" || type == "inmemory") continue;  // no text cache to find: no snippets
    std::filesystem::path p = std::filesystem::path(path).is_absolute() ? std::filesystem::path(path) : base / path;
    out.push_back(p.lexically_normal().parent_path().string());
  }
  return out;
}

// The facet cache of the revision being searched (single-database indexes only: a stub's shards
// have no single revision).
FacetCache* XapianSearcher::facet_cache() {
  try {
    Xapian::rev rev = db_.get_revision();
    if (rev != facet_cache_revision_) {
      facet_cache_.clear();
      facet_cache_revision_ = rev;
    }
    return &facet_cache_;
  } catch (const Xapian::Error&) {
    return nullptr;
  }
}

// What every operation taking a query string refuses before parsing it. Invalid UTF-8 would be
// cleaned to nothing and widen the query to every report: refused, never guessed at.
std::optional<QueryError> XapianSearcher::check_query_text(const std::string& query) {
  if (query.size() > SearchRequest::kMaxQueryBytes) {
    return QueryError{"The query is too long (" + std::to_string(query.size()) + " bytes; at most " +
                      std::to_string(SearchRequest::kMaxQueryBytes) + ")."};
  }
  if (!is_valid_utf8(query)) return QueryError{"The query is not valid UTF-8 text; send it UTF-8 encoded."};
  return std::nullopt;
}

std::unique_ptr<Searcher> Searcher::open(const std::string& index_dir) {
  return std::make_unique<XapianSearcher>(index_dir);  // a folder, or a stub file of shards
}

}  // namespace scr
