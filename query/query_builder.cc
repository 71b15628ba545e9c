#include "query_builder.h"

#include <cctype>
#include <map>
#include <set>

#include <regex>

#include "query_string.h"
#include "scr/phrase_match.h"

#include "scr/fields.h"
#include "scr/schema.h"
#include "scr/text.h"

namespace scr {
namespace {

namespace sc = schema;

// The term one value of a filter field stands for, the same whether it was typed in the query
// (board:kent) or sent as a request filter (board=Kent).
Xapian::Query filter_value_query(const Field& field, const std::string& value, const BoardRegistry& boards) {
  std::string v = field_term_value(field.name, value, boards);
  if (field.name == "type") {
    // type: is a document type (report, recommendation, finding) or a review type (scr, cspr...).
    if (v == "report" || v == "recommendation" || v == "finding" || v == "recommendations" || v == "findings") {
      if (v.back() == 's') v.pop_back();
      return Xapian::Query(sc::make_term(sc::kPrefixDocType, v));
    }
    return Xapian::Query(sc::make_term(sc::kPrefixReviewType, v));
  }
  return Xapian::Query(sc::make_term(field.prefix, v));
}

// A field of the query syntax (board:, theme:, type: ...) whose value becomes one boolean term.
class FilterField : public Xapian::FieldProcessor {
 public:
  FilterField(const Field& field, const BoardRegistry& boards) : field_(field), boards_(boards) {}
  Xapian::Query operator()(const std::string& value) override { return filter_value_query(field_, value, boards_); }

 private:
  const Field& field_;  ///< an entry of the field table, which lives as long as the program
  const BoardRegistry& boards_;
};

Xapian::Query any_of(const Field& field, const std::vector<std::string>& values, const BoardRegistry& boards) {
  std::vector<Xapian::Query> qs;
  for (const auto& v : values) qs.push_back(filter_value_query(field, v, boards));
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

// "Child K", "Baby A", "Young Person F", "Family U", "Child BS" anywhere in the free text.
const std::regex& pseudonym_pattern() {
  static const std::regex re(R"(\b(child|baby|young person|family|sibling)\s+([a-z]{1,2}\d?)\b)", std::regex::icase);
  return re;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, const BoardRegistry& boards) : db_(db), boards_(boards) {}

Xapian::QueryParser QueryBuilder::make_parser(Xapian::Query::op default_op) {
  Xapian::QueryParser qp;
  qp.set_database(db_);
  qp.set_stemmer(stem_);
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);  // as the indexer: see tech notes
  qp.set_default_op(default_op);
  qp.add_prefix("title", std::string(sc::kPrefixTitle));
  qp.add_prefix("child", std::string(sc::kPrefixChild));
  // year:2011..2014 (inclusive range on the sortable value) and year:2016 (one year).
  qp.add_rangeprocessor((new Xapian::NumberRangeProcessor(sc::kSlotYear, "year:"))->release());
  for (const auto& f : fields()) {
    if (!f.filter) continue;
    // Each field its own group: theme:a theme:b means both; board:a OR board:b says otherwise.
    static const std::string no_group;
    for (std::string_view name : {f.name, f.alias}) {
      if (!name.empty()) {
        qp.add_boolean_prefix(std::string(name), (new FilterField(f, boards_))->release(), &no_group);
      }
    }
  }
  qp.add_boolean_prefix("year", (new FilterField(*find_field("year"), boards_))->release(), nullptr);
  // Wildcards expand to at most 200 terms, the most frequent: "neglec*" stays fast on any corpus.
  qp.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
  return qp;
}

Xapian::Query QueryBuilder::filters(const SearchFilters& f) const {
  std::vector<Xapian::Query> parts;
  for (const auto& [name, values] : f.by_field()) {
    if (!values.empty()) parts.push_back(any_of(*find_field(name), values, boards_));
  }
  if (f.year_from || f.year_to) {
    double lo = f.year_from.value_or(0), hi = f.year_to.value_or(9999);
    parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, sc::kSlotYear, Xapian::sortable_serialise(lo),
                       Xapian::sortable_serialise(hi));
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}


namespace {

// The query string names a span the builder rewrote as "screxpansion:N": the parser asks this
// processor for entry N of the builder's table (the span's words OR its themes, prebuilt).
constexpr std::string_view kExpansionField = "screxpansion";

class ExpansionField : public Xapian::FieldProcessor {
 public:
  explicit ExpansionField(const std::vector<Xapian::Query>& table) : table_(table) {}
  Xapian::Query operator()(const std::string& value) override {
    size_t n = 0;
    for (char c : value) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return Xapian::Query(Xapian::Query::MatchNothing);
      n = n * 10 + static_cast<size_t>(c - '0');
      if (n >= table_.size()) return Xapian::Query(Xapian::Query::MatchNothing);
    }
    return value.empty() ? Xapian::Query(Xapian::Query::MatchNothing) : table_[n];
  }

 private:
  const std::vector<Xapian::Query>& table_;
};

bool is_plain_word(const std::string& token) {
  if (token.empty() || token[0] == '-' || token[0] == '+' || is_operator(token)) return false;
  return token.find_first_of(":*\"()") == std::string::npos;
}

bool is_quoted(const std::string& token) {
  return token.size() >= 2 && token.front() == '"' && token.back() == '"' &&
         token.find('"', 1) == token.size() - 1;
}

}  // namespace

bool is_filter_field(std::string_view f) {
  if (f == "year") return true;  // year:2016 and year:2011..2014, a range on the year slot
  const Field* field = find_field(f);
  return field && field->filter;
}

Xapian::Query QueryBuilder::words(const std::string& text, bool all_words) {
  return make_parser(all_words ? Xapian::Query::OP_AND : Xapian::Query::OP_OR).parse_query(text, Xapian::QueryParser::FLAG_DEFAULT);
}

// One span of the query that names taxonomy themes, as rewritten.
struct QueryBuilder::Rewrite {
  std::vector<Xapian::Query> strict, relaxed;  // indexed by N of "screxpansion:N"
  std::vector<Expansion> expansions;
};

std::vector<std::string> QueryBuilder::themes_of(const std::string& phrase) const {
  std::vector<std::string> themes;
  std::string key = synonym_key(phrase);
  for (auto t = db_.synonyms_begin(key); t != db_.synonyms_end(key); ++t) {
    if ((*t).starts_with(sc::kPrefixTheme)) themes.push_back((*t).substr(sc::kPrefixTheme.size()));
  }
  return themes;
}

std::vector<QueryBuilder::PhraseSpan> QueryBuilder::segment(const std::vector<std::string>& tokens) const {
  // The words of the tokens, each knowing its token: a phrasing must start and end on token
  // boundaries ("co-sleeping" is one token of two words).
  struct TokenWord {
    std::string text;
    size_t token;
    bool first, last;
  };
  std::vector<TokenWord> words;
  for (size_t t = 0; t < tokens.size(); ++t) {
    auto ws = split_words(tokens[t]);
    for (size_t k = 0; k < ws.size(); ++k) words.push_back({ws[k].text, t, k == 0, k + 1 == ws.size()});
  }
  // The segmentation into phrasings that leaves the fewest words uncovered (dynamic programming
  // over word positions; a greedy longest match would take "parents own adverse childhood" and
  // strand "experiences").
  constexpr size_t kLongest = 6, kMaxWords = 16;
  const size_t n = std::min(words.size(), kMaxWords);
  auto phrase_of = [&](size_t from, size_t len) {
    std::string phrase;
    for (size_t k = from; k < from + len; ++k) phrase += (k > from ? " " : "") + words[k].text;
    return phrase;
  };
  std::vector<size_t> uncovered(n + 1, 0), step(n + 1, 0);
  for (size_t end = 1; end <= n; ++end) {
    uncovered[end] = uncovered[end - 1] + 1;
    step[end] = 0;  // 0: word end-1 left uncovered
    for (size_t len = 1; len <= std::min(kLongest, end); ++len) {
      size_t from = end - len;
      if (!words[from].first || !words[end - 1].last) continue;
      if (uncovered[from] < uncovered[end] && !themes_of(phrase_of(from, len)).empty()) {
        uncovered[end] = uncovered[from];
        step[end] = len;
      }
    }
  }
  std::vector<PhraseSpan> spans;
  for (size_t at = n; at > 0;) {
    if (step[at] == 0) {
      --at;
      continue;
    }
    size_t from = at - step[at];
    spans.insert(spans.begin(), {words[from].token, words[at - 1].token + 1, phrase_of(from, step[at]),
                                 themes_of(phrase_of(from, step[at]))});
    at = from;
  }
  return spans;
}

std::string QueryBuilder::rewrite(const std::vector<std::string>& tokens, Rewrite& rw) {
  auto add = [&](Xapian::Query strict, Xapian::Query relaxed, const std::string& phrase,
                 const std::vector<std::string>& themes) {
    for (const auto& t : themes) rw.expansions.push_back({phrase, t});
    rw.strict.push_back(std::move(strict));
    rw.relaxed.push_back(std::move(relaxed));
    return std::string(kExpansionField) + ":" + std::to_string(rw.strict.size() - 1);
  };
  auto themes_query = [](const std::vector<std::string>& themes) {
    std::vector<Xapian::Query> qs;
    for (const auto& t : themes) qs.emplace_back(sc::make_term(sc::kPrefixTheme, t));
    Xapian::Query any(Xapian::Query::OP_OR, qs.begin(), qs.end());
    if (qs.size() < 2) return any;
    // A phrasing naming several themes ("toxic trio"): reports with every one of them first.
    Xapian::Query all(Xapian::Query::OP_AND, qs.begin(), qs.end());
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, 4.0), any);
  };
  // Weighted up so that a report tagged with the theme outranks one that only has the words
  // (which may be in "there was no evidence of ..."): the tagger has read the sentences.
  auto tagged = [](const Xapian::Query& q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 8.0); };
  auto words_query = [&](const std::string& text, Xapian::Query::op op) {
    return make_parser(op).parse_query(text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD);
  };

  std::vector<std::string> out;
  for (size_t i = 0; i < tokens.size();) {
    const std::string& token = tokens[i];
    if (is_plain_word(token)) {
      // A run of plain words: each phrasing in it stands for "its words OR its themes", so the
      // query's operators and filters keep their meaning around it.
      size_t end = i;
      while (end < tokens.size() && is_plain_word(tokens[end])) ++end;
      std::vector<std::string> run(tokens.begin() + static_cast<long>(i), tokens.begin() + static_cast<long>(end));
      size_t at = 0;
      for (const auto& span : segment(run)) {
        for (; at < span.first; ++at) out.push_back(run[at]);
        std::string text;
        for (size_t k = span.first; k < span.last; ++k) text += (k > span.first ? " " : "") + run[k];
        Xapian::Query themes = tagged(themes_query(span.themes));
        out.push_back(add(Xapian::Query(Xapian::Query::OP_OR, words_query(text, Xapian::Query::OP_AND), themes),
                          Xapian::Query(Xapian::Query::OP_OR, words_query(text, Xapian::Query::OP_OR), themes),
                          span.phrase, span.themes));
        at = span.last;
      }
      for (; at < run.size(); ++at) out.push_back(run[at]);
      i = end;
      continue;
    }
    if (is_quoted(token)) {
      // A quoted phrase holding phrasings: the phrase, or the reports tagged with all of its
      // themes; its other words then only describe the theme ("the parents' own adverse
      // childhood experiences"): they rank, but are not required.
      std::vector<std::string> inner = split_top_level(token.substr(1, token.size() - 2));
      auto spans = segment(inner);
      if (!spans.empty()) {
        std::vector<Xapian::Query> each;
        std::vector<std::string> all_themes;
        std::string phrase, rest;
        size_t at = 0;
        for (const auto& span : spans) {
          for (; at < span.first; ++at) rest += inner[at] + " ";
          each.push_back(themes_query(span.themes));
          all_themes.insert(all_themes.end(), span.themes.begin(), span.themes.end());
          phrase += (phrase.empty() ? "" : " ") + span.phrase;
          at = span.last;
        }
        for (; at < inner.size(); ++at) rest += inner[at] + " ";
        Xapian::Query themes(Xapian::Query::OP_AND, each.begin(), each.end());
        if (!trim(rest).empty()) {
          themes = Xapian::Query(Xapian::Query::OP_AND_MAYBE, themes, words_query(rest, Xapian::Query::OP_OR));
        }
        Xapian::Query exact = words_query(token, Xapian::Query::OP_AND);
        out.push_back(add(Xapian::Query(Xapian::Query::OP_OR, exact, tagged(themes)),
                          Xapian::Query(Xapian::Query::OP_OR, exact, tagged(themes)), phrase, {}));
        for (const auto& span : spans) {
          for (const auto& t : span.themes) rw.expansions.push_back({span.phrase, t});
        }
        ++i;
        continue;
      }
    }
    size_t open = token.find('(');
    if ((open == 0 || (open == 1 && (token[0] == '-' || token[0] == '+'))) && token.back() == ')') {
      // A bracketed group: the same rewriting inside it.
      std::string inner = token.substr(open + 1, token.size() - open - 2);
      out.push_back(token.substr(0, open + 1) + rewrite(split_top_level(inner), rw) + ")");
      ++i;
      continue;
    }
    out.push_back(token);
    ++i;
  }
  std::string joined;
  for (const auto& t : out) joined += (joined.empty() ? "" : " ") + t;
  return joined;
}

// Xapian's speller looks every word of the query up in the spelling table (a tenth of a search's
// instructions, docs/performance.md). A word the index holds as a term is not misspelt for our
// purposes, so the speller runs only when some word is not one.
bool QueryBuilder::has_unknown_word(std::string_view text) const {
  // The tagger's words (folded, lower case), as the index's folded twin terms are spelt. An
  // operator ("AND") or a piece such as the "s" of "mother's" that is no term only costs a
  // speller run that suggests nothing.
  for (const auto& word : split_words(text)) {
    if (!db_.term_exists(word.text)) return true;
  }
  return false;
}

BuiltQuery QueryBuilder::build(const SearchRequest& request) {
  BuiltQuery out;
  const std::string text = normalise_one_line(request.query);  // the indexer's cleaning, on the query too
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                              Xapian::QueryParser::FLAG_PURE_NOT;

  // Field filters written at the top level hold for the whole query, expansions included.
  QuerySplit split = split_filters(text, is_filter_field);
  std::vector<Xapian::Query> filter_parts, exclusion_parts;
  for (const auto& group : split.filters) filter_parts.push_back(make_parser(Xapian::Query::OP_AND).parse_query(group, kFlags));
  for (const auto& group : split.exclusions) exclusion_parts.push_back(make_parser(Xapian::Query::OP_AND).parse_query(group, kFlags));

  Xapian::Query parsed;
  std::string free_text;
  for (const auto& t : split.text) free_text += (free_text.empty() ? "" : " ") + t;
  if (free_text.empty() && split.filters.empty() && split.exclusions.empty() && !trim(text).empty()) {
    throw Xapian::QueryParserError("there are no words to search for, only operators or punctuation");
  }
  if (!free_text.empty()) {
    {
      // What the user wrote is parsed once as written: it throws on bad syntax ("neglect AND"),
      // which the rewritten string below may hide. The spelling suggestion is made on it too, when
      // a word may be misspelt.
      const bool spell = has_unknown_word(free_text);
      Xapian::QueryParser as_written = make_parser(Xapian::Query::OP_AND);
      unsigned flags = kFlags;
      if (spell) flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
      as_written.parse_query(text, flags);
      if (spell) out.corrected = as_written.get_corrected_query_string();
    }
    Rewrite rw;
    std::string rewritten = request.expand_synonyms ? rewrite(split_top_level(free_text), rw) : free_text;
    out.expansions = rw.expansions;
    Xapian::QueryParser qp = make_parser(Xapian::Query::OP_AND);
    qp.add_prefix(std::string(kExpansionField), (new ExpansionField(rw.strict))->release());
    parsed = qp.parse_query(rewritten, kFlags);
    // Xapian's lenient parsing turns "AND OR NOT" or "???" into an empty query, which would then
    // match every report: text that names nothing to search for is an error, not "everything".
    if (parsed.empty()) throw Xapian::QueryParserError("there are no words to search for, only operators or punctuation");
    // A query with several plain words may match nothing with AND: keep an OR version to fall back on.
    Xapian::QueryParser relaxed = make_parser(Xapian::Query::OP_OR);
    relaxed.add_prefix(std::string(kExpansionField), (new ExpansionField(rw.relaxed))->release());
    out.relaxed = relaxed.parse_query(rewritten, kFlags);
    // A pseudonym ("Child K", "Baby A", a capitalised first name alone) ranks the review that has
    // it as its child's name above every report that merely contains the words.
    std::smatch m;
    std::string child_text;
    if (std::regex_search(free_text, m, pseudonym_pattern())) {
      child_text = m[1].str() + " " + m[2].str();
    } else {
      static const std::regex single_name(R"(^\s*([A-Z][^\s:"*()]{2,})\s*$)");
      if (std::regex_match(free_text, m, single_name)) child_text = m[1].str();
    }
    if (!child_text.empty()) {
      Xapian::QueryParser cp;
      Xapian::Query child = cp.parse_query("\"" + child_text + "\"", Xapian::QueryParser::FLAG_PHRASE,
                                           std::string(sc::kPrefixChild));
      out.boost = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, child, 50.0);
    }
  }

  Xapian::Query filter = filters(request.filters);
  filter_parts.insert(filter_parts.begin(), filter);
  // Reports unless the query or a filter asks for another document type (type:recommendation,
  // type=finding); type:scr is a review type, so it leaves the reports.
  bool names_doc_type = false;
  auto names_type = [](const Xapian::Query& q) {
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      if ((*t).starts_with(sc::kPrefixDocType)) return true;
    }
    return false;
  };
  for (const auto& q : filter_parts) names_doc_type = names_doc_type || names_type(q);
  names_doc_type = names_doc_type || names_type(parsed);
  if (!names_doc_type) filter_parts.emplace_back(sc::make_term(sc::kPrefixDocType, sc::kDocReport));
  std::erase_if(filter_parts, [](const Xapian::Query& q) { return q.empty(); });
  filter = filter_parts.empty() ? Xapian::Query()
                                : Xapian::Query(Xapian::Query::OP_AND, filter_parts.begin(), filter_parts.end());
  Xapian::Query excluded = exclusion_parts.empty()
                               ? Xapian::Query()
                               : Xapian::Query(Xapian::Query::OP_OR, exclusion_parts.begin(), exclusion_parts.end());
  auto with_filter = [&](Xapian::Query q) {
    if (!filter.empty()) q = q.empty() ? filter : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
    if (!excluded.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q.empty() ? Xapian::Query::MatchAll : q, excluded);
    }
    return q;
  };
  Xapian::Query base = parsed;
  if (!out.boost.empty()) base = Xapian::Query(Xapian::Query::OP_AND_MAYBE, parsed, out.boost);
  out.query = with_filter(base);
  if (!out.relaxed.empty()) out.relaxed = with_filter(out.relaxed);
  if (out.query.empty()) out.query = Xapian::Query::MatchAll;  // no query, no filters: everything
  return out;
}

}  // namespace scr
