// The hits of a search: each one's summary from its record, and its snippets from the pages of
// the text cache where the query's words stand.
#include <algorithm>
#include <map>
#include <set>

#include "scr/schema.h"
#include "snippets.h"
#include "xapian_searcher.h"

namespace scr {

namespace sc = schema;
using nlohmann::json;

namespace {

std::string meta_string(const json& rec, const char* field) {
  if (!rec.contains("meta") || !rec["meta"].contains(field)) return "";
  const json& v = rec["meta"][field]["value"];
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

void XapianSearcher::fill_hits(SearchResponse& r, const Xapian::MSet& mset, const PositionTerms& position_terms,
                               const std::vector<std::string>& phrases, const SearchRequest& request,
                               Highlighter* highlighter) {
  std::vector<Xapian::MSetIterator> all;
  for (auto m = mset.begin(); m != mset.end(); ++m) all.push_back(m);
  fill_hits(r, all, position_terms, phrases, request, highlighter);
}

// The hits of `items` (entries of an MSet), in that order.
void XapianSearcher::fill_hits(SearchResponse& r, const std::vector<Xapian::MSetIterator>& items,
                               const PositionTerms& position_terms, const std::vector<std::string>& phrases,
                               const SearchRequest& request, Highlighter* highlighter) {
  for (const auto& m : items) {
    Hit h;
    Xapian::Document doc = m.get_document();
    std::string summary = doc.get_value(sc::kSlotHit);  // indexes before the hit summary: the record
    json rec = json::parse(summary.empty() ? doc.get_data() : summary, nullptr, false);
    if (rec.is_discarded()) continue;
    h.id = rec.value("id", "");
    h.score = m.get_weight();
    h.percent = m.get_percent();
    h.doc_type = rec.value("type", "report");
    h.title = meta_string(rec, "title");
    h.board = meta_string(rec, "board");
    h.region = meta_string(rec, "region");
    h.review_type = meta_string(rec, "review_type");
    h.pseudonym = meta_string(rec, "pseudonym");
    std::string year = meta_string(rec, "year");
    h.year = year.empty() ? 0 : std::atoi(year.c_str());
    h.status = rec.value("status", "");
    h.pages = rec.value("pages", 0);
    h.indexed_at = rec.value("indexed_at", 0.0);
    if (rec.contains("implementation") && rec["implementation"].is_object()) {
      h.implementation = rec["implementation"].value("status", "");
    }
    if (rec.contains("files") && !rec["files"].empty()) h.file = rec["files"][0].value("path", "");
    if (h.doc_type != "report") {
      // A recommendation or finding: its report's title and board, and its own text as the title.
      h.title = rec.value("label", "") + " " + rec.value("text", "");
      h.board = rec.value("board", "");
      h.year = rec.value("year", 0);
      h.pseudonym = rec.value("report_title", "");
    }
    if (rec.contains("themes")) {
      for (const auto& t : rec["themes"]) {
        if (t.is_string()) h.themes.push_back(t.get<std::string>());
        else if (t.value("present", false)) h.themes.push_back(t.value("id", ""));
      }
    }
    if (h.title.empty()) h.title = h.file.empty() ? h.id : h.file;
    if (request.snippets && highlighter && !highlighter->terms().empty() && !rec.value("sha256", "").empty()) {
      size_t wanted = std::min<size_t>(request.snippets_per_hit, 5);
      std::vector<size_t> candidates = candidate_pages(*m, rec, position_terms, wanted + 3);
      const std::string sha = rec["sha256"].get<std::string>();
      const size_t bytes = std::clamp<size_t>(request.snippet_bytes, 80, 1000);
      if (candidates.empty()) {
        if (auto pages = cached_pages(sha, nullptr)) h.snippets = make_snippets(*highlighter, *pages, phrases, wanted, bytes);
      } else {
        // The best candidates first (decompressing a page is the larger part of a snippet's
        // cost); the others only when those did not give enough snippets.
        std::vector<size_t> first(candidates.begin(), candidates.begin() + std::min(wanted, candidates.size()));
        if (auto pages = cached_pages(sha, &first)) h.snippets = make_snippets(*highlighter, *pages, phrases, wanted, bytes);
        if (h.snippets.size() < wanted && candidates.size() > first.size()) {
          std::vector<size_t> rest(candidates.begin() + static_cast<long>(first.size()), candidates.end());
          if (auto pages = cached_pages(sha, &rest)) {
            for (auto& s : make_snippets(*highlighter, *pages, phrases, wanted - h.snippets.size(), bytes)) {
              h.snippets.push_back(std::move(s));
            }
          }
        }
      }
    }
    r.hits.push_back(std::move(h));
  }
}

XapianSearcher::PositionTerms XapianSearcher::position_terms_of(const std::vector<std::string>& query_terms,
                                                              const Xapian::Stem& stemmer) const {
  // A stem's words are found among the index's terms that start with it, or with all but its last
  // letter ("babi" is the stem of "baby"); at most this many are stemmed per stem.
  constexpr size_t kMaxWordsLooked = 200;
  PositionTerms out;
  for (const auto& t : query_terms) {
    if (t.empty()) continue;
    if (t[0] != 'Z') {
      out.push_back({t});
      continue;
    }
    const std::string stem = t.substr(1);
    if (stem.size() < 2) continue;
    const std::string start = stem.back() == 'i' ? stem.substr(0, stem.size() - 1) : stem;
    std::vector<std::string> words;
    size_t looked = 0;
    for (auto w = db_.allterms_begin(start); w != db_.allterms_end(start) && looked < kMaxWordsLooked; ++w, ++looked) {
      if (stemmer(*w) == stem) words.push_back(*w);
    }
    if (!words.empty()) out.push_back(std::move(words));
  }
  return out;
}

// The pages of document `did` where the query's words stand, most distinct words first, from the
// positions the index keeps and the page starts its record holds: only those pages are then read
// from the text cache. Empty when the record has no page starts or the words no positions, and the
// caller reads every page instead.
std::vector<size_t> XapianSearcher::candidate_pages(Xapian::docid did, const json& rec, const PositionTerms& position_terms,
                                                    size_t how_many) {
  if (!rec.contains("page_starts")) return {};
  std::vector<unsigned> starts = rec["page_starts"].get<std::vector<unsigned>>();
  if (starts.empty()) return {};
  std::map<size_t, std::pair<size_t, size_t>> per_page;  // page -> (distinct words, occurrences)
  for (const auto& group : position_terms) {
    std::set<size_t> seen;  // the pages this word of the query stands on, in any of its forms
    for (const auto& t : group) {
      try {
        for (auto p = db_.positionlist_begin(did, t); p != db_.positionlist_end(did, t); ++p) {
          auto it = std::upper_bound(starts.begin(), starts.end(), *p);
          if (it == starts.begin()) continue;  // in the title or pseudonym fields
          size_t page = static_cast<size_t>(it - starts.begin()) - 1;
          ++per_page[page].second;
          if (seen.insert(page).second) ++per_page[page].first;
        }
      } catch (const Xapian::Error&) {
        return {};
      }
    }
  }
  std::vector<std::pair<size_t, std::pair<size_t, size_t>>> ranked(per_page.begin(), per_page.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second.first != b.second.first ? a.second.first > b.second.first : a.second.second > b.second.second;
  });
  std::vector<size_t> out;
  for (size_t i = 0; i < ranked.size() && i < how_many; ++i) out.push_back(ranked[i].first);
  return out;
}

// The cached pages of a report, from whichever shard's cache holds them (keyed by content hash).
std::optional<std::vector<std::string>> XapianSearcher::cached_pages(const std::string& sha,
                                                                    const std::vector<size_t>* only) const {
  for (const auto& c : caches_) {
    if (caches_.size() > 1 && !c.contains(sha)) continue;
    if (auto pages = c.get(sha, only)) return pages;
  }
  return std::nullopt;
}

}  // namespace scr
