// Page-numbered snippets from a report's cached text: the best passages for the query, with its
// words highlighted, HTML-safe. The running header never shows: the cache holds cleaned pages.
#pragma once

#include <string>
#include <vector>

#include "highlighter.h"
#include "scr/search.h"

namespace scr {

/// Up to `max_snippets` snippets of about `bytes` bytes from `pages` (1-based page numbers), best
/// pages first: those holding one of `phrases` (the query's quoted phrases, lower-case), then the
/// most distinct words of the query, then the most occurrences. `highlighter` finds and marks them.
std::vector<Snippet> make_snippets(Highlighter& highlighter, const std::vector<std::string>& pages,
                                   const std::vector<std::string>& phrases, size_t max_snippets, size_t bytes);

}  // namespace scr
