#include "change_planner.h"

#include <map>
#include <set>
#include <unordered_map>

#include "scr/error.h"
#include "scr/extract.h"

namespace scr {

Plan plan_changes(const WalkResult& walk, const std::vector<IndexedReport>& indexed, const FileSystem& fs,
                  const std::string& root, const PlanOptions& options) {
  Plan plan;
  std::unordered_map<std::string, std::pair<size_t, size_t>> by_path;  // path -> (report, file)
  std::unordered_map<std::string, size_t> by_sha;
  for (size_t r = 0; r < indexed.size(); ++r) {
    by_sha.emplace(indexed[r].sha256, r);
    for (size_t f = 0; f < indexed[r].files.size(); ++f) by_path.emplace(indexed[r].files[f].path, std::make_pair(r, f));
  }
  std::set<std::string> present;
  for (const auto& f : walk.files) present.insert(f.path);

  // New file lists, per existing report, built as the scan goes.
  std::vector<std::vector<FileEntry>> new_files(indexed.size());
  std::vector<bool> list_changed(indexed.size(), false);
  std::vector<bool> needs_extract(indexed.size(), false);
  std::map<std::string, size_t> pending;  // sha -> index in plan.extract, for content new in this run

  auto vanished_paths = [&](size_t r) {
    for (const auto& f : indexed[r].files) {
      if (!present.count(f.path)) return true;
    }
    return false;
  };
  auto hash = [&](const FileEntry& f, std::string& out) {
    try {
      out = fs.sha256(root, f.path);
      return true;
    } catch (const Error& e) {
      plan.hash_errors.push_back(e.what());
      return false;
    }
  };
  auto attach_to_known = [&](size_t r, const FileEntry& f, bool was_moved) {
    new_files[r].push_back(f);
    list_changed[r] = true;
    if (was_moved) ++plan.counts.moved;
    else ++plan.counts.duplicates;
  };
  auto add_new_content = [&](const std::string& sha, const FileEntry& f, const char* reason) {
    auto it = pending.find(sha);
    if (it != pending.end()) {
      plan.extract[it->second].files.push_back(f);
      ++plan.counts.duplicates;
      return;
    }
    pending.emplace(sha, plan.extract.size());
    plan.extract.push_back({sha, {f}, reason, ""});
  };

  for (const auto& f : walk.files) {
    auto known = by_path.find(f.path);
    if (known != by_path.end()) {
      auto [r, i] = known->second;
      const FileEntry& old = indexed[r].files[i];
      if (old.size == f.size && old.mtime_ns == f.mtime_ns) {
        ++plan.counts.unchanged;
        new_files[r].push_back(f);
        continue;
      }
      std::string sha;
      if (!hash(f, sha)) {
        new_files[r].push_back(old);  // unreadable now: keep what we had
        continue;
      }
      if (sha == indexed[r].sha256) {
        ++plan.counts.touched;
        new_files[r].push_back(f);
        list_changed[r] = true;
        continue;
      }
      // The path now holds other content: it leaves report r.
      ++plan.counts.replaced;
      list_changed[r] = true;
      if (auto other = by_sha.find(sha); other != by_sha.end()) {
        new_files[other->second].push_back(f);
        list_changed[other->second] = true;
      } else {
        add_new_content(sha, f, "changed");
      }
      continue;
    }
    std::string sha;
    if (!hash(f, sha)) continue;
    if (auto other = by_sha.find(sha); other != by_sha.end()) {
      attach_to_known(other->second, f, vanished_paths(other->second));
    } else {
      if (!pending.count(sha)) ++plan.counts.added;
      add_new_content(sha, f, "new");
    }
  }

  // A path the walk did not see is gone only if the walk could see it: below a folder that could
  // not be read (or anywhere, when the walk failed without saying where) it stays until a walk
  // that reads it confirms it is gone.
  auto unseen = [&](const std::string& path) {
    if (walk.complete) return false;
    if (walk.unreadable_folders.empty()) return true;
    for (const auto& folder : walk.unreadable_folders) {
      if (folder.empty() || (path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/')) return true;
    }
    return false;
  };
  std::vector<size_t> vanished_reports;  // every path gone: deleted, unless the guard below holds
  size_t with_files = 0, found = 0;
  for (size_t r = 0; r < indexed.size(); ++r) {
    const auto& rep = indexed[r];
    if (rep.files.empty()) continue;  // catalogue-only records are the manifest's business
    ++with_files;
    std::vector<FileEntry> files = new_files[r];
    bool kept_unseen = false;
    for (const auto& old : rep.files) {
      if (present.count(old.path)) {
        ++found;
      } else if (unseen(old.path)) {
        files.push_back(old);
        kept_unseen = true;
      }
    }
    if (kept_unseen) plan.deletions_skipped = true;
    if (files.size() != rep.files.size()) list_changed[r] = true;
    if (files.empty()) {
      vanished_reports.push_back(r);
      continue;
    }
    bool failed = !has_text(rep.status);
    if (rep.extractor_version < options.extractor_version) {
      plan.extract.push_back({rep.sha256, files, "reextract", rep.id});
      ++plan.counts.reextracted;
      needs_extract[r] = true;
    } else if (failed && options.retry_failed) {
      plan.extract.push_back({rep.sha256, files, "retry", rep.id});
      ++plan.counts.retried;
      needs_extract[r] = true;
    } else if (failed) {
      ++plan.counts.failed_kept;
    }
    if (list_changed[r] && !needs_extract[r]) plan.updates.push_back({rep.id, files});
  }
  // A walk that finds none of the indexed files (an unmounted share looks like an empty folder),
  // or that would delete more than the allowed share in one run, deletes nothing unless told to.
  const size_t limit = static_cast<size_t>(options.max_delete_share * static_cast<double>(with_files));
  const bool none_found = found == 0 && with_files > 0;
  if (!vanished_reports.empty() && !options.allow_mass_delete &&
      (none_found || vanished_reports.size() > std::max<size_t>(limit, 1))) {
    plan.mass_delete_refused = static_cast<int>(vanished_reports.size());
    plan.mass_delete_reason =
        none_found ? "none of the " + std::to_string(with_files) + " indexed files was found"
                   : std::to_string(vanished_reports.size()) + " of " + std::to_string(with_files) +
                         " indexed reports are gone, more than the " +
                         std::to_string(static_cast<int>(options.max_delete_share * 100 + 0.5)) + "% allowed in one run";
    return plan;
  }
  for (size_t r : vanished_reports) {
    plan.deletes.push_back(indexed[r].id);
    ++plan.counts.deleted;
  }
  return plan;
}

}  // namespace scr
