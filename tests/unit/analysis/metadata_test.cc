#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "analyse.h"
#include "index_writer.h"
#include "metadata.h"
#include "record_json.h"
#include "scr/error.h"

using namespace scr;

namespace {
const BoardRegistry& boards() {
  static const BoardRegistry reg = BoardRegistry::load_default();
  return reg;
}
}  // namespace

TEST_CASE("metadata: dates as reports write them", "[indexer][metadata]") {
  CHECK(parse_date("2016") == std::pair{2016, 0});
  CHECK(parse_date("March 2016") == std::pair{2016, 3});
  CHECK(parse_date("12 Sept 2016") == std::pair{2016, 9});
  CHECK(parse_date("Published: 12/03/2016") == std::pair{2016, 3});
  CHECK(parse_date("2016-03-12") == std::pair{2016, 3});
  CHECK(parse_date("Final version for publication (v5) January 2023") == std::pair{2023, 1});
  CHECK(parse_date("no date here") == std::pair{0, 0});
}

TEST_CASE("metadata: pseudonyms in their styles", "[indexer][metadata]") {
  CHECK(find_pseudonym("Serious Case Review: Child K") == "Child K");
  CHECK(find_pseudonym("Overview Report - Child BS (2014)") == "Child BS");
  CHECK(find_pseudonym("Child Safeguarding Practice Review re Baby Z") == "Baby Z");
  CHECK(find_pseudonym("Local Child Safeguarding Practice Review - Young Person F") == "Young Person F");
  CHECK(find_pseudonym("Serious Case Review in respect of Family U") == "Family U");
  CHECK(find_pseudonym("Local Child Safeguarding Practice Review: 'Jack'") == "Jack");
  CHECK(find_pseudonym("Local child safeguarding practice review re Andre.") == "Andre");
  CHECK(find_pseudonym("Annual report of the partnership") == "");
}

TEST_CASE("metadata: the national repository's cover sheet", "[indexer][metadata]") {
  auto c = parse_cover_sheet(
      "Title: Serious Case Review into the circumstances of Child B\n"
      "LSCB: Royal Borough of Windsor and Maidenhead Local Safeguarding Children\nBoard\n"
      "Author: A. Reviewer\nDate of publication: March 2015\n\n"
      "This report was deposited with the national case review repository.\n");
  CHECK(c.title == "Serious Case Review into the circumstances of Child B");
  CHECK(c.board == "Royal Borough of Windsor and Maidenhead Local Safeguarding Children Board");
  CHECK(c.author == "A. Reviewer");
  CHECK(c.date == "March 2015");
  CHECK_FALSE(parse_cover_sheet("Introduction\nThe review began.").found());
}

TEST_CASE("metadata: file names in the repository styles", "[indexer][metadata]") {
  auto f = parse_file_name("2016NorthYorkshireChildASCR.pdf", boards());
  CHECK(f.year == 2016);
  CHECK(f.board == "North Yorkshire");
  CHECK(f.pseudonym == "Child A");
  CHECK(f.review_type == "SCR");
  // The real names in the CaseReviewer sample.
  f = parse_file_name("2021BexleyChildOCSPR.pdf", boards());
  CHECK(f.board == "Bexley");
  CHECK(f.pseudonym == "Child O");
  CHECK(f.review_type == "CSPR");
  f = parse_file_name("2023EnfieldAndreCSPR.pdf", boards());
  CHECK(f.board == "Enfield");
  CHECK(f.pseudonym == "Andre");
  f = parse_file_name("Kent/2014-babyz-overview-report.pdf", boards());
  CHECK(f.board == "Kent");
  CHECK(f.board_source == Source::kFolder);
  CHECK(f.year == 2014);
  CHECK(f.pseudonym == "Baby Z");
  f = parse_file_name("kensingtonandchelsea-scr-childpx-2018.pdf", boards());
  CHECK(f.board == "Kensington and Chelsea");
  CHECK(f.year == 2018);
  CHECK(f.pseudonym == "Child PX");
  f = parse_file_name("newham-cspr-isabella-2021.pdf", boards());
  CHECK(f.board == "Newham");
  CHECK(f.pseudonym == "Isabella");
}

TEST_CASE("metadata: each field takes the strongest source", "[indexer][metadata]") {
  MetadataInput in;
  in.relative_path = "2016KentChildKSCR.pdf";  // says Kent, 2016
  in.raw_pages = {"Title: Serious Case Review: Child K\nLSCB: Medway Safeguarding Children Board\n"
                  "Author: X\nDate of publication: June 2017\n"};
  in.info.title = "Microsoft Word - final.docx";  // junk: ignored
  auto m = find_metadata(in, boards());
  CHECK(m.board.value == "Medway");
  CHECK(m.board.source == Source::kCoverSheet);
  CHECK(m.region.value == "South East");
  CHECK(m.year.value == 2017);
  CHECK(m.month.value == 6);
  CHECK(m.pseudonym.value == "Child K");
  CHECK(m.review_type.value == "SCR");
  CHECK(m.title.value == "Serious Case Review: Child K");

  MetadataInput fn_only;
  fn_only.relative_path = "2016KentChildKSCR.pdf";
  m = find_metadata(fn_only, boards());
  CHECK(m.board.value == "Kent");
  CHECK(m.board.source == Source::kFileName);
  CHECK(m.year.value == 2016);
  CHECK(m.year.source == Source::kFileName);
}

TEST_CASE("metadata: outcome, age and sex from the opening pages", "[indexer][metadata]") {
  MetadataInput in;
  in.relative_path = "x.pdf";
  in.raw_pages = {"Serious Case Review: Child K\nOverview report\nKent LSCB\nMarch 2014"};
  in.clean_pages = {"cover", "This report concerns Child K. Child K died in May 2013, when he was 7 months old."};
  auto m = find_metadata(in, boards());
  CHECK(m.outcome.value == "death");
  CHECK(m.child_age_months.value == 7);
  CHECK(m.age_band.value == "<1");
  CHECK(m.sex.value == "male");
  CHECK(m.board.value == "Kent");
  CHECK(m.year.value == 2014);
  CHECK(m.review_type.value == "SCR");
  CHECK(m.incident_year.value == 2013);

  in.clean_pages = {"cover", "Child K suffered serious harm in 2013, when she was 15 years old."};
  m = find_metadata(in, boards());
  CHECK(m.outcome.value == "serious-harm");
  CHECK(m.age_band.value == "11-15");
  CHECK(m.sex.value == "female");
  CHECK(m.incident_year.value == 2013);

  // A year after publication is not the incident; a sentence without one gives none.
  in.clean_pages = {"cover", "In March 2012 and again in 2016, Child K was seriously injured."};
  m = find_metadata(in, boards());
  CHECK(m.incident_year.value == 2012);
  in.clean_pages = {"cover", "Child K died at home. The review began in 2013."};
  m = find_metadata(in, boards());
  CHECK_FALSE(m.incident_year.known());
}

TEST_CASE("metadata: the real Enfield cover page", "[indexer][metadata][real]") {
  std::filesystem::path f = std::filesystem::path(SCR_REAL_CORPUS) /
                            "CaseReviewer/scripts/extracted_data/2023EnfieldAndreCSPR_structured_info.json";
  if (!std::filesystem::exists(f)) {
    WARN("[test skipped] " << f << " not found");
    return;
  }
  std::ifstream in(f);
  auto j = nlohmann::json::parse(in);
  MetadataInput mi;
  mi.relative_path = "2023EnfieldAndreCSPR.pdf";
  mi.raw_pages = {j.at("content").get<std::string>()};
  auto m = find_metadata(mi, boards());
  CHECK(m.board.value == "Enfield");
  CHECK(m.board.source == Source::kCoverSheet);
  CHECK(m.region.value == "London");
  CHECK(m.year.value == 2023);
  CHECK(m.review_type.value == "CSPR");
  CHECK(m.pseudonym.value == "Andre");
}

TEST_CASE("analysis: a record crosses the process boundary unchanged", "[indexer][analyse]") {
  AnalysedFile a;
  a.status = ExtractStatus::kOcr;
  a.reason = "2 of 4 pages";
  a.page_count = 4;
  a.pages = {"one", "two \xE2\x80\x94 dash", "", "four"};
  a.ocr_pages = {1, 2};
  a.furniture = {"Page # of 4"};
  a.info.title = "T";
  a.info.created = 1234567;
  a.meta.board.offer("Kent", Source::kFileName);
  a.meta.year.offer(2016, Source::kCoverSheet);
  a.meta.keywords = {"neglect"};
  auto b = decode_analysis(encode_analysis(a));
  CHECK(b.status == a.status);
  CHECK(b.pages == a.pages);
  CHECK(b.ocr_pages == a.ocr_pages);
  CHECK(b.info.created == a.info.created);
  CHECK(b.meta.board.value == "Kent");
  CHECK(b.meta.board.source == Source::kFileName);
  CHECK(b.meta.year.value == 2016);
  CHECK(b.meta.keywords == a.meta.keywords);
  CHECK_FALSE(b.meta.sex.known());
  CHECK_THROWS_AS(decode_analysis("{}"), scr::Error);
  // Bytes that are not UTF-8 do not break the encoding.
  a.pages = {std::string("bad \xFF byte")};
  CHECK_NOTHROW(decode_analysis(encode_analysis(a)));
}

TEST_CASE("metadata: pseudonyms in file names are read whole", "[indexer][metadata]") {
  CHECK(parse_file_name("kent-scr-child-k-2016.pdf", boards()).pseudonym == "Child K");
  CHECK(parse_file_name("2019_baby_a_overview_report.pdf", boards()).pseudonym == "Baby A");
  CHECK(parse_file_name("Medway/childK-final.pdf", boards()).pseudonym == "Child K");
  CHECK(parse_file_name("surrey-young-person-r-2020.pdf", boards()).pseudonym == "Young Person R");
  // "child" alone is no pseudonym, and the words of a board or of the review type are no names.
  CHECK(parse_file_name("Kent/child-safeguarding-practice-review-2021.pdf", boards()).pseudonym.empty());
}

TEST_CASE("metadata: the cover's spelling of a name beats the file name's", "[indexer][metadata]") {
  MetadataInput in;
  in.relative_path = "Surrey/2020-zoe-lcspr.pdf";
  in.raw_pages = {"Surrey Safeguarding Children Partnership\nLocal Child Safeguarding Practice Review\n"
                  "concerning:\nZo\u00eb\nMarch 2021"};
  auto m = find_metadata(in, boards());
  CHECK(m.pseudonym.value == "Zo\u00eb");

  in.relative_path = "Surrey/2020-child-k.pdf";
  in.raw_pages = {"Serious Case Review\nin respect of\nChild K\nSurrey Safeguarding Children Board\n2016"};
  m = find_metadata(in, boards());
  CHECK(m.pseudonym.value == "Child K");
}

namespace {
struct CoverCase {
  const char* cover;  // raw first-page lines as poppler gives them
  const char* title, *board; int year; const char* pseudonym;
};

// Each cover alone as page 1 of an upload with no telling file name; an empty board means the
// cover names none.
void check_covers(const std::vector<CoverCase>& cases) {
  for (const auto& c : cases) {
    MetadataInput in;
    in.relative_path = "upload.pdf";
    in.raw_pages = {c.cover};
    auto m = find_metadata(in, boards());
    INFO(c.cover);
    CHECK(m.title.value == c.title);
    if (*c.board) CHECK(m.board.value == c.board);
    CHECK(m.year.value == c.year);
    CHECK(m.pseudonym.value == c.pseudonym);
  }
}
}  // namespace

TEST_CASE("metadata: title blocks of covers in the shapes real reviews use", "[indexer][metadata]") {
  // Written for this test in the layouts published covers use (a line each for the report kind,
  // the connecting words, the name, the board, the date); no real cover's text.
  const std::vector<CoverCase> cases = {
      {"Executive Summary\nSerious Case Review\nin respect of\nChild T\nHartlepool Local Safeguarding Children Board\nApril 2015",
       "Serious Case Review in respect of Child T", "Hartlepool", 2015, "Child T"},
      {"SERIOUS CASE REVIEW\nRELATING TO\nBABY Z\nOVERVIEW REPORT\nPUBLICATION DATE: JANUARY 2017\nSALFORD SAFEGUARDING CHILDREN BOARD",
       "Serious Case Review relating to Baby Z", "Salford", 2017, "Baby Z"},
      {"Overview Report\nSCR S25\nCase R\nLeeds Safeguarding\nChildren Partnership\n2020",
       "SCR S25 Case R", "Leeds", 2020, "Case R"},
      {"Wiltshire Safeguarding Vulnerable People Partnership\nChild Safeguarding Practice Review\nconcerning:\nMaisie\nPublished July 2022",
       "Child Safeguarding Practice Review concerning Maisie", "Wiltshire", 2022, "Maisie"},
      {"Local Child Safeguarding\nPractice Review\nChild 1\nNorfolk Safeguarding Children Partnership\nNovember 2021",
       "Local Child Safeguarding Practice Review Child 1", "Norfolk", 2021, "Child 1"},
  };
  check_covers(cases);
}

TEST_CASE("metadata: cover shapes with authors, prefixed dates, families and one-line titles", "[indexer][metadata]") {
  // Written for this test (names and boards invented or generic), in layouts published covers use:
  // the board first in capitals, an author's name or a "Lead Reviewer:" line after the child, a
  // date behind a label, a family rather than a child, the whole title on one line.
  const std::vector<CoverCase> cases = {
      {"DORSET SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW S31\nCHILD W\nReport Author\nJane Holloway\nMarch 2016",
       "Serious Case Review S31 Child W", "Dorset", 2016, "Child W"},
      {"NORFOLK SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW\nCASE P\nOVERVIEW REPORT\nLead Reviewer: Sam Fenwick For Board: June 2014",
       "Serious Case Review Case P", "Norfolk", 2014, "Case P"},
      {"Serious Case Review Overview Report in respect of\nAmelia\nAUTHOR: PAT DENHAM\nDATE: 2ND MAY 2018",
       "Serious Case Review Overview Report in respect of Amelia", "", 2018, "Amelia"},
      {"Bournemouth, Christchurch and Poole\nSafeguarding Children Partnership\nChild Safeguarding Practice Review\nChild D\nPublished: September 2021",
       "Child Safeguarding Practice Review Child D", "Bournemouth, Christchurch and Poole", 2021, "Child D"},
      {"Cumbria Safeguarding Children Partnership\nA Serious Case Review into the\ndeath of Baby K\nFinal report\nOctober 2019",
       "A Serious Case Review into the death of Baby K", "Cumbria", 2019, "Baby K"},
      {"Child F\nA Child Safeguarding Practice Review\nSomerset Safeguarding Children Partnership\n2023",
       "A Child Safeguarding Practice Review Child F", "Somerset", 2023, "Child F"},
  };
  check_covers(cases);
}

TEST_CASE("metadata: a title wrapped over several lines of headline type is read as one block", "[indexer][metadata]") {
  // Written for this test: covers whose title runs over lines set in the same large type, broken
  // where the cover's width ran out rather than at a phrase. Read as plain lines, the first gives
  // the pseudonym "Child" and the second a title cut after "into the".
  struct SizedCover {
    std::vector<TextLine> lines;
    const char* title, *pseudonym;
    bool needs_sizes;  // read as plain lines, the title comes out wrong
  };
  const std::vector<SizedCover> cases = {
      {{{"Child Safeguarding Practice Review in respect of Child", 22},
        {"M and her brother", 22},
        {"Blackpool Safeguarding Children Partnership", 12},
        {"May 2022", 12}},
       "Child Safeguarding Practice Review in respect of Child M and her brother", "Child M", true},
      {{{"Serious Case Review into the", 26},
        {"circumstances surrounding", 26},
        {"the death of Baby Q", 26},
        {"Overview report", 16},
        {"Kirklees Safeguarding Children Board", 12},
        {"2014", 12}},
       "Serious Case Review into the circumstances surrounding the death of Baby Q", "Baby Q", true},
      // The board and the date in the title's type stay lines of their own; the colon at the
      // line's end goes with the join.
      {{{"Leeds Safeguarding Children Partnership", 20},
        {"Local Child Safeguarding Practice Review concerning:", 20},
        {"Oliver", 20},
        {"March 2021", 20}},
       "Local Child Safeguarding Practice Review concerning Oliver", "Oliver", false},
  };
  for (const auto& c : cases) {
    MetadataInput in;
    in.relative_path = "upload.pdf";
    std::string raw;
    for (const auto& l : c.lines) raw += l.text + "\n";
    in.raw_pages = {raw};
    in.cover_lines = c.lines;
    INFO(raw);
    auto m = find_metadata(in, boards());
    CHECK(m.title.value == c.title);
    CHECK(m.pseudonym.value == c.pseudonym);
    // Body-sized lines are never joined: the same cover set in 11 pt reads line by line.
    for (auto& l : in.cover_lines) l.font_size = 11;
    if (c.needs_sizes) CHECK(find_metadata(in, boards()).title.value != c.title);
  }
}

TEST_CASE("record: a report's parts read back from its stored record as written, and a mistyped part names the report",
          "[indexer][record]") {
  nlohmann::json record = {{"id", "r7"}, {"status", "ok"}, {"pages", 3}};
  ReportMeta m;
  m.board.offer("Kent", Source::kManifest);
  m.child_age_months.offer(7, Source::kText);
  record["meta"] = record_json::meta_json(m);
  ThemeTag tag;
  tag.id = "neglect";
  tag.present = true;
  tag.score = 1.5;
  tag.mentions = 2;
  tag.evidence = {{2, "The flat was filthy."}};
  tag.cancelled_evidence = {{"negated", 3, "There was no evidence of neglect."}};
  record["themes"] = record_json::themes_json({tag});
  Recommendation rec;
  rec.number = "4";
  rec.text = "The board should audit referrals.";
  rec.agencies = {"lscp"};
  rec.addressee_found = rec.action_verb = rec.measure = true;
  record["recommendations"] = record_json::recommendations_json({rec});

  auto d = report_from_record(record.dump());
  REQUIRE(d);
  CHECK(d->analysis.meta.board.value == "Kent");
  CHECK(d->analysis.meta.board.source == Source::kManifest);
  CHECK(d->analysis.meta.child_age_months.value == 7);
  REQUIRE(d->analysis.themes.size() == 1);
  CHECK(d->analysis.themes[0].score == 1.5);
  CHECK(d->analysis.themes[0].evidence[0].page == 2);
  CHECK(d->analysis.themes[0].cancelled_evidence[0].reason == "negated");
  REQUIRE(d->analysis.recommendations.size() == 1);
  CHECK(d->analysis.recommendations[0].agencies == std::vector<std::string>{"lscp"});
  CHECK(d->analysis.recommendations[0].clarity() == "clear");

  // A part of the wrong type is an error that says which report, not a bare parser message.
  record["themes"] = {{{"id", 5}}};
  CHECK_THROWS_WITH(report_from_record(record.dump()), Catch::Contains("report record r7"));
  record["themes"] = nlohmann::json::array();
  record["meta"] = {{"board", {{"value", 3}, {"source", "manifest"}}}};
  CHECK_THROWS_WITH(report_from_record(record.dump()), Catch::Contains("report record r7"));
}
