#include "document_builder.h"

#include <xapian.h>

#include "scr/schema.h"
#include "scr/text.h"

#include <cctype>
#include <vector>

namespace scr {

namespace {

// Words with accents also get an accent-free twin term, so "Anais" finds "Anaïs". Only the
// unprefixed, unstemmed terms are looked at; the twin has the same wdf and no positions. A
// "word" of combining marks alone (damaged text) folds to nothing: no twin then (Xapian refuses
// an empty term with an exception).
void add_folded_twins(Xapian::Document& d) {
  std::vector<std::pair<std::string, Xapian::termcount>> twins;
  for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) continue;
    bool accented = false;
    for (unsigned char ch : term) accented |= ch >= 0x80;
    if (!accented) continue;
    std::string folded = fold_accents(term);
    if (!folded.empty() && folded != term) twins.emplace_back(folded, t.get_wdf());
  }
  for (const auto& [term, wdf] : twins) d.add_term(term, wdf);
}

}  // namespace

std::string build_text_document(const ReportMeta& m, const std::vector<std::string>& pages,
                                std::vector<unsigned>* page_starts) {
  namespace sc = schema;
  thread_local Xapian::TermGenerator tg = [] {
    Xapian::TermGenerator g;
    g.set_stemmer(Xapian::Stem("en"));
    g.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);  // the query parser must match (tech notes)
    return g;
  }();
  Xapian::Document d;
  tg.set_document(d);
  if (m.title.known()) {
    tg.index_text(m.title.value, 1, std::string(sc::kPrefixTitle));
    tg.increase_termpos();
    tg.index_text(m.title.value, 5);
    tg.increase_termpos(100);
  }
  if (m.pseudonym.known()) {
    tg.index_text(m.pseudonym.value, 1, std::string(sc::kPrefixChild));
    tg.increase_termpos();
    tg.index_text(m.pseudonym.value, 3);
    tg.increase_termpos(100);
  }
  if (m.summary.known()) {
    tg.index_text(m.summary.value);
    tg.increase_termpos(100);
  }
  for (const auto& k : m.keywords) {
    tg.index_text(k);
    tg.increase_termpos(10);
  }
  if (page_starts) page_starts->clear();
  for (const auto& page : pages) {
    if (page_starts) page_starts->push_back(tg.get_termpos() + 1);
    tg.index_text(page);
    tg.increase_termpos(100);
  }
  add_folded_twins(d);
  return d.serialise();
}

}  // namespace scr
