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

std::vector<Snippet> make_snippets(Highlighter& highlighter, const std::vector<std::string>& pages,
                                   const std::vector<std::string>& phrases, size_t max_snippets, size_t bytes) {
  // Cheap first pass: which pages contain the query's words (or their stems, or a wildcard's
  // start) most often, and how many different ones. The highlighter then reads those pages only.
  std::vector<std::string> needles;
  for (const auto* list : {&highlighter.terms().exact, &highlighter.terms().stems, &highlighter.terms().prefixes}) {
    for (const auto& t : *list) needles.push_back(t.word);
  }
  for (const auto& p : highlighter.terms().phrases) {
    for (const auto& w : p.words) needles.push_back(w);
  }
  std::sort(needles.begin(), needles.end());
  needles.erase(std::unique(needles.begin(), needles.end()), needles.end());
  struct Scored {
    size_t page;
    size_t phrases, distinct, total;
  };
  std::vector<Scored> scored;
  for (size_t p = 0; p < pages.size(); ++p) {
    if (pages[p].empty()) continue;
    std::string l = ascii_lower(pages[p]);
    size_t distinct = 0, total = 0, with_phrase = 0;
    for (const auto& ph : phrases) with_phrase += l.find(ph) != std::string::npos;
    for (const auto& n : needles) {
      size_t c = count_occurrences(l, n);
      total += c;
      distinct += c > 0;
    }
    if (total > 0) scored.push_back({p, with_phrase, distinct, total});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    if (a.phrases != b.phrases) return a.phrases > b.phrases;
    return a.distinct != b.distinct ? a.distinct > b.distinct : a.total > b.total;
  });
  std::vector<Snippet> out;
  // A page may hold every word and still not the phrase (nothing to mark then): look a little
  // further down the list, but not through the whole report.
  size_t tries = 0;
  for (const auto& s : scored) {
    if (out.size() >= max_snippets || ++tries > max_snippets + 3) break;
    std::string html = highlighter.snippet(pages[s.page], bytes);
    if (!html.empty()) out.push_back({static_cast<int>(s.page) + 1, std::move(html), ""});
  }
  return out;
}

}  // namespace scr
