// The project's snippet highlighter against Xapian's MSet::snippet, which it replaced, on every
// page of the top hits of researcher-like queries over the test corpus: the same pages have
// matches, the same words are marked, and the passage chosen holds at least as many of the query's
// terms.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <cctype>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "highlighter.h"
#include "indexed_corpus.h"
#include "scr/text.h"
#include "scr/text_cache.h"

namespace {

// The marked strings of a snippet, folded to lower case (ASCII: the corpus is English).
std::vector<std::string> marked(const std::string& html) {
  std::vector<std::string> out;
  for (size_t a = html.find("<mark>"); a != std::string::npos; a = html.find("<mark>", a + 1)) {
    size_t b = html.find("</mark>", a);
    if (b == std::string::npos) break;
    out.push_back(scr::ascii_lower(html.substr(a + 6, b - a - 6)));
  }
  return out;
}

// The words a snippet marks, folded (Xapian marks a phrase word by word, we mark it whole).
std::set<std::string> marked_words(const std::string& html) {
  std::set<std::string> out;
  for (const auto& m : marked(html)) {
    std::string w;
    for (char c : m + " ") {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
        w += c;
      } else if (!w.empty()) {
        out.insert(w);
        w.clear();
      }
    }
  }
  return out;
}

// Their stems: "appointment" and "appointments" are one term of the query.
std::set<std::string> marked_stems(const std::string& html) {
  static const Xapian::Stem stem("en");
  std::set<std::string> out;
  for (const auto& w : marked_words(html)) out.insert(stem(w));
  return out;
}

}  // namespace

TEST_CASE("snippets: the highlighter marks what Xapian's snippet generator marks, on the test corpus", "[snippets]") {
  Xapian::Database db((scr::testing::kIndex / "xapian").string());
  const scr::TextCache cache((scr::testing::kIndex / "text-cache").string());
  const Xapian::Stem stem("en");
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(stem);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD;

  const std::vector<std::string> queries = {
      "neglect", "domestic abuse", "\"disguised compliance\"", "co-sleeping", "mother's partner",
      "information sharing police", "Health Visitor", "missed appointments", "bruising baby",
      "\"strategy discussion\" police", "neglec*", "substance misuse mother", "school attendance",
      "mental health", "recommendations GP", "injuries"};
  size_t pages_compared = 0, with_matches = 0, fewer_terms = 0;
  for (const auto& text : queries) {
    const Xapian::Query q = parser.parse_query(text, flags);
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    REQUIRE(mset.size() > 0);
    scr::Highlighter highlighter(scr::HighlightTerms::from_query(q, &mset), stem);
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      const auto rec = nlohmann::json::parse(m.get_document().get_data(), nullptr, false);
      if (!rec.is_object() || !rec.contains("sha256")) continue;
      const auto pages = cache.get(rec["sha256"].get<std::string>());
      REQUIRE(pages);
      for (size_t p = 0; p < pages->size(); ++p) {
        const std::string& page = (*pages)[p];
        if (page.empty()) continue;
        INFO("query " << text << ", report " << rec.value("id", "") << ", page " << p + 1);
        constexpr unsigned kFlags = Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH;
        const std::string theirs = mset.snippet(page, 300, stem, kFlags, "<mark>", "</mark>", "\u2026");
        const std::string ours = highlighter.snippet(page, 300);
        ++pages_compared;
        // The same pages have something to mark.
        CHECK(ours.empty() == theirs.empty());
        if (ours.empty() || theirs.empty()) continue;
        ++with_matches;
        // Every word we mark, Xapian marks when it reads the whole page.
        const auto everything = marked_words(mset.snippet(page, page.size() * 2, stem, kFlags, "<mark>", "</mark>", "\u2026"));
        for (const auto& w : marked_words(ours)) {
          INFO("word " << w << " in " << ours);
          CHECK(everything.count(w) == 1);
        }
        // The passage holds as many different terms as Xapian's (it chooses for them).
        if (marked_stems(ours).size() < marked_stems(theirs).size()) {
          ++fewer_terms;
          if (getenv("SNIPDEBUG")) std::cerr << "OURS " << ours << "\nTHEIRS " << theirs << "\n\n";
        }
      }
    }
  }
  std::cout << "snippets compared on " << pages_compared << " pages, " << with_matches << " with matches; "
            << fewer_terms << " of ours have fewer distinct marked words than Xapian's\n";
  CHECK(with_matches > 200);
  CHECK(fewer_terms == 0);
}
