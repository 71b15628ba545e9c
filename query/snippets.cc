#include "snippets.h"

#include "scr/text.h"

#include <algorithm>
#include <cctype>

namespace scr {
namespace {

size_t count_occurrences(const std::string& hay, const std::string& needle) {
  if (needle.size() < 2) return 0;
  size_t n = 0;
  for (size_t pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + needle.size())) ++n;
  return n;
}

}  // namespace

std::vector<Snippet> make_snippets(const Xapian::MSet& mset, const std::vector<std::string>& pages,
                                   const std::vector<std::string>& terms, const std::vector<std::string>& phrases,
                                   const Xapian::Stem& stem, size_t max_snippets, size_t bytes) {
  // Cheap first pass: which pages contain the query's words (or their stems) most often, and how
  // many different ones. Xapian's snippet generator then runs on those pages only.
  std::vector<std::string> needles;
  for (const auto& t : terms) needles.push_back(t[0] == 'Z' ? t.substr(1) : t);
  struct Scored {
    size_t page;
    size_t phrases, distinct, total;
    size_t first;  // byte offset of the first match
  };
  std::vector<Scored> scored;
  for (size_t p = 0; p < pages.size(); ++p) {
    if (pages[p].empty()) continue;
    std::string l = ascii_lower(pages[p]);
    size_t distinct = 0, total = 0, first = std::string::npos, with_phrase = 0;
    for (const auto& ph : phrases) {
      size_t at = l.find(ph);
      if (at != std::string::npos) {
        ++with_phrase;
        first = std::min(first, at);
      }
    }
    for (const auto& n : needles) {
      size_t c = count_occurrences(l, n);
      total += c;
      distinct += c > 0;
      if (c && !with_phrase) first = std::min(first, l.find(n));
    }
    if (total > 0) scored.push_back({p, with_phrase, distinct, total, first});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    if (a.phrases != b.phrases) return a.phrases > b.phrases;
    return a.distinct != b.distinct ? a.distinct > b.distinct : a.total > b.total;
  });
  std::vector<Snippet> out;
  // Pages that hold every word may still not hold the phrase (the generator then returns nothing):
  // look a little further down the list, but not through the whole report.
  size_t tries = 0;
  for (const auto& s : scored) {
    if (out.size() >= max_snippets || ++tries > max_snippets + 3) break;
    // The snippet generator weighs every word it is given: give it the neighbourhood of the first
    // match (a few snippet lengths), not the whole page.
    const std::string& page = pages[s.page];
    size_t from = s.first > bytes ? s.first - bytes : 0;
    while (from > 0 && page[from] != ' ') --from;
    size_t to = std::min(page.size(), s.first + 2 * bytes);
    while (to < page.size() && page[to] != ' ') ++to;
    constexpr unsigned kFlags = Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH;
    std::string html = mset.snippet(page.substr(from, to - from), bytes, stem, kFlags, "<mark>", "</mark>", "\u2026");
    // A phrase only highlights where the whole phrase stands, which may be further on: try the page.
    if (html.empty() && (from > 0 || to < page.size())) {
      html = mset.snippet(page, bytes, stem, kFlags, "<mark>", "</mark>", "\u2026");
    }
    if (!html.empty()) out.push_back({static_cast<int>(s.page) + 1, std::move(html), ""});
  }
  return out;
}

}  // namespace scr
