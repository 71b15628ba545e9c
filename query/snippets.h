// Page-numbered snippets from a report's cached text: the best passages for the query, with its
// words highlighted, HTML-safe. The running header never shows: the cache holds cleaned pages.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "scr/search.h"

namespace scr {

/// Up to `max_snippets` snippets of about `bytes` bytes from `pages` (1-based page numbers), best
/// pages first. `terms` are the query's free-text terms (unstemmed and Z-stemmed); `phrases` its
/// quoted phrases, lower-case (pages holding one come first: the snippet generator highlights a
/// phrase only where it stands whole).
std::vector<Snippet> make_snippets(const Xapian::MSet& mset, const std::vector<std::string>& pages,
                                   const std::vector<std::string>& terms, const std::vector<std::string>& phrases,
                                   const Xapian::Stem& stem, size_t max_snippets, size_t bytes);

}  // namespace scr
