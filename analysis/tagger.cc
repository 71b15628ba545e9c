#include "scr/tagger.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "parent_names.h"
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

// A sentence opened by a pronoun ("He stopped taking his medication") has for subject whoever opens
// the sentence before ("The father had been discharged..."), within its first few words; unless
// that sentence names a child, who may be the one the pronoun means.
constexpr size_t kSubjectWords = 4;  // "The baby's father", "Her mother"

// Whether cue `m` stands among the first words of the sentence of words [before, start).
template <class Cue>
bool opens_sentence(const Cue& m, size_t before, size_t start) {
  return m.first >= before && m.first < std::min(before + kSubjectWords, start);
}

// Whether the sentence starting at word `start` opens with one of `pronouns` and the sentence
// before it, from word `before`, names none of `child_nouns`.
template <class Cues>
bool pronoun_stands_for_before(const Cues& pronouns, const Cues& child_nouns, size_t before, size_t start) {
  return std::any_of(pronouns.begin(), pronouns.end(), [&](const auto& c) { return c.first == start; }) &&
         std::none_of(child_nouns.begin(), child_nouns.end(), [&](const auto& c) { return c.first >= before && c.first < start; });
}

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
    /// Sentences (their last words) where only a weak cue family (weight < 1) counted, with the
    /// highest weight seen there: each distinct one adds its weight once.
    std::map<std::string, double> weak_family_sentences;
    std::vector<Evidence> strong, weak;
    std::vector<CancelledMention> cancelled_ev;
  };
  std::vector<PerTheme> themes;
  /// First names the report gives its parents (parent_names.h): each stands for a parent cue.
  std::set<std::string> parent_names;
};

ThemeTagger::ThemeTagger(const Taxonomy& taxonomy) : taxonomy_(taxonomy) {
  const auto& themes = taxonomy_.themes();
  for (size_t t = 0; t < themes.size(); ++t) {
    for (const auto& p : themes[t].phrasings) themes_.add(p, static_cast<int>(t * 2));
    for (const auto& p : themes[t].indicators) themes_.add(p, static_cast<int>(t * 2 + 1));
    for (const auto& p : themes[t].procedures) {
      themes_.add(p, static_cast<int>(t * 2));
      procedures_.add(p, static_cast<int>(t));
    }
    for (const auto& f : themes[t].families) {
      int id = static_cast<int>(family_theme_.size());
      family_theme_.push_back(t);
      family_window_.push_back(f.window);
      family_weight_.push_back(f.weight);
      for (const auto& p : f.signs) family_signs_.add(p, id);
      for (const auto& p : f.with) family_with_.add(p, id);
    }
    const ThemeGroup* g = taxonomy_.group(themes[t].group);
    absence_cancels_.push_back(g ? g->absence_cancels : true);
    praise_cancels_.push_back(g ? g->praise_cancels : false);
    historic_cancels_.push_back(themes[t].historic_cancels);
    needs_parent_.push_back(themes[t].needs_parent);
    needs_child_.push_back(themes[t].needs_child);
    needs_deficit_.push_back(themes[t].needs_deficit);
  }
  adult_past_theme_.assign(themes.size(), std::string::npos);
  for (size_t target = 0; target < themes.size(); ++target) {
    for (const auto& g : themes[target].from_adult_past) {
      for (size_t t = 0; t < themes.size(); ++t) {
        if (themes[t].group == g && t != target) adult_past_theme_[t] = target;
      }
    }
  }
  of_parent_theme_.assign(themes.size(), std::string::npos);
  for (size_t t = 0; t < themes.size(); ++t) {
    if (themes[t].of_parent.empty()) continue;
    for (size_t target = 0; target < themes.size(); ++target) {
      if (themes[target].id == themes[t].of_parent) of_parent_theme_[t] = target;
    }
  }
  const CancelCues& c = taxonomy_.cues();
  parent_link_.insert(c.parent_link.begin(), c.parent_link.end());
  for (const auto& p : c.parent_subject) {
    if (p.find(' ') == std::string::npos) parent_roles_.insert(p);
  }
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
  const std::pair<PhraseSet*, const std::vector<std::string>*> families[] = {
      {&routine_before_, &c.routine_before},       {&routine_after_, &c.routine_after},
      {&routine_clause_, &c.routine_clause},       {&praise_before_, &c.praise_before},
      {&praise_after_, &c.praise_after},           {&praise_clause_, &c.praise_clause},
      {&definition_before_, &c.definition_before},
      {&definition_after_, &c.definition_after},   {&historic_clause_, &c.historic_clause},
      {&child_subject_, &c.child_subject},         {&parent_subject_, &c.parent_subject},
      {&own_history_, &c.own_history},           {&deficit_, &c.deficit},
      {&positive_, &c.positive},
      {&boilerplate_, &c.boilerplate},           {&pronoun_subjects_, &c.pronoun_subjects},
      {&child_nouns_, &c.child_nouns},           {&childhood_events_, &c.childhood_events}};
  for (auto [set, phrases] : families) {
    for (const auto& p : *phrases) set->add(p, 0);
  }
}

std::optional<SectionRole> ThemeTagger::heading_role(std::string_view line) const {
  std::string_view t = line;
  while (!t.empty() && (t.back() == ' ' || t.back() == ':')) t.remove_suffix(1);
  if (t.empty() || t.size() > 100) return std::nullopt;
  char last = t.back();
  if (last == '.' || last == ',' || last == ';' || last == '?') return std::nullopt;
  if (!std::isupper(static_cast<unsigned char>(t[0])) && !std::isdigit(static_cast<unsigned char>(t[0]))) return std::nullopt;
  size_t n_words = 1;
  for (char ch : t) n_words += ch == ' ';
  if (n_words > 12) return std::nullopt;
  std::string_view rest = strip_heading_number(t);
  bool numbered = rest.size() < t.size();
  // "Section 4:", "Part 2 -": the label is a number too.
  std::string lower = ascii_lower(rest);
  for (const char* label : {"section ", "part ", "chapter "}) {
    if (lower.rfind(label, 0) == 0) {
      size_t k = std::string_view(label).size();
      while (k < lower.size() && (std::isdigit(static_cast<unsigned char>(lower[k])) || std::string_view(" :.-").find(lower[k]) != std::string_view::npos)) ++k;
      if (k > std::string_view(label).size() + 1) {
        lower = lower.substr(k);
        numbered = true;
      }
    }
  }
  while (!lower.empty() && !std::isalnum(static_cast<unsigned char>(lower[0]))) lower.erase(0, 1);
  // A contents entry ("Recommendations 23", "Analysis ........ 12") is not the section.
  size_t sp = lower.find_last_of(' ');
  if (sp != std::string::npos && lower.find(':') == std::string::npos &&
      lower.find_first_not_of("0123456789", sp + 1) == std::string::npos) {
    return std::nullopt;
  }
  if (lower.find("...") != std::string::npos) return std::nullopt;
  const SectionHeadings& h = taxonomy_.sections();
  size_t best = 0;
  std::optional<SectionRole> role;
  auto try_list = [&](const std::vector<std::string>& list, SectionRole r) {
    for (const auto& start : list) {
      if (start.size() > best && lower.rfind(start, 0) == 0 &&
          (lower.size() == start.size() || !std::isalnum(static_cast<unsigned char>(lower[start.size()])))) {
        best = start.size();
        role = r;
      }
    }
  };
  try_list(h.not_counted, SectionRole::kNotCounted);
  try_list(h.good_practice, SectionRole::kGoodPractice);
  try_list(h.counted, SectionRole::kCounted);
  if (!role && numbered && !lower.empty()) role = SectionRole::kCounted;  // a numbered section of the case
  return role;
}

void ThemeTagger::tag_paragraph(std::string_view paragraph, int page, SectionRole role, Accumulator& acc) const {
  // Words and matches over the whole paragraph: most paragraphs mention no theme, and those are
  // done without sentence splitting. A sentence end opens a clause (split_words), so cue scopes
  // still stop at it; sentences are only cut out for evidence.
  std::vector<Word> words = split_words(paragraph);
  auto matches = themes_.find(words);
  struct WeakFamilyMatch {
    size_t first, last, theme;
    double weight;
  };
  std::vector<WeakFamilyMatch> weak_family;  // family matches that weigh less than 1
  // Families: a sign with a companion of its family in the same sentence (no '.', '?' or '!'
  // between them, within the family's window) is a mention of the theme at the sign.
  if (!family_theme_.empty()) {
    auto signs = family_signs_.find(words);
    if (!signs.empty()) {
      auto companions = family_with_.find(words);
      auto sentence_break_between = [&](size_t a, size_t b) {
        for (size_t k = a + 1; k <= b && k < words.size(); ++k) {
          std::string_view gap = paragraph.substr(words[k - 1].end, words[k].begin - words[k - 1].end);
          if (gap.find_first_of(".?!") != std::string_view::npos) return true;
        }
        return false;
      };
      const size_t named = matches.size();  // phrasings and indicators, before the families'
      // The first word of the sentence holding word k.
      auto sentence_start = [&](size_t k) {
        while (k > 0 && !sentence_break_between(k - 1, k)) --k;
        return k;
      };
      std::optional<std::vector<PhraseSet::Match>> pronouns, child_nouns;  // found when first needed
      // The companion that opens the sentence before, carried by a pronoun (kSubjectWords above).
      auto carried_companion = [&](size_t sign_first, int id) {
        const size_t start = sentence_start(sign_first);
        if (start == 0) return false;
        if (!pronouns) pronouns = pronoun_subjects_.find(words);
        if (!child_nouns) child_nouns = child_nouns_.find(words);
        const size_t before = sentence_start(start - 1);
        if (!pronoun_stands_for_before(*pronouns, *child_nouns, before, start)) return false;
        return std::any_of(companions.begin(), companions.end(), [&](const auto& c) {
          return opens_sentence(c, before, start) && std::find(c.ids.begin(), c.ids.end(), id) != c.ids.end();
        });
      };
      for (const auto& s : signs) {
        std::map<size_t, double> themes_here;  // theme -> the highest weight of its families here
        for (int id : s.ids) {
          bool found = false;
          for (const auto& c : companions) {
            if (std::find(c.ids.begin(), c.ids.end(), id) == c.ids.end()) continue;
            if (c.first < s.last && s.first < c.last) continue;  // the same words
            size_t a = std::min(s.first, c.first), b = std::max(s.last, c.last);
            if (b - a > family_window_[static_cast<size_t>(id)] + 2 || sentence_break_between(a, b - 1)) continue;
            found = true;
            break;
          }
          if (!found && !carried_companion(s.first, id)) continue;
          double& weight = themes_here[family_theme_[static_cast<size_t>(id)]];
          weight = std::max(weight, family_weight_[static_cast<size_t>(id)]);
        }
        for (const auto& [theme, theme_weight] : themes_here) {
          // Named copies: a lambda below cannot capture a structured binding (clang 14).
          const size_t t = theme;
          const double weight = theme_weight;
          if (weight < 1) {
            // A phrasing or an indicator of the theme on these words already counts them.
            bool named_here = std::any_of(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(named), [&](const auto& m) {
              return m.first < s.last && s.first < m.last && std::any_of(m.ids.begin(), m.ids.end(), [&](int id) {
                       return static_cast<size_t>(id / 2) == t;
                     });
            });
            if (named_here) continue;
            weak_family.push_back({s.first, s.last, t, weight});
          }
          matches.push_back({s.first, s.last, {static_cast<int>(t * 2)}});
        }
      }
      std::sort(matches.begin(), matches.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    }
  }
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

  const CancelCues& cues = taxonomy_.cues();
  const size_t scope = static_cast<size_t>(cues.scope_words);
  const size_t scope_after = static_cast<size_t>(cues.scope_words_after);
  const size_t short_scope = static_cast<size_t>(cues.routine_scope_words);
  constexpr size_t kClause = static_cast<size_t>(-1);  // up to the clause's end
  // Whether words [a, b] hold a clause boundary or a terminator, ending a cue's scope.
  auto blocked = [&](size_t a, size_t b) {
    for (size_t k = a; k <= b && k < words.size(); ++k) {
      if (words[k].clause_start || terminator[k]) return true;
    }
    return false;
  };
  auto governed_before = [&](const std::vector<Span>& list, size_t s, size_t reach) {
    for (const auto& c : list) {
      if (c.last <= s && s - c.last <= reach && !blocked(c.last, s)) return true;
    }
    return false;
  };
  auto governed_after = [&](const std::vector<Span>& list, size_t e, size_t reach) {
    for (const auto& c : list) {
      if (c.first >= e && c.first - e <= reach && (c.first == e || !blocked(e, c.first))) return true;
    }
    return false;
  };
  auto in_clause = [&](const std::vector<Span>& list, size_t first, size_t last) {
    return governed_before(list, first, kClause) || governed_after(list, last, kClause);
  };

  // Sentences as word ranges: a break where the gap between two words holds '.', '?' or '!' and
  // a space (not a decimal point, not after an abbreviation). The mark closing each is kept: a
  // question asks about a theme, it does not state it.
  std::vector<size_t> sentence_of(words.size(), 0);
  std::vector<size_t> sentence_first = {0};  // per sentence: the index of its first word
  std::vector<char> sentence_end;
  auto closing_mark = [](std::string_view gap) {
    char mark = 0;
    for (char ch : gap) {
      if (ch == '?' || ch == '!' || (ch == '.' && mark != '?')) mark = ch;
    }
    return mark;
  };
  for (size_t k = 1; k < words.size(); ++k) {
    std::string_view gap = paragraph.substr(words[k - 1].end, words[k].begin - words[k - 1].end);
    char mark = closing_mark(gap);
    bool breaks = mark && gap.find(' ') != std::string_view::npos &&
                  !(mark == '.' && abbreviations().count(words[k - 1].text));
    if (breaks) {
      sentence_end.push_back(mark);
      sentence_first.push_back(k);
    }
    sentence_of[k] = sentence_of[k - 1] + (breaks ? 1 : 0);
  }
  sentence_end.push_back(words.empty() ? 0 : closing_mark(paragraph.substr(words.back().end)));

  auto real_spans = [&](const PhraseSet& set) { return set.empty() ? std::vector<Span>{} : real(spans(set, words)); };
  const std::vector<Span> routine_before_all = real_spans(routine_before_), routine_after_all = real_spans(routine_after_),
                          routine_clause = real_spans(routine_clause_), praise_before_all = real_spans(praise_before_),
                          praise_after = real_spans(praise_after_), definition_before = real_spans(definition_before_),
                          definition_after = real_spans(definition_after_), historic_cues = real_spans(historic_clause_),
                          child_cues = real_spans(child_subject_), own_history_cues = real_spans(own_history_), deficit_cues = spans(deficit_, words),
                          positive_cues = real_spans(positive_),
                          boilerplate = spans(boilerplate_, words);
  const std::vector<Span> childhood_event_cues = real_spans(childhood_events_);
  // Parents: the cue words, and the first names the report gave them, capitalised.
  std::vector<Span> parent_cues = real_spans(parent_subject_);
  if (!acc.parent_names.empty()) {
    for (size_t k = 0; k < words.size(); ++k) {
      if (!std::isupper(static_cast<unsigned char>(paragraph[words[k].begin]))) continue;
      if (is_title(words[k].text) && k + 1 < words.size() &&
          acc.parent_names.count(words[k].text + " " + words[k + 1].text)) {
        parent_cues.push_back({k, k + 2});  // "Ms K"
      } else if (acc.parent_names.count(words[k].text)) {
        parent_cues.push_back({k, k + 1});
      }
    }
    std::sort(parent_cues.begin(), parent_cues.end(), [](const Span& a, const Span& b) { return a.first < b.first; });
  }
  const std::vector<PhraseSet::Match> procedure_matches = procedures_.empty() ? std::vector<PhraseSet::Match>{} : procedures_.find(words);
  // Whether the phrasing match `m` of theme `t` is one of its procedure names.
  auto is_procedure = [&](size_t t, const PhraseSet::Match& m) {
    for (const auto& p : procedure_matches) {
      if (p.first == m.first && p.last == m.last && std::find(p.ids.begin(), p.ids.end(), static_cast<int>(t)) != p.ids.end()) return true;
    }
    return false;
  };
  // Whether one of `negators` stands in the three words before cue `c`.
  auto preceded_by = [&](const Span& c, std::initializer_list<std::string_view> negators) {
    for (size_t k = c.first >= 3 ? c.first - 3 : 0; k < c.first; ++k) {
      for (std::string_view n : negators) {
        if (words[k].text == n) return true;
      }
    }
    return false;
  };
  // A praise word after a negation or a "should have" is no praise ("there was no effective
  // information sharing", "it would have been good practice to share").
  auto praise_negated = [&](const Span& c) {
    return preceded_by(c, {"no", "not", "lack", "little", "without", "never", "less", "nor", "would", "should",
                           "could", "contrary", "against", "short", "below"});
  };
  // Training or a policy that was missing is a finding, not routine ("the lack of training in
  // risk assessment").
  auto lacking = [&](const Span& c) {
    return preceded_by(c, {"lack", "no", "not", "without", "inadequate", "insufficient", "little", "never"});
  };
  std::vector<Span> routine_before, routine_after;
  for (const auto& c : routine_before_all) {
    if (!lacking(c)) routine_before.push_back(c);
  }
  for (const auto& c : routine_after_all) {
    if (!lacking(c)) routine_after.push_back(c);
  }
  std::vector<Span> praise_before, praise_clause;
  for (const auto& c : praise_before_all) {
    if (!praise_negated(c)) praise_before.push_back(c);
  }
  for (const auto& c : real_spans(praise_clause_)) {
    if (!praise_negated(c)) praise_clause.push_back(c);
  }
  auto in_sentence = [&](const std::vector<Span>& list, size_t sentence) {
    for (const auto& c : list) {
      if (sentence_of[c.first] == sentence) return true;
    }
    return false;
  };
  // A sentence whose pronoun stands for a parent who opens the sentence before (kSubjectWords
  // above): the parent is its subject too, so the child-only reading does not apply ("he told
  // friends").
  std::vector<bool> parent_by_pronoun(sentence_first.size(), false);
  if (!pronoun_subjects_.empty() && !parent_cues.empty()) {
    const std::vector<Span> pronoun_cues = real_spans(pronoun_subjects_), child_noun_cues = real_spans(child_nouns_);
    for (size_t sn = 1; sn < sentence_first.size(); ++sn) {
      const size_t at = sentence_first[sn], before = sentence_first[sn - 1];
      parent_by_pronoun[sn] = pronoun_stands_for_before(pronoun_cues, child_noun_cues, before, at) &&
                              std::any_of(parent_cues.begin(), parent_cues.end(),
                                          [&](const Span& c) { return opens_sentence(c, before, at); });
    }
  }
  // A definition: the sentence opens with a term and goes on "is a term used", "refers to", "is
  // defined as" (or opens "The term ..."). Every mention in it is part of the definition.
  std::vector<bool> definition_sentence(sentence_end.size(), false);
  auto sentence_start = [&](size_t w) { return sentence_first[sentence_of[w]]; };
  for (const auto& m : matches) {
    size_t first = sentence_start(m.first);
    if (m.first - first > 3) continue;
    for (const auto& c : definition_after) {
      if (c.first >= m.last && c.first - m.last <= 3 && sentence_of[c.first] == sentence_of[m.first]) {
        definition_sentence[sentence_of[m.first]] = true;
      }
    }
  }
  for (const auto& c : definition_before) {
    if (c.first - sentence_start(c.first) <= 1) definition_sentence[sentence_of[c.first]] = true;
  }

  // First each (match, theme) gets its reason, or none; then a mention with none takes the reason
  // of another mention of the same theme in its clause ("the bruising protocol for non-mobile
  // babies": the indicator follows the phrasing it stands with).
  struct Decision {
    size_t match, theme;
    bool indicator;
    const char* reason;
    double weight = 1;  ///< below 1 for a weak cue family's match
  };
  std::vector<Decision> decisions;
  for (size_t mi = 0; mi < matches.size(); ++mi) {
    const auto& m = matches[mi];
    const size_t sentence = sentence_of[m.first];
    // Reasons that hold for every theme at this place, most telling first.
    const char* shared_reason = nullptr;
    if (role == SectionRole::kNotCounted) {
      shared_reason = "section";
    } else if (sentence_end[sentence] == '?') {
      shared_reason = "question";
    } else if (std::any_of(boilerplate.begin(), boilerplate.end(),
                           [&](const Span& b) { return b.first < m.last && m.first < b.last; })) {
      shared_reason = "boilerplate";
    } else if (definition_sentence[sentence] || governed_before(definition_before, m.first, short_scope) ||
               governed_after(definition_after, m.last, scope_after)) {
      shared_reason = "definition";
    } else if (governed_before(neg_before, m.first, scope) || governed_after(neg_after, m.last, scope_after)) {
      shared_reason = "negated";
    } else if (governed_before(hypothetical, m.first, scope)) {
      shared_reason = "hypothetical";
    } else if (governed_before(routine_before, m.first, short_scope) || in_clause(routine_clause, m.first, m.last)) {
      shared_reason = "routine";
    }
    // "Risk assessment training", "information sharing protocol": for a practice theme the thing
    // itself is often what fell short, so only topics of harm are read as routine this way.
    const bool routine_noun = governed_after(routine_after, m.last, 1);
    const bool absent = governed_before(absence, m.first, scope);
    const bool praised = role == SectionRole::kGoodPractice || governed_before(praise_before, m.first, short_scope) ||
                         governed_after(praise_after, m.last, scope_after) || in_clause(praise_clause, m.first, m.last);
    // A parent among the first words of this sentence: its subject.
    const size_t sentence_stop = sentence + 1 < sentence_first.size() ? sentence_first[sentence + 1] : words.size();
    const bool parent_opens = std::any_of(parent_cues.begin(), parent_cues.end(), [&](const Span& c) {
      return opens_sentence(c, sentence_first[sentence], sentence_stop);
    });
    const bool historic = in_clause(historic_cues, m.first, m.last) ||
                          (parent_opens && in_sentence(childhood_event_cues, sentence));
    const bool parent_subject = in_sentence(parent_cues, sentence) || parent_by_pronoun[sentence];
    const bool child_only = in_sentence(child_cues, sentence) && !parent_subject;
    // "The mother was herself disabled", "as a boy the father was in foster care": an adult's own
    // life, not this child's characteristics.
    const bool own_history = in_sentence(own_history_cues, sentence);
    const bool parent_named = in_sentence(parent_cues, sentence);
    const bool adults_past = (historic && (parent_named || own_history)) || (own_history && parent_named);
    // Praise said in other words: a positive evaluation ("swift and clear", "worked closely") in
    // a sentence with no sign that anything fell short.
    const bool deficit_here = in_sentence(deficit_cues, sentence);
    const bool praised_plainly = in_sentence(positive_cues, sentence) && !deficit_here;
    // "The mother took an overdose", "her father, who had tried to take his own life": a parent
    // is the subject when only linking words stand between the parent cue and the mention.
    const bool parent_own = std::any_of(parent_cues.begin(), parent_cues.end(), [&](const Span& c) {
      if (c.last > m.first || m.first - c.last > 6 || sentence_of[c.first] != sentence) return false;
      for (size_t k = c.last; k < m.first; ++k) {
        if (!parent_link_.count(words[k].text)) return false;
      }
      return true;
    });
    std::set<size_t> seen;
    for (int id : m.ids) {
      size_t t = static_cast<size_t>(id / 2);
      // A phrasing and an indicator of the same theme at the same place count once, as the phrasing.
      if (!seen.insert(t).second) continue;
      const char* reason = shared_reason;
      if (!reason && absent && absence_cancels_[t]) reason = "negated";
      if (!reason && routine_noun && !praise_cancels_[t]) reason = "routine";
      if (!reason && praised && praise_cancels_[t]) reason = "praised";
      if (!reason && historic && historic_cancels_[t]) reason = "historic";
      if (!reason && child_only && needs_parent_[t]) reason = "child-only";
      if (!reason && adults_past && needs_child_[t]) reason = "adult-history";
      if (!reason && praised_plainly && needs_deficit_[t]) reason = "praised";
      if (!reason && parent_own && of_parent_theme_[t] != std::string::npos) reason = "parent-own";
      // "A strategy discussion was held": a procedure named, with nothing said to have fallen short.
      if (!reason && id % 2 == 0 && !deficit_here && is_procedure(t, m)) reason = "procedure";
      double weight = 1;
      if (id % 2 == 0) {
        for (const auto& w : weak_family) {
          if (w.first == m.first && w.last == m.last && w.theme == t) weight = w.weight;
        }
      }
      decisions.push_back({mi, t, id % 2 == 1, reason, weight});
      // The adult's own past, cancelled for this theme, is a mention of the theme that holds it
      // (the parents' adverse childhood), once per place.
      const bool adults_own = reason && (std::string_view(reason) == "adult-history" ||
                                         (std::string_view(reason) == "historic" && adults_past));
      if (adults_own && adult_past_theme_[t] != std::string::npos && seen.insert(adult_past_theme_[t]).second) {
        decisions.push_back({mi, adult_past_theme_[t], id % 2 == 1, nullptr, weight});
      }
      if (reason && std::string_view(reason) == "parent-own" && seen.insert(of_parent_theme_[t]).second) {
        decisions.push_back({mi, of_parent_theme_[t], id % 2 == 1, nullptr, weight});
      }
    }
  }
  for (auto& d : decisions) {
    if (d.reason) continue;
    const auto& m = matches[d.match];
    for (const auto& other : decisions) {
      if (!other.reason || other.theme != d.theme) continue;
      const auto& o = matches[other.match];
      bool same_clause = o.last <= m.first ? !blocked(o.last, m.first) : (m.last <= o.first && !blocked(m.last, o.first));
      if (same_clause) {
        d.reason = other.reason;
        break;
      }
    }
  }

  for (const auto& d : decisions) {
    const auto& m = matches[d.match];
    auto& pt = acc.themes[d.theme];
    if (d.reason) {
      ++pt.cancelled;
      bool new_reason = std::none_of(pt.cancelled_ev.begin(), pt.cancelled_ev.end(),
                                     [&](const CancelledMention& c) { return c.reason == d.reason; });
      if (pt.cancelled_ev.size() < kMaxEvidence && (new_reason || pt.cancelled_ev.empty())) {
        pt.cancelled_ev.push_back({d.reason, page, evidence_text(sentence_at(words[m.first].begin))});
      }
      continue;
    }
    ++pt.mentions;
    if (d.indicator) {
      std::string key;
      for (size_t k = m.first; k < m.last; ++k) key += words[k].text + " ";
      pt.indicators.insert(key);
    } else if (d.weight < 1) {
      // Keyed by the last words of its sentence, not by page or by how the sentence begins: two
      // signs in one sentence are one statement, and so is a statement printed twice (a summary
      // repeating the narrative, a paragraph number or a page break before it).
      const size_t sentence = sentence_of[m.first];
      const size_t end = sentence + 1 < sentence_first.size() ? sentence_first[sentence + 1] : words.size();
      std::string key;
      for (size_t k = std::max(sentence_first[sentence], end >= 8 ? end - 8 : 0); k < end; ++k) key += words[k].text + " ";
      double& weight = pt.weak_family_sentences[key];
      weight = std::max(weight, d.weight);
    } else {
      ++pt.phrasing_hits;
    }
    auto& list = d.indicator || d.weight < 1 ? pt.weak : pt.strong;
    if (list.size() < kMaxEvidence) list.push_back({page, evidence_text(sentence_at(words[m.first].begin))});
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
    for (const auto& [sentence, weight] : pt.weak_family_sentences) tag.score += weight;
    tag.present = tag.score >= themes[t].threshold;
    tag.evidence = std::move(pt.strong);
    tag.cancelled_evidence = std::move(pt.cancelled_ev);
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
  acc.parent_names = parent_names(std::vector<std::string_view>(pages.begin(), pages.end()), parent_roles_);
  bool in_glossary = false;
  // A sentence that runs over a page break: the unfinished last paragraph of a page waits for the
  // next page's first, and goes on with it when that starts in lower case.
  std::string carry;
  int carry_page = 0;
  // The role of the section being read, from the last heading that names one (docs/taxonomy.md).
  SectionRole role = SectionRole::kCounted;
  // A numbered recommendation standing in the text ("Recommendation 4: ...", "R4 ...") counts
  // towards recommendation themes (tagged separately), not the report's.
  auto is_recommendation = [](std::string_view line) {
    std::string head = ascii_lower(line.substr(0, 20));
    size_t k = head.rfind("recommendation ", 0) == 0 ? 15 : (head.size() > 1 && head[0] == 'r' ? 1 : std::string::npos);
    return k != std::string::npos && k < head.size() && std::isdigit(static_cast<unsigned char>(head[k]));
  };
  auto tag_line = [&](std::string_view line, int page) {
    tag_paragraph(line, page, is_recommendation(line) ? SectionRole::kNotCounted : role, acc);
  };
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
      if (auto heading = heading_role(line)) {
        role = *heading;
        tag_line(line, line_page);
        continue;
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
  acc.parent_names = parent_names({text}, parent_roles_);
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    tag_paragraph(text.substr(start, nl - start), 0, SectionRole::kCounted, acc);
    start = nl + 1;
  }
  return finish(acc);
}

}  // namespace scr
