#include "highlighter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

namespace scr {
namespace {

// A term the user typed into the text: lower case, a digit or non-ASCII first (prefixed terms
// are fields and filters: XTHEME..., S for titles).
bool is_free_text(std::string_view term) {
  if (term.empty()) return false;
  const auto c = static_cast<unsigned char>(term[0]);
  return std::islower(c) || std::isdigit(c) || c >= 0x80;
}

double weight_of(const Xapian::MSet* mset, const std::string& term) {
  if (!mset) return 1;
  try {
    double w = mset->get_termweight(term);
    return w > 0.1 ? w : 1;
  } catch (const Xapian::Error&) {
    return 1;  // a term the match did not weigh (one of a wildcard's, or of the relaxed query)
  }
}

// The pattern of a wildcard query. Xapian 1.4 has no accessor for it; its description is
// "Query(WILDCARD SYNONYM neglec)" (the combiner, then the pattern, which holds no space).
std::string wildcard_pattern(const Xapian::Query& q) {
  std::string d = q.get_description();
  size_t at = d.find("WILDCARD ");
  size_t close = d.rfind(')');
  if (at == std::string::npos || close == std::string::npos || close <= at) return "";
  size_t space = d.rfind(' ', close);
  return space == std::string::npos || space < at ? "" : d.substr(space + 1, close - space - 1);
}

void add_unique(std::vector<HighlightTerms::Term>& list, std::string word, double weight) {
  for (const auto& t : list) {
    if (t.word == word) return;
  }
  list.push_back({std::move(word), weight});
}

void walk(const Xapian::Query& q, const Xapian::MSet* mset, HighlightTerms& out) {
  const auto type = q.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    const std::string term = *q.get_terms_begin();
    if (term.size() > 1 && term[0] == 'Z') add_unique(out.stems, term.substr(1), weight_of(mset, term));
    else if (is_free_text(term)) add_unique(out.exact, term, weight_of(mset, term));
    return;
  }
  if (type == Xapian::Query::OP_WILDCARD) {
    std::string pattern = wildcard_pattern(q);
    if (is_free_text(pattern)) add_unique(out.prefixes, pattern, 1);
    return;
  }
  if (type == Xapian::Query::OP_PHRASE) {
    HighlightTerms::Phrase phrase;
    phrase.weight = 0;
    bool plain = true;
    for (size_t i = 0; i < q.get_num_subqueries() && plain; ++i) {
      const Xapian::Query sub = q.get_subquery(i);
      plain = sub.get_type() == Xapian::Query::LEAF_TERM;
      if (!plain) break;
      const std::string term = *sub.get_terms_begin();
      plain = is_free_text(term);
      phrase.words.push_back(term);
      phrase.weight += weight_of(mset, term);
    }
    if (plain && !phrase.words.empty()) {
      out.phrases.push_back(std::move(phrase));
      return;
    }
    // A phrase over something other than plain words (a field's terms): its words, loose.
  }
  // The right-hand sides of NOT and FILTER are what the hits must not have, or filters: not marked.
  size_t n = q.get_num_subqueries();
  if (type == Xapian::Query::OP_AND_NOT || type == Xapian::Query::OP_FILTER) n = std::min<size_t>(n, 1);
  for (size_t i = 0; i < n; ++i) walk(q.get_subquery(i), mset, out);
}

// ASCII letters and digits, and their lower case, as tables: std::isalnum and std::tolower are a
// locale call per byte, and tokenising the shown pages was a fifth of a search's instructions.
struct AsciiTables {
  bool word[128] = {};
  char lower[128] = {};
  constexpr AsciiTables() {
    for (int c = 0; c < 128; ++c) {
      const bool upper = c >= 'A' && c <= 'Z';
      word[c] = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      lower[c] = static_cast<char>(upper ? c + ('a' - 'A') : c);
    }
  }
};
constexpr AsciiTables kAscii;

bool is_ascii_word_byte(uint8_t b) { return b < 0x80 && kAscii.word[b]; }

bool is_word_char(UChar32 c) {
  if (c < 0x80) return c >= 0 && kAscii.word[c];
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
}

// Whether a sentence starts at byte `at` of `text` (after ". ", "? ", "! " or a line break).
bool sentence_starts_at(std::string_view text, size_t at) {
  if (at == 0) return true;
  if (text[at - 1] == '\n') return true;
  if (at < 2 || text[at - 1] != ' ') return false;
  const char c = text[at - 2];
  return c == '.' || c == '?' || c == '!' || c == ':';
}

}  // namespace

HighlightTerms HighlightTerms::from_query(const Xapian::Query& query, const Xapian::MSet* mset) {
  HighlightTerms out;
  walk(query, mset, out);
  return out;
}

Highlighter::Highlighter(HighlightTerms terms, const Xapian::Stem& stem) : terms_(std::move(terms)), stem_(stem) {
  for (const auto& s : terms_.stems) first_byte_[static_cast<unsigned char>(s.word[0])] = true;
}

void Highlighter::tokenise(std::string_view text) {
  tokens_.clear();
  folded_.clear();
  folded_.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    // ASCII outside words: the common case, a byte at a time.
    if (s[i] < 0x80 && !kAscii.word[s[i]]) {
      ++i;
      continue;
    }
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !is_word_char(c)) continue;
    Token t;
    t.begin = static_cast<size_t>(at);
    t.folded = folded_.size();
    for (;;) {
      if (c < 0x80) {
        folded_ += kAscii.lower[c];
        // The rest of an ASCII run at once: most words are ASCII throughout.
        while (i < n && is_ascii_word_byte(s[i])) folded_ += kAscii.lower[s[i++]];
      } else {
        UChar32 lower = is_apostrophe(c) ? '\'' : u_tolower(c);
        char buf[U8_MAX_LENGTH];
        int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, lower);
        folded_.append(buf, static_cast<size_t>(len));
      }
      t.end = static_cast<size_t>(i);
      if (i >= n) break;
      int32_t next = i;
      UChar32 d;
      U8_NEXT(s, next, n, d);
      if (d >= 0 && is_word_char(d)) {
        i = next;
        c = d;
        continue;
      }
      // An apostrophe between letters is part of the word ("mother's"), as Xapian indexes it.
      if (d >= 0 && is_apostrophe(d) && next < n) {
        int32_t after = next;
        UChar32 e;
        U8_NEXT(s, after, n, e);
        if (e >= 0 && is_word_char(e)) {
          i = next;
          c = d;
          continue;
        }
      }
      break;
    }
    t.folded_len = folded_.size() - t.folded;
    tokens_.push_back(t);
  }
}

int Highlighter::match_word(std::string_view word) {
  int key = 0;
  for (const auto& t : terms_.exact) {
    if (t.word == word) return key;
    ++key;
  }
  if (!terms_.stems.empty() && first_byte_[static_cast<unsigned char>(word[0])]) {
    auto found = seen_.find(word);
    if (found != seen_.end()) return found->second;
    std::string w(word);
    const std::string stemmed = stem_(w);
    int result = -1;
    for (size_t s = 0; s < terms_.stems.size(); ++s) {
      if (terms_.stems[s].word == stemmed) result = key + static_cast<int>(s);
    }
    if (seen_.size() > 20000) seen_.clear();  // a bound for a search over very long reports
    seen_.emplace(std::move(w), result);
    if (result >= 0) return result;
  }
  key += static_cast<int>(terms_.stems.size());
  for (const auto& p : terms_.prefixes) {
    if (word.substr(0, p.word.size()) == p.word) return key;
    ++key;
  }
  return -1;
}

std::string Highlighter::snippet(std::string_view text, size_t bytes) {
  if (terms_.empty() || text.empty()) return "";
  tokenise(text);
  matches_.clear();
  const int phrase_key0 = static_cast<int>(terms_.exact.size() + terms_.stems.size() + terms_.prefixes.size());
  std::vector<double> weights;
  for (const auto* list : {&terms_.exact, &terms_.stems, &terms_.prefixes}) {
    for (const auto& t : *list) weights.push_back(t.weight);
  }
  for (size_t k = 0; k < tokens_.size(); ++k) {
    // A phrase where it stands whole, first: its words are not also loose matches.
    bool in_phrase = false;
    for (size_t p = 0; p < terms_.phrases.size() && !in_phrase; ++p) {
      const auto& words = terms_.phrases[p].words;
      if (k + words.size() > tokens_.size()) continue;
      size_t w = 0;
      while (w < words.size() && folded(tokens_[k + w]) == words[w]) ++w;
      if (w == words.size()) {
        matches_.push_back({k, k + words.size() - 1, phrase_key0 + static_cast<int>(p), terms_.phrases[p].weight});
        k += words.size() - 1;
        in_phrase = true;
      }
    }
    if (in_phrase) continue;
    const int key = match_word(folded(tokens_[k]));
    if (key >= 0) matches_.push_back({k, k, key, weights[static_cast<size_t>(key)]});
  }
  if (matches_.empty()) return "";

  // The window of matches, each starting one, that fits in the length and holds the most distinct
  // terms; between those, the one whose terms weigh most (rarer words), a further occurrence of a
  // term adding a tenth of its weight.
  size_t best_first = 0, best_last = 0;
  double best = -1;
  std::vector<int> count(static_cast<size_t>(phrase_key0) + terms_.phrases.size());
  for (size_t a = 0; a < matches_.size(); ++a) {
    std::fill(count.begin(), count.end(), 0);
    const size_t from = tokens_[matches_[a].first].begin;
    double distinct = 0, weight = 0;
    size_t b = a;
    for (; b < matches_.size() && (b == a || tokens_[matches_[b].last].end - from <= bytes); ++b) {
      const auto& m = matches_[b];
      const bool first = count[static_cast<size_t>(m.key)]++ == 0;
      distinct += first;
      weight += first ? m.weight : m.weight / 10;
    }
    const double score = distinct * 1e6 + weight;
    if (score > best) {
      best = score;
      best_first = a;
      best_last = b - 1;
    }
  }

  // Where the passage starts: a sentence start before the first match, when one is near enough;
  // else a third of the spare length before it, at a word.
  const size_t match_begin = tokens_[matches_[best_first].first].begin;
  const size_t match_end = tokens_[matches_[best_last].last].end;
  const size_t spare = bytes > match_end - match_begin ? bytes - (match_end - match_begin) : 0;
  size_t begin = match_begin;
  size_t first_token = matches_[best_first].first;
  // A text that fits from its start to the matches is shown from its start.
  if (match_end - tokens_[0].begin <= bytes) first_token = 0;
  for (size_t k = first_token; k > 0 && match_begin - tokens_[k - 1].begin <= spare / 2; --k) {
    if (sentence_starts_at(text, tokens_[k - 1].begin)) {
      begin = tokens_[k - 1].begin;
      first_token = k - 1;
      break;
    }
  }
  if (begin == match_begin && first_token > 0) {
    while (first_token > 0 && match_begin - tokens_[first_token - 1].begin <= spare / 3) --first_token;
    begin = tokens_[first_token].begin;
  }
  // From the first word on, the text's own opening (a bracket, a quotation mark) is kept.
  size_t text_begin = 0;
  while (text_begin < text.size() && std::isspace(static_cast<unsigned char>(text[text_begin]))) ++text_begin;
  if (first_token == 0) begin = text_begin;
  // Where it ends: the last whole word within the length (never before the last match).
  size_t last_token = matches_[best_last].last;
  while (last_token + 1 < tokens_.size() && tokens_[last_token + 1].end - begin <= bytes) ++last_token;
  size_t text_end = text.size();
  while (text_end > 0 && std::isspace(static_cast<unsigned char>(text[text_end - 1]))) --text_end;
  size_t end = tokens_[last_token].end;
  if (last_token + 1 == tokens_.size()) {
    end = text_end;  // the end of the text: its closing punctuation too
  } else if (end < text.size() && (text[end] == '.' || text[end] == ',' || text[end] == ';' || text[end] == ')')) {
    ++end;  // a sentence's full stop belongs to it
  }

  std::string out;
  out.reserve(end - begin + 64);
  if (begin > text_begin) out += "\u2026";
  size_t at = begin;
  for (const auto& m : matches_) {
    const size_t mb = tokens_[m.first].begin, me = tokens_[m.last].end;
    if (mb < begin || me > end) continue;
    append_escaped(out, text.substr(at, mb - at));
    out += "<mark>";
    append_escaped(out, text.substr(mb, me - mb));
    out += "</mark>";
    at = me;
  }
  append_escaped(out, text.substr(at, end - at));
  if (end < text_end) out += "\u2026";
  return out;
}

}  // namespace scr
