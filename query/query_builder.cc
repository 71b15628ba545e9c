#include "query_builder.h"

#include <cctype>
#include <map>
#include <set>

#include "scr/phrase_match.h"
#include <regex>

#include "scr/schema.h"
#include "scr/text.h"

namespace scr {
namespace {

namespace sc = schema;

// A field like board:, theme:, type: whose value becomes one boolean term after normalising.
class FilterField : public Xapian::FieldProcessor {
 public:
  FilterField(std::string field, const BoardRegistry& boards) : field_(std::move(field)), boards_(boards) {}
  Xapian::Query operator()(const std::string& value) override {
    std::string v = filter_value(field_, value, boards_);
    if (field_ == "type") {
      // type: is a document type (report, recommendation, finding) or a review type (scr, cspr...).
      if (v == "report" || v == "recommendation" || v == "finding" || v == "recommendations" || v == "findings") {
        if (v.back() == 's') v.pop_back();
        return Xapian::Query(sc::make_term(sc::kPrefixDocType, v));
      }
      return Xapian::Query(sc::make_term(sc::kPrefixReviewType, v));
    }
    if (field_ == "year") {
      return Xapian::Query(sc::make_term(sc::kPrefixYear, v));
    }
    return Xapian::Query(sc::make_term(prefix_for(field_), v));
  }
  static std::string_view prefix_for(const std::string& f) {
    if (f == "board") return sc::kPrefixBoard;
    if (f == "region") return sc::kPrefixRegion;
    if (f == "theme") return sc::kPrefixTheme;
    if (f == "agency") return sc::kPrefixAgency;
    if (f == "outcome") return sc::kPrefixOutcome;
    if (f == "age") return sc::kPrefixAgeBand;
    if (f == "sex") return sc::kPrefixSex;
    if (f == "status") return sc::kPrefixStatus;
    if (f == "era") return sc::kPrefixEra;
    if (f == "review") return sc::kPrefixReviewType;
    if (f == "id") return sc::kPrefixId;
    if (f == "clarity") return sc::kPrefixClarity;
    if (f == "keyword") return sc::kPrefixKeyword;
    if (f == "report") return sc::kPrefixReport;
    if (f == "implementation") return sc::kPrefixImplementation;
    return sc::kPrefixDocType;
  }

 private:
  std::string field_;
  const BoardRegistry& boards_;
};

const std::vector<std::string>& filter_fields() {
  static const std::vector<std::string> f = {"board", "region", "theme", "agency", "outcome", "age",
                                             "sex",   "status", "era",   "type",   "review", "id", "clarity", "keyword", "implementation", "report"};
  return f;
}

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values, const std::string& field,
                     const BoardRegistry& boards) {
  std::vector<Xapian::Query> qs;
  for (const auto& v : values) qs.emplace_back(sc::make_term(prefix, filter_value(field, v, boards)));
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

// "Child K", "Baby A", "Young Person F", "Family U", "Child BS" anywhere in the free text.
const std::regex& pseudonym_pattern() {
  static const std::regex re(R"(\b(child|baby|young person|family|sibling)\s+([a-z]{1,2}\d?)\b)", std::regex::icase);
  return re;
}

}  // namespace

std::string filter_value(const std::string& field, const std::string& value, const BoardRegistry& boards) {
  std::string v = value;
  if (field == "board") {
    if (const Board* b = boards.find(v)) v = b->name;
  } else if (field == "age") {
    std::string l = ascii_lower(v);
    if (l == "<1" || l == "under 1" || l == "under-1" || l == "0" || l == "infant" || l == "under1") return "under-1";
  } else if (field == "review" || field == "type") {
    std::string l = ascii_lower(v);
    if (l == "serious case review") return "scr";
    if (l == "lcspr" || l == "child safeguarding practice review") return "cspr";
  } else if (field == "id") {
    return v;  // ids are case-sensitive and already canonical
  }
  return sc::term_value(v);
}

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
  for (const auto& f : filter_fields()) {
    // Each field its own group: theme:a theme:b means both; board:a OR board:b says otherwise.
    static const std::string no_group;
    qp.add_boolean_prefix(f, (new FilterField(f, boards_))->release(), &no_group);
  }
  qp.add_boolean_prefix("year", (new FilterField("year", boards_))->release(), nullptr);
  // Wildcards expand to at most 200 terms, the most frequent: "neglec*" stays fast on any corpus.
  qp.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
  return qp;
}

Xapian::Query QueryBuilder::filters(const SearchFilters& f) const {
  std::vector<Xapian::Query> parts;
  auto add = [&](std::string_view prefix, const std::vector<std::string>& values, const char* field) {
    if (!values.empty()) parts.push_back(any_of(prefix, values, field, boards_));
  };
  add(sc::kPrefixBoard, f.boards, "board");
  add(sc::kPrefixRegion, f.regions, "region");
  add(sc::kPrefixTheme, f.themes, "theme");
  add(sc::kPrefixAgency, f.agencies, "agency");
  add(sc::kPrefixOutcome, f.outcomes, "outcome");
  add(sc::kPrefixAgeBand, f.age_bands, "age");
  add(sc::kPrefixReviewType, f.review_types, "review");
  add(sc::kPrefixDocType, f.doc_types, "type");
  add(sc::kPrefixStatus, f.statuses, "status");
  if (f.year_from || f.year_to) {
    double lo = f.year_from.value_or(0), hi = f.year_to.value_or(9999);
    parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, sc::kSlotYear, Xapian::sortable_serialise(lo),
                       Xapian::sortable_serialise(hi));
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

std::vector<Expansion> QueryBuilder::theme_expansions(const std::string& text, std::string* left_over) const {
  // The plain words of the query: field:value tokens and operators are not phrasings.
  std::string plain;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    bool quoted = false;
    while (j < text.size() && (text[j] != ' ' || quoted)) {
      if (text[j] == '"') quoted = !quoted;
      ++j;
    }
    std::string token = text.substr(i, j - i);
    i = j + 1;
    size_t colon = token.find(':');
    size_t quote = token.find('"');
    if (colon != std::string::npos && (quote == std::string::npos || colon < quote)) continue;  // field:value
    if (token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token.starts_with("-")) continue;
    plain += token + " ";
  }
  std::vector<Word> words;
  for (auto& w : split_words(plain)) {
    if (w.text != "a" && w.text != "an" && w.text != "the") words.push_back(std::move(w));
  }
  // The segmentation into phrasings that leaves the fewest words uncovered (dynamic programming
  // over word positions; a greedy longest match would take "parents own adverse childhood" and
  // strand "experiences").
  constexpr size_t kLongest = 6, kMaxWords = 16;
  const size_t n = std::min(words.size(), kMaxWords);
  auto themes_of = [&](size_t from, size_t len, std::string* phrase) {
    std::vector<std::string> themes;
    phrase->clear();
    for (size_t k = from; k < from + len; ++k) *phrase += (k > from ? " " : "") + words[k].text;
    std::string key = synonym_key(*phrase);
    for (auto t = db_.synonyms_begin(key); t != db_.synonyms_end(key); ++t) {
      if ((*t).starts_with(sc::kPrefixTheme)) themes.push_back((*t).substr(sc::kPrefixTheme.size()));
    }
    return themes;
  };
  std::vector<size_t> uncovered(n + 1, 0), step(n + 1, 0);
  for (size_t end = 1; end <= n; ++end) {
    uncovered[end] = uncovered[end - 1] + 1;
    step[end] = 0;  // 0: word end-1 left uncovered
    for (size_t len = 1; len <= std::min(kLongest, end); ++len) {
      std::string phrase;
      if (uncovered[end - len] < uncovered[end] && !themes_of(end - len, len, &phrase).empty()) {
        uncovered[end] = uncovered[end - len];
        step[end] = len;
      }
    }
  }
  std::vector<Expansion> out;
  std::vector<std::string> uncovered_words;
  for (size_t k = n; k < words.size(); ++k) uncovered_words.push_back(words[k].text);
  for (size_t at = n; at > 0;) {
    if (step[at] == 0) {
      uncovered_words.insert(uncovered_words.begin(), words[at - 1].text);
      --at;
      continue;
    }
    std::string phrase;
    for (const auto& theme : themes_of(at - step[at], step[at], &phrase)) out.insert(out.begin(), {phrase, theme});
    at -= step[at];
  }
  if (left_over) {
    left_over->clear();
    for (const auto& w : uncovered_words) *left_over += (left_over->empty() ? "" : " ") + w;
  }
  return out;
}

BuiltQuery QueryBuilder::build(const SearchRequest& request) {
  BuiltQuery out;
  const std::string text = normalise_query(request.query);  // the indexer's cleaning, on the query too
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                              Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
  Xapian::Query parsed;
  if (!text.empty()) {
    Xapian::QueryParser qp = make_parser(Xapian::Query::OP_AND);
    parsed = qp.parse_query(text, kFlags);
    out.corrected = qp.get_corrected_query_string();
    // A query with several plain words may match nothing with AND: keep an OR version to fall back on.
    Xapian::QueryParser relaxed = make_parser(Xapian::Query::OP_OR);
    out.relaxed = relaxed.parse_query(text, kFlags);
    for (auto t = parsed.get_unique_terms_begin(); t != parsed.get_unique_terms_end(); ++t) {
      const std::string& term = *t;
      if (!term.empty() && !std::isupper(static_cast<unsigned char>(term[0]))) out.has_free_text = true;
      if (term.size() > 1 && term[0] == 'Z') out.has_free_text = true;
      if (term.starts_with(sc::kPrefixTitle) || term.starts_with(sc::kPrefixChild)) out.has_free_text = true;
    }
    if (request.expand_synonyms) {
      // A query that holds taxonomy phrasings ("bed sharing", "co-sleeping alcohol") also finds
      // the reports tagged with their themes that have the query's other words.
      std::string left_over;
      auto expansions = theme_expansions(text, &left_over);
      if (!expansions.empty()) {
        out.expansions = expansions;
        std::map<std::string, std::vector<Xapian::Query>> by_phrase;  // one phrasing can name two themes
        for (const auto& e : expansions) by_phrase[e.phrase].emplace_back(sc::make_term(sc::kPrefixTheme, e.theme));
        std::vector<Xapian::Query> each;
        for (auto& [phrase, qs] : by_phrase) each.emplace_back(Xapian::Query::OP_OR, qs.begin(), qs.end());
        // Weighted up so that a report tagged with the theme outranks one that only has the words
        // (which may be in "there was no evidence of ..."): the tagger has read the sentences.
        // The query's other words are still required: "co-sleeping alcohol" is reports tagged
        // unsafe-sleep that say "alcohol".
        // Inside one quoted phrase the other words only describe the theme ("the parents' own
        // adverse childhood experiences"): they rank, but are not required.
        std::string trimmed = trim(text);
        bool one_phrase = trimmed.size() > 2 && trimmed.front() == '"' && trimmed.back() == '"' &&
                          trimmed.find('"', 1) == trimmed.size() - 1;
        Xapian::Query rest_query;
        if (!left_over.empty()) {
          Xapian::QueryParser rest = make_parser(one_phrase ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
          rest_query = rest.parse_query(left_over, Xapian::QueryParser::FLAG_DEFAULT);
          if (!one_phrase) each.push_back(rest_query);
        }
        Xapian::Query themes_query(Xapian::Query::OP_AND, each.begin(), each.end());
        if (one_phrase && !rest_query.empty()) themes_query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, themes_query, rest_query);
        Xapian::Query tagged(Xapian::Query::OP_SCALE_WEIGHT, themes_query, 4.0);
        parsed = Xapian::Query(Xapian::Query::OP_OR, parsed, tagged);
        out.relaxed = Xapian::Query(Xapian::Query::OP_OR, out.relaxed, tagged);
      }
    }
    // A pseudonym ("Child K", "Baby A", a capitalised first name alone) ranks the review that has
    // it as its child's name above every report that merely contains the words.
    std::smatch m;
    std::string child_text;
    if (std::regex_search(text, m, pseudonym_pattern())) {
      child_text = m[1].str() + " " + m[2].str();
    } else {
      static const std::regex single_name(R"(^\s*([A-Z][^\s:"*()]{2,})\s*$)");
      if (std::regex_match(text, m, single_name)) child_text = m[1].str();
    }
    if (!child_text.empty()) {
      Xapian::QueryParser cp;
      Xapian::Query child = cp.parse_query("\"" + child_text + "\"", Xapian::QueryParser::FLAG_PHRASE,
                                           std::string(sc::kPrefixChild));
      out.boost = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, child, 50.0);
    }
  }
  Xapian::Query filter = filters(request.filters);
  // Reports unless the query asks for another document type (type:recommendation, type:finding).
  bool names_doc_type = !request.filters.doc_types.empty();
  for (auto t = parsed.get_unique_terms_begin(); t != parsed.get_unique_terms_end() && !names_doc_type; ++t) {
    names_doc_type = (*t).starts_with(sc::kPrefixDocType);
  }
  if (!names_doc_type) {
    Xapian::Query reports(sc::make_term(sc::kPrefixDocType, sc::kDocReport));
    filter = filter.empty() ? reports : Xapian::Query(Xapian::Query::OP_AND, filter, reports);
  }
  auto with_filter = [&](const Xapian::Query& q) {
    if (filter.empty()) return q;
    if (q.empty()) return filter;
    return Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
  };
  Xapian::Query base = parsed;
  if (!out.boost.empty()) base = Xapian::Query(Xapian::Query::OP_AND_MAYBE, parsed, out.boost);
  out.query = with_filter(base);
  if (!out.relaxed.empty()) out.relaxed = with_filter(out.relaxed);
  if (out.query.empty()) out.query = Xapian::Query::MatchAll;  // no query, no filters: everything
  return out;
}

}  // namespace scr
