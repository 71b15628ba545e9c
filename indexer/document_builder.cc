#include "document_builder.h"

#include <xapian.h>

#include "scr/schema.h"

namespace scr {

std::string build_text_document(const ReportMeta& m, const std::vector<std::string>& pages) {
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
  for (const auto& page : pages) {
    tg.index_text(page);
    tg.increase_termpos(100);
  }
  return d.serialise();
}

}  // namespace scr
