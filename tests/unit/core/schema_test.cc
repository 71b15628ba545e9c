// Pins the index schema: a change here breaks every existing index, so it must be deliberate
// (bump kSchemaVersion and update docs/index-schema.md).
#include <catch2/catch.hpp>

#include "scr/schema.h"

namespace sc = scr::schema;

TEST_CASE("schema: version, prefixes and slots are pinned", "[core][schema]") {
  CHECK(sc::kSchemaVersion == 2);
  CHECK(sc::kExtractorVersion == 5);
  CHECK(sc::kPrefixId == "Q");
  CHECK(sc::kPrefixTitle == "S");
  CHECK(sc::kPrefixYear == "Y");
  CHECK(sc::kPrefixPath == "XPATH");
  CHECK(sc::kPrefixSha == "XSHA");
  CHECK(sc::kPrefixChild == "XCHILD");
  CHECK(sc::kPrefixDocType == "XTYPE");
  CHECK(sc::kPrefixBoard == "XBOARD");
  CHECK(sc::kPrefixRegion == "XREGION");
  CHECK(sc::kPrefixReviewType == "XRT");
  CHECK(sc::kPrefixTheme == "XTHEME");
  CHECK(sc::kPrefixAgency == "XAGENCY");
  CHECK(sc::kPrefixOutcome == "XOUTCOME");
  CHECK(sc::kPrefixAgeBand == "XAGEBAND");  // not "XAGE": that would be a prefix of XAGENCY
  CHECK(sc::kPrefixSex == "XSEX");
  CHECK(sc::kPrefixStatus == "XSTATUS");
  CHECK(sc::kPrefixEra == "XERA");
  CHECK(sc::kPrefixIncidentYear == "XINCY");
  CHECK(sc::kPrefixKeyword == "XKW");
  CHECK(sc::kPrefixReport == "XREP");
  CHECK(sc::kPrefixClarity == "XCLARITY");
  CHECK(sc::kPrefixImplementation == "XIMPL");
  CHECK(sc::kSlotYear == 0);
  CHECK(sc::kSlotDate == 1);
  CHECK(sc::kSlotPages == 2);
  CHECK(sc::kSlotFacets == 3);
  CHECK(sc::kSlotIndexed == 4);
  CHECK(sc::kSlotBoard == 5);
  CHECK(sc::kSlotRegion == 6);
  CHECK(sc::kSlotStatus == 7);
  CHECK(sc::kSlotHit == 8);
  CHECK(sc::kDocReport == "report");
  CHECK(sc::kDocRecommendation == "recommendation");
  CHECK(sc::kDocFinding == "finding");
  CHECK(sc::kMetaSchema == "scr:schema");
  CHECK(sc::kMetaCorpusRoot == "scr:corpus_root");
  CHECK(sc::kMetaImplementationPrefix == "scr:impl:");
  CHECK(sc::kMetaExtractor == "scr:extractor");
  CHECK(sc::kMetaTaxonomy == "scr:taxonomy");
}

TEST_CASE("schema: facet values become stable term spellings", "[core][schema]") {
  CHECK(sc::term_value("Kingston upon Thames") == "kingston-upon-thames");
  CHECK(sc::term_value("Yorkshire and The Humber") == "yorkshire-and-the-humber");
  CHECK(sc::term_value("  St. Helens ") == "st-helens");
  CHECK(sc::term_value("SCR") == "scr");
  CHECK(sc::make_term("XBOARD", "kent") == "XBOARDkent");
  CHECK(sc::make_term("XPATH", "Kent/a.pdf") == "XPATH:Kent/a.pdf");  // capital after prefix: ':' separator
  std::string long_path(400, 'a');
  std::string t1 = sc::make_term("XPATH", long_path), t2 = sc::make_term("XPATH", long_path + "b");
  CHECK(t1.size() <= 240);
  CHECK(t1 != t2);
}

TEST_CASE("schema: the Working Together edition follows the date", "[core][schema]") {
  CHECK(sc::guidance_era(2008, 6) == "wt2006");
  CHECK(sc::guidance_era(2010, 3) == "wt2010");
  CHECK(sc::guidance_era(2013, 2) == "wt2010");
  CHECK(sc::guidance_era(2013, 3) == "wt2013");
  CHECK(sc::guidance_era(2016, 1) == "wt2015");
  CHECK(sc::guidance_era(2018, 7) == "wt2018");
  CHECK(sc::guidance_era(2024, 1) == "wt2023");
}

TEST_CASE("schema: the youngest age band is '<1' in records and 'under-1' in terms, one rule for both", "[core][schema]") {
  CHECK(sc::age_band_term("<1") == "under-1");
  CHECK(sc::age_band_term("11-15") == "11-15");
  CHECK(sc::age_band_label("under-1") == "<1");
  CHECK(sc::age_band_label("16-17") == "16-17");
  CHECK(sc::kAgeBandTerms[0] == sc::age_band_term("<1"));
}
