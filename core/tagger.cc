#include "scr/tagger.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <memory>
#include <set>

#include "scr/error.h"
#include "scr/text.h"

namespace scr {
namespace {

// Abbreviations after which a full stop does not end a sentence. ICU's English suppressions
// ("en@ss=standard") cover titles such as "Dr." and "Mr."; reviews add their own.
const std::set<std::string>& abbreviations() {
  static const std::set<std::string> s = {"para", "paras", "no",  "nos", "approx", "e.g", "i.e", "eg",  "ie",
                                          "cf",   "fig",   "ref", "vol", "pp",     "p",   "dr",  "mr", "mrs",
                                          "ms",   "st",    "vs",  "etc", "ibid",   "op",  "cit", "al", "sect", "s"};
  return s;
}

// The word before the final '.' of text[begin, end), lower case ("para" for "... see para.").
std::string last_word_before_stop(std::string_view text, size_t begin, size_t end) {
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
  if (end == begin || text[end - 1] != '.') return "";
  size_t stop = end - 1, start = stop;
  while (start > begin && (std::isalpha(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '.')) --start;
  std::string w(text.substr(start, stop - start));
  for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

// Sentence breaks of one paragraph (no '\n' inside), offsets relative to it.
void sentences_of_paragraph(std::string_view para, size_t base, std::vector<std::pair<size_t, size_t>>& out) {
  thread_local std::unique_ptr<icu::BreakIterator> iter = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    if (U_FAILURE(status)) {
      status = U_ZERO_ERROR;
      it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    }
    if (U_FAILURE(status)) throw Error(std::string("ICU: cannot create a sentence break iterator: ") + u_errorName(status));
    return it;
  }();
  // UTF-16 index -> byte offset, built while converting.
  icu::UnicodeString u;
  std::vector<size_t> byte_at;
  int32_t i = 0, n = static_cast<int32_t>(para.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(para.data()), i, n, c);
    if (c < 0) c = 0xFFFD;
    u.append(c);
    while (byte_at.size() < static_cast<size_t>(u.length())) byte_at.push_back(static_cast<size_t>(start));
  }
  byte_at.push_back(para.size());
  iter->setText(u);
  std::vector<std::pair<size_t, size_t>> raw;
  int32_t prev = iter->first();
  for (int32_t b = iter->next(); b != icu::BreakIterator::DONE; b = iter->next()) {
    raw.emplace_back(byte_at[static_cast<size_t>(prev)], byte_at[static_cast<size_t>(b)]);
    prev = b;
  }
  // Rejoin sentences split after an abbreviation.
  for (size_t k = 0; k < raw.size(); ++k) {
    auto [s, e] = raw[k];
    while (k + 1 < raw.size() && abbreviations().count(last_word_before_stop(para, s, e))) e = raw[++k].second;
    while (e > s && para[e - 1] == ' ') --e;
    if (e > s) out.emplace_back(base + s, base + e);
  }
}

std::string evidence_text(std::string_view sentence) {
  constexpr size_t kMax = 300;
  if (sentence.size() <= kMax) return std::string(sentence);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  return std::string(sentence.substr(0, cut)) + "\u2026";
}

struct Span {
  size_t first, last;
};

std::vector<Span> spans(const PhraseSet& set, const std::vector<Word>& words) {
  std::vector<Span> out;
  for (const auto& m : set.find(words)) out.push_back({m.first, m.last});
  return out;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> split_sentences(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (end > start) sentences_of_paragraph(text.substr(start, end - start), start, out);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

struct ThemeTagger::Accumulator {
  struct PerTheme {
    int mentions = 0, cancelled = 0;
    int phrasing_hits = 0;
    std::set<std::string> indicators;
    std::vector<Evidence> strong, weak;
  };
  std::vector<PerTheme> themes;
};

ThemeTagger::ThemeTagger(const Taxonomy& taxonomy) : taxonomy_(taxonomy) {
  const auto& themes = taxonomy_.themes();
  for (size_t t = 0; t < themes.size(); ++t) {
    for (const auto& p : themes[t].phrasings) themes_.add(p, static_cast<int>(t * 2));
    for (const auto& p : themes[t].indicators) themes_.add(p, static_cast<int>(t * 2 + 1));
    const ThemeGroup* g = taxonomy_.group(themes[t].group);
    absence_cancels_.push_back(g ? g->absence_cancels : true);
  }
  const CancelCues& c = taxonomy_.cues();
  for (const auto& p : c.negation_before) negation_before_.add(p, 0);
  for (const auto& p : c.absence_before) absence_before_.add(p, 0);
  for (const auto& p : c.negation_after) negation_after_.add(p, 0);
  std::set<std::string> clause_only(c.hypothetical_clause_start.begin(), c.hypothetical_clause_start.end());
  for (const auto& p : c.hypothetical_before) {
    clause_start_only_.push_back(clause_only.count(p) > 0);
    hypothetical_before_.add(p, static_cast<int>(clause_start_only_.size() - 1));
  }
  for (const auto& p : c.terminators) terminators_.add(p, 0);
  for (const auto& p : c.pseudo_negations) pseudo_.add(p, 0);
}

void ThemeTagger::tag_paragraph(std::string_view paragraph, int page, Accumulator& acc) const {
  // Words and matches over the whole paragraph: most paragraphs mention no theme, and those are
  // done without sentence splitting. A sentence end opens a clause (split_words), so cue scopes
  // still stop at it; sentences are only cut out for evidence.
  std::vector<Word> words = split_words(paragraph);
  auto matches = themes_.find(words);
  if (matches.empty()) return;
  std::vector<std::pair<size_t, size_t>> sentences;
  auto sentence_at = [&](size_t byte) {
    if (sentences.empty()) sentences_of_paragraph(paragraph, 0, sentences);
    for (auto [b, e] : sentences) {
      if (byte >= b && byte < e) return paragraph.substr(b, e - b);
    }
    return paragraph;
  };

  // Cue occurrences, computed once per sentence. Words inside a pseudo-negation ("no one", "not
  // only") cannot start a cue.
  std::vector<bool> pseudo(words.size(), false);
  for (const auto& s : spans(pseudo_, words)) {
    for (size_t k = s.first; k < s.last; ++k) pseudo[k] = true;
  }
  auto real = [&](std::vector<Span> v) {
    std::erase_if(v, [&](const Span& s) { return pseudo[s.first]; });
    return v;
  };
  std::vector<Span> neg_before = real(spans(negation_before_, words));
  std::vector<Span> absence = real(spans(absence_before_, words));
  std::vector<Span> neg_after = real(spans(negation_after_, words));
  std::vector<bool> terminator(words.size(), false);
  for (const auto& s : spans(terminators_, words)) terminator[s.first] = true;
  std::vector<Span> hypothetical;
  for (const auto& m : hypothetical_before_.find(words)) {
    bool clause_only = false;
    for (int id : m.ids) clause_only = clause_only || clause_start_only_[static_cast<size_t>(id)];
    if (clause_only && !words[m.first].clause_start) continue;
    if (!pseudo[m.first]) hypothetical.push_back({m.first, m.last});
  }

  const size_t scope = static_cast<size_t>(taxonomy_.cues().scope_words);
  const size_t scope_after = static_cast<size_t>(taxonomy_.cues().scope_words_after);
  // Whether words [a, b] hold a clause boundary or a terminator, ending a cue's scope.
  auto blocked = [&](size_t a, size_t b) {
    for (size_t k = a; k <= b && k < words.size(); ++k) {
      if (words[k].clause_start || terminator[k]) return true;
    }
    return false;
  };
  auto governed_before = [&](const std::vector<Span>& cues, size_t s) {
    for (const auto& c : cues) {
      if (c.last <= s && s - c.last <= scope && !blocked(c.last, s)) return true;
    }
    return false;
  };
  auto governed_after = [&](const std::vector<Span>& cues, size_t e) {
    for (const auto& c : cues) {
      if (c.first >= e && c.first - e <= scope_after && (c.first == e || !blocked(e, c.first))) return true;
    }
    return false;
  };

  for (const auto& m : matches) {
    bool cancelled_neg = governed_before(neg_before, m.first) || governed_after(neg_after, m.last) ||
                         governed_before(hypothetical, m.first);
    bool cancelled_absence = governed_before(absence, m.first);
    std::set<size_t> seen;
    for (int id : m.ids) {
      size_t t = static_cast<size_t>(id / 2);
      bool indicator = id % 2 == 1;
      auto& pt = acc.themes[t];
      // A phrasing and an indicator of the same theme at the same place count once, as the phrasing.
      if (!seen.insert(t).second) continue;
      if (cancelled_neg || (cancelled_absence && absence_cancels_[t])) {
        ++pt.cancelled;
        continue;
      }
      ++pt.mentions;
      if (indicator) {
        std::string key;
        for (size_t k = m.first; k < m.last; ++k) key += words[k].text + " ";
        pt.indicators.insert(key);
      } else {
        ++pt.phrasing_hits;
      }
      auto& list = indicator ? pt.weak : pt.strong;
      if (list.size() < kMaxEvidence) list.push_back({page, evidence_text(sentence_at(words[m.first].begin))});
    }
  }
}

std::vector<ThemeTag> ThemeTagger::finish(Accumulator& acc) const {
  std::vector<ThemeTag> out;
  const auto& themes = taxonomy_.themes();
  for (size_t t = 0; t < themes.size(); ++t) {
    auto& pt = acc.themes[t];
    if (pt.mentions == 0 && pt.cancelled == 0) continue;
    ThemeTag tag;
    tag.id = themes[t].id;
    tag.mentions = pt.mentions;
    tag.cancelled = pt.cancelled;
    tag.score = pt.phrasing_hits + 0.5 * static_cast<double>(pt.indicators.size());
    tag.present = tag.score >= themes[t].threshold;
    tag.evidence = std::move(pt.strong);
    for (auto& e : pt.weak) {
      if (tag.evidence.size() >= kMaxEvidence) break;
      tag.evidence.push_back(std::move(e));
    }
    out.push_back(std::move(tag));
  }
  return out;
}

namespace {

// A glossary defines terms whether or not the review is about them ("EHCP Education, Health and
// Care Plan"): its entries are not mentions.
bool is_glossary_heading(std::string_view line) {
  // Not limited to short lines: on a page of short glossary lines the heading can run into them.
  // A contents entry ("Glossary 33") is not the glossary.
  std::string_view trimmed = line;
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  if (trimmed.size() < 60 && !trimmed.empty() && std::isdigit(static_cast<unsigned char>(trimmed.back()))) return false;
  std::string l = ascii_lower(strip_heading_number(line).substr(0, 40));
  for (const char* h : {"glossary", "abbreviations", "acronyms", "abbreviation meaning", "key to abbreviations",
                        "list of abbreviations", "terms used", "abbreviations used"}) {
    if (l.rfind(h, 0) == 0) return true;
  }
  return false;
}

// A heading that ends a glossary: a numbered section, or one of the usual report sections.
bool ends_glossary(std::string_view line) {
  // A paragraph of prose is not a glossary entry.
  if (line.size() > 200 && line.back() == '.') return true;
  if (line.size() > 80 || line.empty()) return false;
  if (std::isdigit(static_cast<unsigned char>(line[0]))) {
    std::string_view rest = strip_heading_number(line);
    return rest.size() < line.size() && !rest.empty() && std::isupper(static_cast<unsigned char>(rest[0])) &&
           rest.find(' ') != std::string_view::npos && rest.back() != '.';
  }
  std::string l = ascii_lower(line);
  for (const char* h : {"introduction", "background", "appendix", "references", "conclusion", "executive summary",
                        "summary", "terms of reference", "methodology", "recommendations", "findings", "contents"}) {
    if (l.rfind(h, 0) == 0) return true;
  }
  return false;
}

}  // namespace

std::vector<ThemeTag> ThemeTagger::tag_pages(const std::vector<std::string>& pages) const {
  Accumulator acc;
  acc.themes.resize(taxonomy_.themes().size());
  bool in_glossary = false;
  // A sentence that runs over a page break: the unfinished last paragraph of a page waits for the
  // next page's first, and goes on with it when that starts in lower case.
  std::string carry;
  int carry_page = 0;
  auto tag_line = [&](std::string_view line, int page) { tag_paragraph(line, page, acc); };
  for (size_t p = 0; p < pages.size(); ++p) {
    std::string_view page = pages[p];
    size_t start = 0;
    while (start < page.size()) {
      size_t nl = page.find('\n', start);
      if (nl == std::string_view::npos) nl = page.size();
      std::string_view line = page.substr(start, nl - start);
      bool last_of_page = nl >= page.size();
      start = nl + 1;
      std::string joined;
      int line_page = static_cast<int>(p + 1);
      if (!carry.empty()) {
        if (!line.empty() && std::islower(static_cast<unsigned char>(line[0]))) {
          joined = carry + " " + std::string(line);
          line = joined;
          line_page = carry_page;
        } else {
          tag_line(carry, carry_page);
        }
        carry.clear();
      }
      if (is_glossary_heading(line)) {
        in_glossary = true;
        continue;
      }
      if (in_glossary) {
        if (!ends_glossary(line)) continue;
        in_glossary = false;
      }
      char end = line.empty() ? '.' : line.back();
      if (last_of_page && p + 1 < pages.size() && std::isalpha(static_cast<unsigned char>(end))) {
        carry = std::string(line);
        carry_page = line_page;
        continue;
      }
      tag_line(line, line_page);
    }
  }
  if (!carry.empty()) tag_line(carry, carry_page);
  return finish(acc);
}

std::vector<ThemeTag> ThemeTagger::tag_text(std::string_view text) const {
  Accumulator acc;
  acc.themes.resize(taxonomy_.themes().size());
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    tag_paragraph(text.substr(start, nl - start), 0, acc);
    start = nl + 1;
  }
  return finish(acc);
}

}  // namespace scr
