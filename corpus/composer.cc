#include "composer.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "phrase_bank.h"
#include "rng.h"
#include "theme_bank.h"

namespace scr::corpus {
namespace {

// Words per page of body text, measured on the layout in pdf_renderer.cc (11 pt Libertine, A4).
constexpr int kWordsPerPage = 720;

std::string cap_first(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

int word_count(const std::string& s) {
  int n = 0;
  bool in = false;
  for (char ch : s) {
    bool w = ch != ' ' && ch != '\n';
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

std::string slug(const std::string& s, bool keep_case) {
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch)) out += keep_case ? static_cast<char>(ch) : static_cast<char>(std::tolower(ch));
  }
  return out;
}

std::string age_band(int months) {
  if (months < 12) return "<1";
  int years = months / 12;
  if (years <= 5) return "1-5";
  if (years <= 10) return "6-10";
  if (years <= 15) return "11-15";
  return "16-17";
}

// Everything a sentence template can refer to.
struct Cast {
  std::string child, child_poss, he, his, him, mother, mother_poss, area;
  int year_from = 0, year_to = 0;
  bool smart = false;  // typographic apostrophes and quotes
};

class Writer {
 public:
  Writer(Rng& rng, const Cast& cast) : rng_(rng), cast_(cast) {}

  std::string expand(std::string t, const std::string& phrase = "") {
    replace_all(t, "{Cposs}", cast_.child_poss);
    replace_all(t, "{Mposs}", cast_.mother_poss);
    replace_all(t, "{C}", cast_.child);
    replace_all(t, "{M}", cast_.mother);
    replace_all(t, "{he}", cast_.he);
    replace_all(t, "{his}", cast_.his);
    replace_all(t, "{him}", cast_.him);
    replace_all(t, "{Pcap}", cap_first(phrase));
    replace_all(t, "{P}", phrase);
    while (t.find("{role}") != std::string::npos) t.replace(t.find("{role}"), 6, role());
    while (t.find("{date}") != std::string::npos) t.replace(t.find("{date}"), 6, date_phrase(rng_, year()));
    while (t.find("{place}") != std::string::npos) t.replace(t.find("{place}"), 7, street(rng_));
    while (t.find("{school}") != std::string::npos) t.replace(t.find("{school}"), 8, school(rng_));
    while (t.find("{surgery}") != std::string::npos) t.replace(t.find("{surgery}"), 9, surgery(rng_));
    t = cap_first(t);
    if (cast_.smart) replace_all(t, "'", "\u2019");
    return t;
  }

  /// Practitioners named by {role} come from this agency while set (chronology rows).
  const AgencyBank* agency = nullptr;

  std::string role() {
    if (agency && !agency->roles.empty()) return rng_.pick(agency->roles);
    const auto& agencies = agency_bank();
    for (;;) {
      const auto& a = agencies[rng_.zipf(agencies.size(), 0.6)];
      if (!a.roles.empty()) return rng_.pick(a.roles);
    }
  }

  int year() { return rng_.uniform(cast_.year_from, cast_.year_to); }

  /// A narrative sentence, sometimes with a detail clause or a named practitioner.
  /// "{when}, {actor} {action}[ and noted that {observation}]." from parts.
  std::string composed_narrative() {
    const auto& parts = sentence_parts();
    std::string actor;
    double a = rng_.real();
    if (a < 0.5) actor = "the " + role();
    else if (a < 0.75) actor = "the " + role() + ", " + adult_first_names()[rng_.zipf(adult_first_names().size(), 0.5)] + " " + surname(rng_) + ",";
    else actor = cast_.mother;
    // In a chronology row the date and agency have their own columns.
    std::string s = agency ? "the " + role() + " " + rng_.pick(parts.action)
                           : rng_.pick(parts.when) + ", " + actor + " " + rng_.pick(parts.action);
    if (rng_.chance(0.35)) s += " and noted that " + rng_.pick(parts.observation);
    return expand(s + ".");
  }

  std::string composed_reflection() {
    const auto& parts = sentence_parts();
    return expand(rng_.pick(parts.opener) + " " + rng_.pick(parts.subject) + " " + rng_.pick(parts.verb) + " " +
                  rng_.pick(parts.object) + ".");
  }

  std::string narrative() {
    bool compose = rng_.chance(0.55);
    if (agency) {
      // Rows of a chronology: no date phrases of their own (the row has a date).
      for (int tries = 0; tries < 4 && !compose; ++tries) {
        const std::string& t = rng_.pick(narrative_sentences());
        if (t.find("{date}") == std::string::npos && t.find("{M}") != 0) return finish_narrative(expand(t));
      }
      compose = true;
    }
    std::string s = compose ? composed_narrative() : expand(rng_.pick(narrative_sentences()));
    return finish_narrative(std::move(s));
  }

  std::string finish_narrative(std::string s) {
    if (rng_.chance(0.3)) {
      s.pop_back();
      s += ", " + detail_clauses()[rng_.zipf(detail_clauses().size(), 0.8)] + ".";
    }
    if (!agency && rng_.chance(0.15)) {
      s += " " + cap_first(pick_speech());
    }
    return s;
  }

  std::string reflective() {
    return rng_.chance(0.6) ? composed_reflection() : expand(rng_.pick(reflective_sentences()));
  }

  std::string pick_speech() {
    static const std::vector<std::string> quotes = {
        "I just wanted someone to listen to me", "we were doing our best with what we had",
        "nobody told us what was going to happen", "it felt like we were being judged",
        "I didn't know who to ask for help", "things were calmer for a while"};
    std::string q = rng_.pick(quotes);
    std::string open = cast_.smart ? "\u201C" : "\"", close = cast_.smart ? "\u201D" : "\"";
    std::string who = rng_.chance(0.5) ? cast_.mother : "a family member";
    std::string s = open + cap_first(q) + "," + close + " " + who + " told the review.";
    if (cast_.smart) replace_all(s, "'", "\u2019");
    return s;
  }

  /// A paragraph of `n` sentences, with `inserts` placed among them.
  std::string paragraph(int n, std::vector<std::string> inserts, bool reflective_voice) {
    std::vector<std::string> sentences;
    for (int i = 0; i < n; ++i) sentences.push_back(reflective_voice ? reflective() : narrative());
    for (auto& ins : inserts) {
      size_t at = static_cast<size_t>(rng_.uniform(0, static_cast<int>(sentences.size())));
      sentences.insert(sentences.begin() + static_cast<long>(at), std::move(ins));
    }
    std::string p;
    for (const auto& s : sentences) {
      if (!p.empty()) p += ' ';
      p += s;
    }
    return p;
  }

 private:
  Rng& rng_;
  const Cast& cast_;
};

struct Section {
  std::string key;      // intro, tor, family, episodes, analysis, findings, recommendations, conclusion, glossary
  std::string heading;  // as printed without its number
};

// Report-wide presentation choices.
struct Style {
  int heading_style = 0;  // 0 "4. Analysis", 1 "4 Analysis", 2 "Section 4: Analysis", 3 unnumbered
  bool numbered_paragraphs = false;
  bool two_column_background = false;
  bool chronology_table = false;
  std::string rec_style;  // colon, dot, paren, r, table
  bool scie_findings = false;
};

class Composer {
 public:
  Composer(uint64_t seed, int index, int target_pages, const BoardRegistry& boards)
      : rng_(Rng::derive(seed, static_cast<uint64_t>(index))), index_(index), target_pages_(target_pages),
        boards_(boards) {}

  std::string file_name_only() {
    choose_metadata();
    return out_.truth.file;
  }

  ComposedReport run() {
    choose_metadata();
    choose_themes();
    choose_style();
    Writer writer(rng_, cast_);
    writer_ = &writer;
    build_cover();
    build_body();
    finish_truth();
    writer_ = nullptr;
    return std::move(out_);
  }

 private:
  ReportTruth& truth() { return out_.truth; }
  Document& doc() { return out_.document; }

  void choose_metadata() {
    auto& t = truth();
    char id[32];
    std::snprintf(id, sizeof id, "gen-%06d", index_);
    t.id = id;
    const Board& board = boards_.boards()[rng_.next() % boards_.boards().size()];
    t.board = board.name;
    t.region = board.region;
    t.year = 2005 + static_cast<int>(rng_.zipf(21, 0.15));  // a gentle tilt towards earlier years
    t.year = std::clamp(t.year, 2005, 2025);
    t.month = rng_.uniform(1, 12);
    t.incident_year = t.year - rng_.uniform(1, 2);
    t.review_type = t.year < 2019 ? "SCR" : "CSPR";
    static const std::vector<std::string> scr_names = {"{a} Local Safeguarding Children Board",
                                                       "{a} Safeguarding Children Board", "{a} LSCB"};
    static const std::vector<std::string> cspr_names = {"{a} Safeguarding Children Partnership",
                                                        "{a} Safeguarding Partnership",
                                                        "{a} Children's Safeguarding Partnership"};
    std::string area = board.variants.empty() || rng_.chance(0.7) ? board.name : rng_.pick(board.variants);
    t.board_as_written = t.review_type == "SCR" ? rng_.pick(scr_names) : rng_.pick(cspr_names);
    replace_all(t.board_as_written, "{a}", area);
    cast_.area = board.name;

    // Age: infants are the largest group in every national series.
    double u = rng_.real();
    if (u < 0.42) t.child_age_months = rng_.uniform(0, 11);
    else if (u < 0.60) t.child_age_months = rng_.uniform(12, 71);
    else if (u < 0.70) t.child_age_months = rng_.uniform(72, 131);
    else if (u < 0.90) t.child_age_months = rng_.uniform(132, 191);
    else t.child_age_months = rng_.uniform(192, 215);
    t.age_band = age_band(t.child_age_months);
    t.sex = rng_.chance(0.5) ? "female" : "male";
    t.outcome = rng_.chance(0.55) ? "death" : "serious-harm";

    // Pseudonym in the styles seen in practice.
    char letter = static_cast<char>('A' + rng_.uniform(0, 25));
    double s = rng_.real();
    bool infant = t.child_age_months < 12, teen = t.child_age_months >= 132;
    if (infant && s < 0.35) {
      t.pseudonym_style = "baby";
      t.pseudonym = std::string("Baby ") + letter;
      t.child_ref = t.pseudonym;
    } else if (teen && s < 0.3) {
      t.pseudonym_style = "young-person";
      t.pseudonym = std::string("Young Person ") + letter;
      t.child_ref = t.pseudonym;
    } else if (s < 0.55) {
      t.pseudonym_style = "child-letter";
      t.pseudonym = std::string("Child ") + letter;
      t.child_ref = t.pseudonym;
    } else if (s < 0.65) {
      t.pseudonym_style = "child-letters";
      t.pseudonym = std::string("Child ") + letter + static_cast<char>('A' + rng_.uniform(0, 25));
      t.child_ref = t.pseudonym;
    } else if (s < 0.75) {
      t.pseudonym_style = "family";
      t.pseudonym = std::string("Family ") + letter;
      t.child_ref = std::string("Child ") + letter + "1";
    } else {
      t.pseudonym_style = "first-name";
      t.pseudonym = t.sex == "female" ? rng_.pick(girl_names()) : rng_.pick(boy_names());
      t.child_ref = t.pseudonym;
    }
    t.author = rng_.pick(adult_first_names()) + " " + surname(rng_);

    cast_.smart = rng_.chance(0.5);
    std::string apos = cast_.smart ? "\u2019" : "'";
    cast_.child = t.child_ref;
    cast_.child_poss = t.child_ref + apos + "s";
    bool girl = t.sex == "female";
    cast_.he = girl ? "she" : "he";
    cast_.his = girl ? "her" : "his";
    cast_.him = girl ? "her" : "him";
    double m = rng_.real();
    if (m < 0.5) cast_.mother = rng_.pick(adult_first_names());
    else if (m < 0.8) cast_.mother = "Mother";
    else cast_.mother = std::string("Ms ") + static_cast<char>('A' + rng_.uniform(0, 25));
    cast_.mother_poss = cast_.mother + apos + "s";
    cast_.year_from = t.incident_year - (t.child_age_months >= 24 ? 2 : 1);
    cast_.year_to = t.incident_year;

    // Title in the wording of the review type.
    std::string q_open = cast_.smart ? "\u2018" : "'", q_close = cast_.smart ? "\u2019" : "'";
    std::string name = t.pseudonym_style == "first-name" && rng_.chance(0.5) ? q_open + t.pseudonym + q_close : t.pseudonym;
    std::string dash = rng_.chance(0.5) ? " \u2013 " : ": ";
    static const std::vector<std::string> scr_titles = {"Serious Case Review{d}{n}", "Serious Case Review in respect of {n}",
                                                        "Serious Case Review into the circumstances of {n}",
                                                        "Overview Report{d}Serious Case Review {n}"};
    static const std::vector<std::string> cspr_titles = {"Child Safeguarding Practice Review{d}{n}",
                                                         "Local Child Safeguarding Practice Review{d}{n}",
                                                         "Local Child Safeguarding Practice Review re {n}",
                                                         "Child Safeguarding Practice Review concerning {n}"};
    t.title = t.review_type == "SCR" ? rng_.pick(scr_titles) : rng_.pick(cspr_titles);
    replace_all(t.title, "{d}", dash);
    replace_all(t.title, "{n}", name);

    // File name in one of the styles repositories use.
    std::string type_tag = t.review_type;
    double f = rng_.real();
    std::string board_slug = slug(board.name, true);
    if (f < 0.5) {
      t.file = std::to_string(t.year) + board_slug + slug(t.pseudonym, true) + type_tag + ".pdf";
    } else if (f < 0.8) {
      t.file = board.name + "/" + std::to_string(t.year) + "-" + slug(t.pseudonym, false) + "-overview-report.pdf";
    } else {
      t.file = slug(board.name, false) + "-" + (t.review_type == "SCR" ? "scr" : "cspr") + "-" +
               slug(t.pseudonym, false) + "-" + std::to_string(t.year) + ".pdf";
    }
  }

  void choose_themes() {
    auto& t = truth();
    std::vector<const ThemeBank*> eligible;
    for (const auto& th : theme_bank()) {
      if (t.child_age_months < th.min_age_months || t.child_age_months > th.max_age_months) continue;
      if (t.incident_year < th.first_year || t.incident_year > th.last_year) continue;
      if (th.id == "homicide" && t.outcome != "death") continue;
      eligible.push_back(&th);
    }
    std::vector<const ThemeBank*> present, absent;
    for (const auto* th : eligible) (rng_.chance(th->prevalence) ? present : absent).push_back(th);
    while (present.size() < 3 && !absent.empty()) {
      size_t i = rng_.next() % absent.size();
      present.push_back(absent[i]);
      absent.erase(absent.begin() + static_cast<long>(i));
    }
    rng_.shuffle(present);
    while (present.size() > 9) {
      absent.push_back(present.back());
      present.pop_back();
    }
    rng_.shuffle(absent);
    int n_negated = std::min<int>(rng_.uniform(1, 3), static_cast<int>(absent.size()));
    for (int i = 0; i < n_negated; ++i) negated_.push_back(absent[static_cast<size_t>(i)]);
    if (absent.size() > static_cast<size_t>(n_negated) && rng_.chance(0.4)) hypothetical_.push_back(absent[n_negated]);
    // Distractors: absent themes named in ways that do not state them (one class each, up to three).
    std::vector<const ThemeBank*> rest(absent.begin() + std::min<long>(static_cast<long>(absent.size()),
                                                                         n_negated + static_cast<long>(hypothetical_.size())),
                                       absent.end());
    rng_.shuffle(rest);
    auto has_present = [&](const char* id) {
      return std::any_of(present.begin(), present.end(), [&](const ThemeBank* th) { return th->id == id; });
    };
    int n_distractors = rng_.uniform(1, 3);
    for (const auto* th : rest) {
      if (static_cast<int>(distractors_.size()) >= n_distractors) break;
      std::vector<std::string> classes = {"question", "routine"};
      if (th->group != "practice") classes.push_back("negation-form");
      if (praise_nouns().count(th->id)) classes.push_back("praise");
      if (definitions().count(th->id)) classes.push_back("definition");
      if (th->id == "parental-substance-misuse" && t.child_age_months >= 132) classes.push_back("experiencer");
      if ((th->id == "sexual-abuse" || th->id == "physical-abuse" || th->id == "domestic-abuse") &&
          has_present("parental-adverse-childhood")) {
        classes.push_back("experiencer");
      }
      // A parent's own suicide attempt is a sign of the parent's mental ill-health, not the child's
      // self-harm; written only where that parental theme is present, so the truth stays exact.
      if (th->id == "suicide-self-harm" && has_present("parental-mental-health")) classes.push_back("experiencer");
      distractors_.push_back({rng_.pick(classes), th});
    }
    // The statutory criteria, quoted by every review, name neglect whether or not there was any.
    criteria_sentence_ = rng_.pick(criteria_sentences());
    present_ = present;
    for (const auto& [cls, th] : distractors_) t.distractor_themes[cls].push_back(th->id);
    if (!has_present("neglect")) t.distractor_themes["criteria"].push_back("neglect");
    for (const auto* th : present_) t.themes.push_back(th->id);
    for (const auto* th : negated_) t.negated_themes.push_back(th->id);
    for (const auto* th : hypothetical_) t.hypothetical_themes.push_back(th->id);
    std::sort(t.themes.begin(), t.themes.end());
    std::sort(t.negated_themes.begin(), t.negated_themes.end());
    std::sort(t.hypothetical_themes.begin(), t.hypothetical_themes.end());
  }

  void choose_style() {
    style_.heading_style = rng_.uniform(0, 3);
    style_.numbered_paragraphs = rng_.chance(0.4);
    style_.two_column_background = rng_.chance(0.25);
    style_.chronology_table = rng_.chance(0.6);
    style_.scie_findings = rng_.chance(0.18);
    static const std::vector<std::string> rec_styles = {"colon", "dot", "paren", "r", "table"};
    style_.rec_style = rng_.pick(rec_styles);
    doc().hyphenate = rng_.chance(0.85);
    doc().ligature_code_points = rng_.chance(0.3);
    auto& f = truth().features;
    f["heading_style"] = std::to_string(style_.heading_style);
    f["numbered_paragraphs"] = style_.numbered_paragraphs ? "yes" : "no";
    f["two_column"] = style_.two_column_background ? "yes" : "no";
    f["chronology_table"] = style_.chronology_table ? "yes" : "no";
    f["findings_style"] = style_.scie_findings ? "scie" : "none";
    f["recommendation_style"] = style_.scie_findings ? "none" : style_.rec_style;
    f["hyphenation"] = doc().hyphenate ? "yes" : "no";
    f["ligature_code_points"] = doc().ligature_code_points ? "yes" : "no";
    f["typographic_quotes"] = cast_.smart ? "yes" : "no";
  }

  void build_cover() {
    auto& t = truth();
    auto& c = doc().cover;
    std::string when = month_name(t.month) + " " + std::to_string(t.year);
    if (rng_.chance(0.35)) {
      c.style = CoverStyle::kDeposit;
      c.lines = {"Title: " + t.title, "LSCB: " + t.board_as_written, "Author: " + t.author,
                 "Date of publication: " + (rng_.chance(0.5) ? std::to_string(t.year) : when)};
      static const std::vector<std::string> notes = {
          "This report was deposited with the national case review repository by the board that published it. "
          "Copyright remains with the publishing board.",
          "This case review was placed in the national repository of case reviews by the publishing safeguarding "
          "board or partnership, which keeps the copyright.",
      };
      c.deposit_note = rng_.pick(notes);
    } else {
      c.style = CoverStyle::kBoard;
      static const std::vector<std::string> subtitles = {"Overview Report", "Final Report", "Published Report",
                                                         "Learning Review Report"};
      c.lines = {t.title, rng_.pick(subtitles), t.board_as_written, when,
                 (rng_.chance(0.5) ? "Independent reviewer: " : "Lead reviewer: ") + t.author};
    }
    t.features["cover"] = c.style == CoverStyle::kDeposit ? "deposit" : "board";
    doc().running_header = rng_.chance(0.5) ? t.board_as_written : t.board_as_written + " \u2013 " + t.pseudonym;
    doc().pdf_title = rng_.chance(0.3) ? "Microsoft Word - " + slug(t.pseudonym, true) + " final v3.docx" : t.title;
    doc().pdf_author = rng_.chance(0.5) ? t.author : "";
  }

  // ---- body -------------------------------------------------------------------------------

  void heading(const std::string& key, const std::string& text) {
    ++section_no_;
    para_no_ = 0;
    Block b;
    b.kind = BlockKind::kHeading;
    b.level = 1;
    switch (style_.heading_style) {
      case 0: b.text = std::to_string(section_no_) + ". " + text; break;
      case 1: b.text = std::to_string(section_no_) + " " + text; break;
      case 2: b.text = "Section " + std::to_string(section_no_) + ": " + text; break;
      default: b.text = text; break;
    }
    b.label = key;  // the renderer reports the page of each level-1 heading under this key
    doc().blocks.push_back(std::move(b));
  }

  void subheading(const std::string& text) {
    Block b;
    b.kind = BlockKind::kHeading;
    b.level = 2;
    b.text = text;
    doc().blocks.push_back(std::move(b));
  }

  void paragraph(std::string text) {
    Block b;
    b.kind = BlockKind::kParagraph;
    if (style_.numbered_paragraphs) b.label = std::to_string(section_no_) + "." + std::to_string(++para_no_);
    b.text = std::move(text);
    words_ += word_count(b.text);
    doc().blocks.push_back(std::move(b));
  }

  void list_item(const std::string& label, std::string text, int indent = 1) {
    Block b;
    b.kind = BlockKind::kListItem;
    b.label = label;
    b.indent = indent;
    b.text = std::move(text);
    words_ += word_count(b.text);
    doc().blocks.push_back(std::move(b));
  }

  std::string mention(const ThemeBank& th) {
    truth().theme_mentions[th.id]++;
    if (!th.sentences.empty() && rng_.chance(0.6)) return writer_->expand(rng_.pick(th.sentences));
    return writer_->expand(rng_.pick(affirmative_frames()), rng_.pick(th.phrasings));
  }

  void build_body() {
    auto& t = truth();
    int budget = std::max(1200, target_pages_ * kWordsPerPage - 1100);  // cover, contents and glossary are extra
    // Each present theme gets its mentions: one early (background), the rest in the narrative and analysis.
    std::vector<std::vector<std::string>> background_mentions(1), episode_mentions, analysis_mentions;

    static const std::vector<std::string> intro_h = {"Introduction", "Introduction and background to the review",
                                                     "Why this review was carried out"};
    static const std::vector<std::string> tor_h = {"Terms of reference", "Scope and terms of reference",
                                                   "Methodology", "The review process"};
    static const std::vector<std::string> family_h = {"Family background", "The family", "Background"};
    static const std::vector<std::string> episodes_h = {"Key practice episodes", "Chronology",
                                                        "Summary of agency involvement", "Narrative of events"};
    static const std::vector<std::string> analysis_h = {"Analysis", "Analysis of practice", "Appraisal of practice"};
    static const std::vector<std::string> findings_h = {"Findings", "Findings and learning", "Key learning"};
    static const std::vector<std::string> recs_h = {"Recommendations", "Recommendations for the Partnership",
                                                    "Summary of recommendations"};
    static const std::vector<std::string> conclusion_h = {"Conclusion", "Concluding comments"};
    static const std::vector<std::string> glossary_h = {"Glossary", "Glossary of terms", "Abbreviations"};

    // 1. Introduction
    heading("introduction", rng_.pick(intro_h));
    std::string outcome_sentence =
        t.outcome == "death"
            ? cast_.child + " died in " + month_name(rng_.uniform(1, 12)) + " " + std::to_string(t.incident_year) +
                  ", when " + cast_.he + " was " + age_words(t.child_age_months) + "."
            : cast_.child + " suffered serious harm in " + std::to_string(t.incident_year) + ", when " + cast_.he +
                  " was " + age_words(t.child_age_months) + ".";
    std::string why = t.review_type == "SCR"
                          ? "The " + t.board_as_written + " decided that the criteria for a serious case review were met."
                          : "Following a rapid review, the safeguarding partners agreed that a local child safeguarding "
                            "practice review should be carried out.";
    paragraph("This report concerns " + cast_.child + ". " + outcome_sentence + " " + why + " " + criteria_sentence_);
    paragraph(writer_->paragraph(rng_.uniform(2, 4), {}, true));
    for (const auto* th : negated_) {
      int n = rng_.uniform(1, 2);
      std::vector<std::string> ins;
      for (int i = 0; i < n; ++i) ins.push_back(writer_->expand(rng_.pick(negated_frames()), rng_.pick(th->phrasings)));
      pending_negations_.push_back(std::move(ins));
    }
    for (const auto* th : hypothetical_) {
      pending_negations_.push_back({writer_->expand(rng_.pick(hypothetical_frames()), rng_.pick(th->phrasings))});
    }
    std::vector<std::string> tor_questions, analysis_asides;
    for (const auto& [cls, th] : distractors_) {
      const std::string phrase = rng_.pick(th->phrasings);
      if (cls == "question") {
        tor_questions.push_back(writer_->expand(rng_.pick(question_frames()), phrase));
      } else if (cls == "routine") {
        auto specific = routine_sentences().find(th->id);
        bool use_specific = specific != routine_sentences().end() && rng_.chance(0.6);
        pending_negations_.push_back({use_specific ? writer_->expand(rng_.pick(specific->second))
                                                   : writer_->expand(rng_.pick(training_frames()), phrase)});
      } else if (cls == "negation-form") {
        pending_negations_.push_back({writer_->expand(rng_.pick(negation_form_frames()), phrase)});
      } else if (cls == "experiencer") {
        pending_negations_.push_back({writer_->expand(rng_.pick(experiencer_sentences().at(th->id)))});
      } else if (cls == "praise") {
        analysis_asides.push_back(writer_->expand(rng_.pick(praise_frames()), rng_.pick(praise_nouns().at(th->id))));
      } else if (cls == "definition") {
        analysis_asides.push_back(writer_->expand(rng_.pick(definitions().at(th->id))));
      }
    }

    // 2. Terms of reference
    heading("terms_of_reference", rng_.pick(tor_h));
    paragraph("The review considered the period from " + std::to_string(cast_.year_from) + "\u2013" +
              std::to_string(t.incident_year) + ", and the involvement of every agency that had contact with " +
              cast_.child + " and " + cast_.his + " family. " + writer_->paragraph(rng_.uniform(1, 3), {}, true));
    paragraph("The review was led by " + t.author + ", an independent reviewer with no previous involvement with "
              "the agencies concerned. " + writer_->paragraph(rng_.uniform(1, 2), {}, true));
    if (!tor_questions.empty()) {
      paragraph(rng_.pick(std::vector<std::string>{"The review set out to answer the following questions.",
                                                   "The key lines of enquiry were:",
                                                   "The panel agreed these questions for the review:"}));
      for (const auto& q : tor_questions) list_item("\u2022", q);
    }

    // 3. Family background (two columns in some reports)
    if (style_.two_column_background) {
      Block b;
      b.kind = BlockKind::kColumns;
      b.columns = 2;
      doc().blocks.push_back(b);
    }
    heading("family_background", rng_.pick(family_h));
    // Who the mother is, said once before her first name or "Ms A" is used alone, as reviews do.
    if (cast_.mother != "Mother") {
      static const std::vector<std::string> cast_intro = {
          "{C} lived with {his} mother, {M}, for the whole of the period under review.",
          "{M}, {Cposs} mother, had moved to the area a year before the review period began.",
          "{Cposs} mother ({M}) was {Cposs} only carer during the period under review."};
      paragraph(writer_->expand(rng_.pick(cast_intro)));
    }
    {
      std::vector<std::string> early;
      for (const auto* th : present_) {
        if (th->group == "parental-factor" || rng_.chance(0.3)) early.push_back(mention(*th));
      }
      int paras = std::max(2, budget / 12 / 90);
      for (int i = 0; i < paras; ++i) {
        std::vector<std::string> ins;
        if (!early.empty() && (i % 2 == 1 || i == paras - 1)) {
          ins.push_back(std::move(early.back()));
          early.pop_back();
        }
        paragraph(writer_->paragraph(rng_.uniform(3, 5), std::move(ins), false));
      }
      for (auto& e : early) paragraph(writer_->paragraph(2, {std::move(e)}, false));
    }
    if (style_.two_column_background) {
      Block b;
      b.kind = BlockKind::kColumns;
      b.columns = 1;
      doc().blocks.push_back(b);
    }

    // 4. Key practice episodes: narrative with the themes woven in, and a chronology table in some.
    heading("practice_episodes", rng_.pick(episodes_h));
    {
      int target_words = budget * 45 / 100;
      if (style_.chronology_table) {
        Block table;
        table.kind = BlockKind::kTable;
        table.column_shares = {0.2, 0.22, 0.58};
        table.rows.push_back({"Date", "Agency", "Event"});
        int rows = std::clamp(target_words / 200, 6, 40);
        // Dates in order, as a chronology has them.
        std::vector<std::tuple<int, int, int>> dates;
        for (int i = 0; i < rows; ++i) dates.emplace_back(writer_->year(), rng_.uniform(1, 12), rng_.uniform(1, 28));
        std::sort(dates.begin(), dates.end());
        for (const auto& [y, m, d] : dates) {
          const AgencyBank* agency = nullptr;
          while (!agency || agency->roles.empty()) agency = &agency_bank()[rng_.zipf(10, 0.7)];
          std::string name = agency->names[0];
          replace_all(name, "{area}", t.board);
          writer_->agency = agency;
          std::string event = writer_->narrative();
          writer_->agency = nullptr;
          char when[32];
          std::snprintf(when, sizeof when, "%02d/%02d/%04d", d, m, y);
          table.rows.push_back({when, name, event});
        }
        for (const auto& r : table.rows) words_ += word_count(r[2]);
        target_words -= rows * 20;
        doc().blocks.push_back(std::move(table));
      }
      std::vector<std::string> mentions;
      for (const auto* th : present_) {
        int n = rng_.uniform(1, 3);
        for (int i = 0; i < n; ++i) mentions.push_back(mention(*th));
      }
      for (auto& neg : pending_negations_) {
        for (auto& s : neg) mentions.push_back(std::move(s));
      }
      pending_negations_.clear();
      rng_.shuffle(mentions);
      int episode = 0;
      int start_words = words_;
      while (words_ - start_words < target_words || !mentions.empty()) {
        if (rng_.chance(0.25)) subheading("Episode " + std::to_string(++episode) + ": " + date_phrase(rng_, writer_->year()));
        std::vector<std::string> ins;
        if (!mentions.empty()) {
          ins.push_back(std::move(mentions.back()));
          mentions.pop_back();
        }
        paragraph(writer_->paragraph(rng_.uniform(3, 7), std::move(ins), false));
      }
    }

    // 5. Analysis: a sub-section for most present themes.
    heading("analysis", rng_.pick(analysis_h));
    {
      int target_words = budget * 30 / 100;
      int per_theme = std::max(120, target_words / static_cast<int>(present_.size() + 1));
      paragraph(writer_->paragraph(rng_.uniform(2, 4), std::move(analysis_asides), true));
      for (const auto* th : present_) {
        bool sub = rng_.chance(0.6);
        if (sub) {
          subheading(cap_first(th->phrasings[0]));
          truth().theme_mentions[th->id]++;
        }
        int start = words_;
        paragraph(writer_->paragraph(rng_.uniform(2, 4), {mention(*th)}, true));
        while (words_ - start < per_theme) paragraph(writer_->paragraph(rng_.uniform(3, 6), {}, true));
      }
    }

    // 6. Findings (SCIE style: each with questions for the board) or learning.
    if (style_.scie_findings) {
      heading("findings", "Findings");
      int n = rng_.uniform(3, 6);
      for (int i = 1; i <= n; ++i) {
        TruthFinding f;
        f.number = std::to_string(i);
        const ThemeBank* th = present_[static_cast<size_t>(i - 1) % present_.size()];
        f.title = finding_title(*th);
        subheading("Finding " + f.number + ": " + f.title);
        paragraph(writer_->paragraph(rng_.uniform(3, 5), {mention(*th)}, true));
        Block q;
        q.kind = BlockKind::kParagraph;
        q.lead = rng_.chance(0.5) ? "Questions for the Board" : "Issues for the Partnership to consider";
        doc().blocks.push_back(q);
        int nq = rng_.uniform(2, 4);
        for (int k = 0; k < nq; ++k) {
          std::string question = finding_question(*th, k);
          f.questions.push_back(question);
          list_item("\u2022", question);
        }
        truth().findings.push_back(std::move(f));
      }
    } else {
      heading("findings", rng_.pick(findings_h));
      paragraph(writer_->paragraph(rng_.uniform(3, 5), {}, true));
      paragraph(writer_->paragraph(rng_.uniform(3, 5), {}, true));
    }

    // 7. Recommendations
    if (!style_.scie_findings) {
      heading("recommendations", rng_.pick(recs_h));
      paragraph(writer_->paragraph(1, {"The review makes the following recommendations."}, true));
      build_recommendations();
    }

    // 8. Conclusion
    heading("conclusion", rng_.pick(conclusion_h));
    paragraph(writer_->paragraph(rng_.uniform(3, 5), {}, true));

    // 9. Glossary
    heading("glossary", rng_.pick(glossary_h));
    Block g;
    g.kind = BlockKind::kTable;
    g.column_shares = {0.25, 0.75};
    g.rows.push_back({"Abbreviation", "Meaning"});
    auto terms = glossary_terms();
    for (const auto& [abbr, meaning] : terms) {
      if (rng_.chance(0.7)) g.rows.push_back({abbr, meaning});
    }
    doc().blocks.push_back(std::move(g));
  }

  static std::string age_words(int months) {
    if (months < 1) return "a few days old";
    if (months < 24) return std::to_string(months) + (months == 1 ? " month old" : " months old");
    return std::to_string(months / 12) + " years old";
  }

  std::string finding_title(const ThemeBank& th) {
    static const std::vector<std::string> frames = {
        "Professionals do not always recognise {P}", "The response to {P} relies too much on single agencies",
        "There is no shared understanding of {P} across the partnership", "Practice in relation to {P} is inconsistent"};
    std::string s = rng_.pick(frames);
    replace_all(s, "{P}", th.phrasings[0]);
    truth().theme_mentions[th.id]++;
    return s;
  }

  std::string finding_question(const ThemeBank& th, int k) {
    static const std::vector<std::string> qs = {
        "How can the Board be assured that practitioners recognise and respond to {P}?",
        "What would help agencies to work together better where there is {P}?",
        "Is the Board aware of how often this pattern occurs in its area?",
        "What support do front-line staff need to act with confidence?",
        "How will the Board know whether the changes it makes are working?"};
    std::string s = qs[static_cast<size_t>(k + rng_.uniform(0, 1)) % qs.size()];
    replace_all(s, "{P}", th.phrasings[0]);
    if (s.find(th.phrasings[0]) != std::string::npos) truth().theme_mentions[th.id]++;
    return s;
  }

  void build_recommendations() {
    auto& t = truth();
    int n = static_cast<int>(std::lround(std::exp(std::log(9.0) + 0.7 * rng_.normal())));
    n = std::clamp(n, 3, 60);
    const auto& agencies = agency_bank();
    std::vector<double> weights;
    double total = 0;
    for (const auto& a : agencies) total += a.weight;

    std::vector<const RecommendationObject*> themed, general;
    for (const auto& o : recommendation_objects()) {
      if (o.theme.empty()) general.push_back(&o);
      else if (std::find(t.themes.begin(), t.themes.end(), o.theme) != t.themes.end()) themed.push_back(&o);
    }

    Block table;
    if (style_.rec_style == "table") {
      table.kind = BlockKind::kTable;
      table.column_shares = {0.1, 0.65, 0.25};
      table.rows.push_back({"No.", "Recommendation", "Lead agency"});
    }
    for (int i = 1; i <= n; ++i) {
      TruthRecommendation r;
      r.number = std::to_string(i);
      auto pick_agency = [&]() -> const AgencyBank& {
        double x = rng_.real() * total;
        for (const auto& a : agencies) {
          x -= a.weight;
          if (x <= 0) return a;
        }
        return agencies.back();
      };
      const AgencyBank& a1 = pick_agency();
      std::vector<const AgencyBank*> addressees = {&a1};
      if (rng_.chance(0.2)) {
        const AgencyBank& a2 = pick_agency();
        if (a2.id != a1.id) addressees.push_back(&a2);
      }
      const RecommendationObject* obj =
          !themed.empty() && rng_.chance(0.65) ? themed[rng_.next() % themed.size()] : general[rng_.next() % general.size()];
      r.theme = obj->theme;
      if (!obj->theme.empty()) t.theme_mentions[obj->theme]++;
      std::string subject;
      for (size_t k = 0; k < addressees.size(); ++k) {
        std::string name = rng_.pick(addressees[k]->names);
        replace_all(name, "{area}", t.board);
        if (k > 0) {
          subject += " and ";
          if (name.rfind("The ", 0) == 0) name[0] = 't';
        }
        subject += name;
        r.agencies.push_back(addressees[k]->id);
      }
      std::string action = obj->text;
      r.has_time_frame = rng_.chance(0.4);
      if (r.has_time_frame) action += " " + rng_.pick(time_frames());
      std::string text;
      double form = rng_.real();
      if (style_.rec_style == "table") {
        text = cap_first(action) + ".";
      } else if (form < 0.7) {
        text = subject + " should " + action + ".";
      } else if (form < 0.85) {
        std::string lower = subject;
        if (lower.rfind("The ", 0) == 0) lower[0] = 't';
        text = "It is recommended that " + lower + " " + action + ".";
      } else {
        text = subject + " must " + action + ".";
      }
      if (cast_.smart) replace_all(text, "'", "\u2019");
      if (style_.rec_style != "table" && rng_.chance(0.12)) {
        // Lettered sub-items continue the recommendation.
        text.pop_back();
        text += ", including:";
        int k = rng_.uniform(2, 3);
        std::vector<const RecommendationObject*> pool;
        for (const auto* g : general) {
          if (g != obj) pool.push_back(g);
        }
        rng_.shuffle(pool);
        for (int j = 0; j < k; ++j) {
          const auto* extra = pool[static_cast<size_t>(j)];
          std::string item = extra->text;
          if (cast_.smart) replace_all(item, "'", "\u2019");
          r.subitems.push_back(item + (j + 1 == k ? "." : ";"));
        }
      }
      std::string full = text;
      for (size_t j = 0; j < r.subitems.size(); ++j) full += " " + std::string(1, static_cast<char>('a' + j)) + ") " + r.subitems[j];
      r.text = full;

      if (style_.rec_style == "table") {
        r.label = r.number;
        std::string lead = subject;
        table.rows.push_back({r.number, text, lead});
      } else {
        if (style_.rec_style == "colon") {
          r.label = "Recommendation " + r.number + ":";
          Block b;
          b.kind = BlockKind::kParagraph;
          b.lead = r.label;
          b.text = text;
          doc().blocks.push_back(b);
        } else {
          r.label = style_.rec_style == "dot" ? r.number + "." : style_.rec_style == "paren" ? r.number + ")" : "R" + r.number;
          list_item(r.label, text, 0);
        }
        for (size_t j = 0; j < r.subitems.size(); ++j) {
          list_item(std::string(1, static_cast<char>('a' + j)) + ")", r.subitems[j], 1);
        }
      }
      words_ += word_count(r.text);
      t.recommendations.push_back(std::move(r));
    }
    if (style_.rec_style == "table") {
      // In a table the addressee is the lead agency column; the text names it too for the record.
      doc().blocks.push_back(std::move(table));
    }
  }

  void finish_truth() {
    auto& t = truth();
    std::string band = t.age_band == "<1" ? "an infant" : t.age_band == "16-17" || t.age_band == "11-15" ? "a teenager" : "a child";
    t.summary = "Review concerning " + band + " (" + t.pseudonym + ") who " +
                (t.outcome == "death" ? "died" : "suffered serious harm") + ". Themes: ";
    for (size_t i = 0; i < t.themes.size(); ++i) t.summary += (i ? ", " : "") + t.themes[i];
    t.summary += ".";
  }

  Rng rng_;
  int index_;
  int target_pages_;
  const BoardRegistry& boards_;
  ComposedReport out_;
  Cast cast_;
  Style style_;
  Writer* writer_ = nullptr;
  std::vector<const ThemeBank*> present_, negated_, hypothetical_;
  std::vector<std::pair<std::string, const ThemeBank*>> distractors_;  // class, theme
  std::string criteria_sentence_;
  std::vector<std::vector<std::string>> pending_negations_;
  int section_no_ = 0;
  int para_no_ = 0;
  int words_ = 0;
};

}  // namespace

ComposedReport compose_report(uint64_t seed, int index, int target_pages, const BoardRegistry& boards) {
  return Composer(seed, index, target_pages, boards).run();
}

std::string planned_file_name(uint64_t seed, int index, const BoardRegistry& boards) {
  return Composer(seed, index, 0, boards).file_name_only();
}

int draw_target_pages(uint64_t seed, int index, const PageLengths& lengths) {
  Rng rng = Rng::derive(seed ^ 0x5A5A5A5Aull, static_cast<uint64_t>(index));
  double pages = std::exp(std::log(static_cast<double>(lengths.median)) + 0.55 * rng.normal());
  return std::clamp(static_cast<int>(std::lround(pages)), lengths.min, lengths.max);
}

}  // namespace scr::corpus
