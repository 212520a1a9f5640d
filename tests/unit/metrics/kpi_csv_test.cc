#include "services/metrics/export/kpi_csv.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "common/api/utf8.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace samspar::metrics {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

template <typename Message>
Message Parse(const std::string& text) {
  Message message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

// March 2026 in Dalarna by track and requester unit: a count, a ratio, a
// suppressed count, a median without data, and the region's total.
v1::KpiReport MarchReport() {
  return Parse<v1::KpiReport>(R"pb(
    region: "regions/06"
    dates {
      start_date { year: 2026 month: 3 day: 1 }
      end_date { year: 2026 month: 3 day: 31 }
    }
    group_by: [ KPI_DIMENSION_TRACK, KPI_DIMENSION_REQUESTER_UNIT ]
    rows {
      keys { dimension: KPI_DIMENSION_TRACK value: "TRACK_ACUTE" display_name: "Akutspåret" }
      keys { dimension: KPI_DIMENSION_REQUESTER_UNIT value: "regions/06/units/vc-falun" display_name: "VC Falun" }
      values {
        kpi: KPI_REFERRALS_AVOIDED
        unit: KPI_UNIT_COUNT
        value: 12
        sample_size: 12
        previous_value: 9
        target: 10
        direction: KPI_DIRECTION_MORE
        target_status: TARGET_STATUS_ON_TRACK
      }
      values {
        kpi: KPI_REFERRAL_AVOIDED_SHARE
        unit: KPI_UNIT_RATIO
        value: 0.75
        numerator: 12
        denominator: 16
        sample_size: 16
        previous_value: 0.5
        direction: KPI_DIRECTION_MORE
        target_status: TARGET_STATUS_ON_TRACK
      }
    }
    rows {
      keys { dimension: KPI_DIMENSION_TRACK value: "TRACK_SEMI_ACUTE" display_name: "Halvakuta spåret" }
      keys { dimension: KPI_DIMENSION_REQUESTER_UNIT value: "regions/06/units/vc-mora" }
      values {
        kpi: KPI_REFERRALS_AVOIDED
        unit: KPI_UNIT_COUNT
        suppressed: true
        previous_value: 7
        direction: KPI_DIRECTION_MORE
        target_status: TARGET_STATUS_NO_DATA
      }
      values {
        kpi: KPI_TIME_TO_ANSWER_MEDIAN
        unit: KPI_UNIT_SECONDS
        sample_size: 0
        previous_value: 1234.5
        direction: KPI_DIRECTION_FEWER
        target_status: TARGET_STATUS_NO_DATA
      }
    }
    total {
      values {
        kpi: KPI_REFERRALS_AVOIDED
        unit: KPI_UNIT_COUNT
        value: 15
        sample_size: 15
        previous_value: 16
        target: 10.333333333333334
        direction: KPI_DIRECTION_MORE
        target_status: TARGET_STATUS_ON_TRACK
      }
      values {
        kpi: KPI_TIME_TO_ANSWER_MEDIAN
        unit: KPI_UNIT_SECONDS
        value: 1234.5
        sample_size: 13
        previous_value: 1500
        target: 1800
        direction: KPI_DIRECTION_FEWER
        target_status: TARGET_STATUS_ON_TRACK
      }
    }
  )pb");
}

// A report of one group by requester unit named `unit_name`, with one count.
v1::KpiReport OneUnitReport(const std::string& unit_name) {
  v1::KpiReport report = Parse<v1::KpiReport>(R"pb(
    region: "regions/06"
    dates {
      start_date { year: 2026 month: 3 day: 29 }
      end_date { year: 2026 month: 3 day: 29 }
    }
    group_by: KPI_DIMENSION_REQUESTER_UNIT
    rows {
      keys { dimension: KPI_DIMENSION_REQUESTER_UNIT value: "regions/06/units/x" }
      values { kpi: KPI_CONSULTS_CREATED unit: KPI_UNIT_COUNT value: 7 sample_size: 7 }
    }
  )pb");
  report.mutable_rows(0)->mutable_keys(0)->set_display_name(unit_name);
  return report;
}

// The line of OneUnitReport's group, without its line end.
std::string OneUnitLine(const std::string& csv) {
  const std::string header =
      "region,period_start_date,period_end_date,requester_unit,kpi,unit,value,numerator,denominator,"
      "sample_size,previous_value,target,direction,target_status\r\n";
  EXPECT_EQ(csv.substr(0, header.size()), header);
  const std::string rest = csv.substr(header.size());
  // The total row of OneUnitReport has no values, so the group's line is last.
  EXPECT_EQ(rest.substr(rest.size() - 2), "\r\n");
  return rest.substr(0, rest.size() - 2);
}

TEST(KpiReportCsvTest, WritesEveryRowThenTheTotalInRfc4180) {
  EXPECT_EQ(KpiReportCsv(MarchReport(), v1::CSV_DIALECT_RFC4180),
            "region,period_start_date,period_end_date,track,requester_unit,kpi,unit,value,numerator,"
            "denominator,sample_size,previous_value,target,direction,target_status\r\n"
            "regions/06,2026-03-01,2026-03-31,Akutspåret,VC Falun,REFERRALS_AVOIDED,COUNT,12,,,12,9,10,MORE,"
            "ON_TRACK\r\n"
            "regions/06,2026-03-01,2026-03-31,Akutspåret,VC Falun,REFERRAL_AVOIDED_SHARE,RATIO,0.75,12,16,16,0.5,"
            ",MORE,ON_TRACK\r\n"
            "regions/06,2026-03-01,2026-03-31,Halvakuta spåret,regions/06/units/vc-mora,REFERRALS_AVOIDED,COUNT,"
            "<5,<5,<5,<5,7,,MORE,NO_DATA\r\n"
            "regions/06,2026-03-01,2026-03-31,Halvakuta spåret,regions/06/units/vc-mora,TIME_TO_ANSWER_MEDIAN,"
            "SECONDS,,,,0,1234.5,,FEWER,NO_DATA\r\n"
            "regions/06,2026-03-01,2026-03-31,,,REFERRALS_AVOIDED,COUNT,15,,,15,16,10.333333,MORE,ON_TRACK\r\n"
            "regions/06,2026-03-01,2026-03-31,,,TIME_TO_ANSWER_MEDIAN,SECONDS,1234.5,,,13,1500,1800,FEWER,"
            "ON_TRACK\r\n");
}

TEST(KpiReportCsvTest, UnspecifiedDialectIsRfc4180) {
  EXPECT_EQ(KpiReportCsv(MarchReport(), v1::CSV_DIALECT_UNSPECIFIED),
            KpiReportCsv(MarchReport(), v1::CSV_DIALECT_RFC4180));
}

TEST(KpiReportCsvTest, SwedishExcelHasBomSemicolonsAndDecimalCommas) {
  EXPECT_EQ(KpiReportCsv(MarchReport(), v1::CSV_DIALECT_EXCEL_SV),
            "\xEF\xBB\xBF"
            "region;period_start_date;period_end_date;track;requester_unit;kpi;unit;value;numerator;"
            "denominator;sample_size;previous_value;target;direction;target_status\r\n"
            "regions/06;2026-03-01;2026-03-31;Akutspåret;VC Falun;REFERRALS_AVOIDED;COUNT;12;;;12;9;10;MORE;"
            "ON_TRACK\r\n"
            "regions/06;2026-03-01;2026-03-31;Akutspåret;VC Falun;REFERRAL_AVOIDED_SHARE;RATIO;0,75;12;16;16;0,5;"
            ";MORE;ON_TRACK\r\n"
            "regions/06;2026-03-01;2026-03-31;Halvakuta spåret;regions/06/units/vc-mora;REFERRALS_AVOIDED;COUNT;"
            "<5;<5;<5;<5;7;;MORE;NO_DATA\r\n"
            "regions/06;2026-03-01;2026-03-31;Halvakuta spåret;regions/06/units/vc-mora;TIME_TO_ANSWER_MEDIAN;"
            "SECONDS;;;;0;1234,5;;FEWER;NO_DATA\r\n"
            "regions/06;2026-03-01;2026-03-31;;;REFERRALS_AVOIDED;COUNT;15;;;15;16;10,333333;MORE;ON_TRACK\r\n"
            "regions/06;2026-03-01;2026-03-31;;;TIME_TO_ANSWER_MEDIAN;SECONDS;1234,5;;;13;1500;1800;FEWER;"
            "ON_TRACK\r\n");
}

TEST(KpiReportCsvTest, UngroupedReportHasOnlyTheTotal) {
  v1::KpiReport report = MarchReport();
  report.clear_group_by();
  report.clear_rows();
  EXPECT_EQ(KpiReportCsv(report, v1::CSV_DIALECT_RFC4180),
            "region,period_start_date,period_end_date,kpi,unit,value,numerator,denominator,sample_size,"
            "previous_value,target,direction,target_status\r\n"
            "regions/06,2026-03-01,2026-03-31,REFERRALS_AVOIDED,COUNT,15,,,15,16,10.333333,MORE,ON_TRACK\r\n"
            "regions/06,2026-03-01,2026-03-31,TIME_TO_ANSWER_MEDIAN,SECONDS,1234.5,,,13,1500,1800,FEWER,"
            "ON_TRACK\r\n");
}

TEST(KpiReportCsvTest, QuotesNamesHoldingTheSeparatorAQuoteOrALineBreak) {
  const v1::KpiReport report = OneUnitReport("Vårdcentral \"Norr\", Falun\r\nJour");
  EXPECT_EQ(OneUnitLine(KpiReportCsv(report, v1::CSV_DIALECT_RFC4180)),
            "regions/06,2026-03-29,2026-03-29,\"Vårdcentral \"\"Norr\"\", Falun\r\nJour\","
            "CONSULTS_CREATED,COUNT,7,,,7,,,,");
  EXPECT_THAT(KpiReportCsv(report, v1::CSV_DIALECT_EXCEL_SV),
              ::testing::HasSubstr(";\"Vårdcentral \"\"Norr\"\", Falun\r\nJour\";"));
}

TEST(KpiReportCsvTest, QuotesOnlyForTheDialectsOwnSeparator) {
  EXPECT_EQ(OneUnitLine(KpiReportCsv(OneUnitReport("Falun, Mora"), v1::CSV_DIALECT_RFC4180)),
            "regions/06,2026-03-29,2026-03-29,\"Falun, Mora\",CONSULTS_CREATED,COUNT,7,,,7,,,,");
  EXPECT_EQ(OneUnitLine(KpiReportCsv(OneUnitReport("Falun; Mora"), v1::CSV_DIALECT_RFC4180)),
            "regions/06,2026-03-29,2026-03-29,Falun; Mora,CONSULTS_CREATED,COUNT,7,,,7,,,,");

  const std::string excel = KpiReportCsv(OneUnitReport("Falun, Mora"), v1::CSV_DIALECT_EXCEL_SV);
  EXPECT_THAT(excel, ::testing::HasSubstr(";Falun, Mora;CONSULTS_CREATED;"));
  const std::string quoted = KpiReportCsv(OneUnitReport("Falun; Mora"), v1::CSV_DIALECT_EXCEL_SV);
  EXPECT_THAT(quoted, ::testing::HasSubstr(";\"Falun; Mora\";CONSULTS_CREATED;"));
}

TEST(KpiReportCsvTest, TextThatASpreadsheetWouldRunAsAFormulaStaysText) {
  EXPECT_EQ(OneUnitLine(KpiReportCsv(OneUnitReport("=HYPERLINK(\"http://x.example\")"), v1::CSV_DIALECT_RFC4180)),
            "regions/06,2026-03-29,2026-03-29,\"'=HYPERLINK(\"\"http://x.example\"\")\","
            "CONSULTS_CREATED,COUNT,7,,,7,,,,");
  for (const std::string name : {"+46 Falun", "-Akuten", "@jour"}) {
    EXPECT_EQ(OneUnitLine(KpiReportCsv(OneUnitReport(name), v1::CSV_DIALECT_RFC4180)),
              absl::StrCat("regions/06,2026-03-29,2026-03-29,'", name, ",CONSULTS_CREATED,COUNT,7,,,7,,,,"));
  }
  // Only the first character counts.
  EXPECT_EQ(OneUnitLine(KpiReportCsv(OneUnitReport("Falun=Mora"), v1::CSV_DIALECT_RFC4180)),
            "regions/06,2026-03-29,2026-03-29,Falun=Mora,CONSULTS_CREATED,COUNT,7,,,7,,,,");
}

TEST(KpiReportCsvTest, NegativeNumbersStayNumbers) {
  v1::KpiReport report = OneUnitReport("VC Falun");
  v1::KpiValue& value = *report.mutable_rows(0)->mutable_values(0);
  value.set_value(-0.5);
  value.set_sample_size(-3);
  EXPECT_EQ(OneUnitLine(KpiReportCsv(report, v1::CSV_DIALECT_RFC4180)),
            "regions/06,2026-03-29,2026-03-29,VC Falun,CONSULTS_CREATED,COUNT,-0.5,,,-3,,,,");
  EXPECT_THAT(KpiReportCsv(report, v1::CSV_DIALECT_EXCEL_SV), ::testing::HasSubstr(";COUNT;-0,5;;;-3;"));
}

v1::KpiSeries WeeklyAnswered() {
  return Parse<v1::KpiSeries>(R"pb(
    kpi: KPI_CONSULTS_ANSWERED
    unit: KPI_UNIT_COUNT
    direction: KPI_DIRECTION_MORE
    points {
      period_start_date { year: 2026 month: 3 day: 2 }
      value: 40
      sample_size: 40
      target: 35
      target_status: TARGET_STATUS_ON_TRACK
    }
    points {
      period_start_date { year: 2026 month: 3 day: 9 }
      suppressed: true
      target: 35
      target_status: TARGET_STATUS_NO_DATA
    }
    points {
      period_start_date { year: 2026 month: 3 day: 16 }
      value: 0
      sample_size: 0
      target: 35
      target_status: TARGET_STATUS_OFF_TRACK
    }
  )pb");
}

TEST(KpiSeriesCsvTest, UngroupedSeriesHaveNoGroupColumn) {
  const std::vector<v1::KpiSeries> series = {WeeklyAnswered(), Parse<v1::KpiSeries>(R"pb(
                                               kpi: KPI_ED_AVOIDED_SHARE
                                               unit: KPI_UNIT_RATIO
                                               points {
                                                 period_start_date { year: 2026 month: 3 day: 2 }
                                                 value: 0.8
                                                 sample_size: 25
                                                 target_status: TARGET_STATUS_ON_TRACK
                                               }
                                             )pb")};
  EXPECT_EQ(KpiSeriesCsv("regions/06", v1::KPI_DIMENSION_UNSPECIFIED, series, v1::CSV_DIALECT_RFC4180),
            "region,kpi,unit,period_start_date,value,sample_size,target,target_status\r\n"
            "regions/06,CONSULTS_ANSWERED,COUNT,2026-03-02,40,40,35,ON_TRACK\r\n"
            "regions/06,CONSULTS_ANSWERED,COUNT,2026-03-09,<5,<5,35,NO_DATA\r\n"
            "regions/06,CONSULTS_ANSWERED,COUNT,2026-03-16,0,0,35,OFF_TRACK\r\n"
            "regions/06,ED_AVOIDED_SHARE,RATIO,2026-03-02,0.8,25,,ON_TRACK\r\n");
}

TEST(KpiSeriesCsvTest, GroupedSeriesNameTheirGroup) {
  v1::KpiSeries cardiology = WeeklyAnswered();
  *cardiology.mutable_group() = Parse<v1::GroupKey>(R"pb(
    dimension: KPI_DIMENSION_LINE
    value: "regions/06/lines/kardiologi"
    display_name: "Kardiologi; bakjour"
  )pb");
  cardiology.mutable_points()->DeleteSubrange(1, 2);
  v1::KpiSeries unnamed = WeeklyAnswered();
  *unnamed.mutable_group() = Parse<v1::GroupKey>(R"pb(
    dimension: KPI_DIMENSION_LINE value: "regions/06/lines/geriatrik"
  )pb");
  unnamed.mutable_points()->DeleteSubrange(0, 2);
  const std::vector<v1::KpiSeries> series = {cardiology, unnamed};
  EXPECT_EQ(KpiSeriesCsv("regions/06", v1::KPI_DIMENSION_LINE, series, v1::CSV_DIALECT_EXCEL_SV),
            "\xEF\xBB\xBF"
            "region;line;kpi;unit;period_start_date;value;sample_size;target;target_status\r\n"
            "regions/06;\"Kardiologi; bakjour\";CONSULTS_ANSWERED;COUNT;2026-03-02;40;40;35;ON_TRACK\r\n"
            "regions/06;regions/06/lines/geriatrik;CONSULTS_ANSWERED;COUNT;2026-03-16;0;0;35;OFF_TRACK\r\n");
}

TEST(KpiSeriesCsvTest, RegionIsWrittenAsGivenButNeverAsAFormula) {
  v1::KpiSeries series = WeeklyAnswered();
  series.mutable_points()->DeleteSubrange(1, 2);
  EXPECT_EQ(KpiSeriesCsv("=06", v1::KPI_DIMENSION_UNSPECIFIED, {series}, v1::CSV_DIALECT_RFC4180),
            "region,kpi,unit,period_start_date,value,sample_size,target,target_status\r\n"
            "'=06,CONSULTS_ANSWERED,COUNT,2026-03-02,40,40,35,ON_TRACK\r\n");
}

TEST(KpiSeriesCsvTest, DecimalsHaveAtMostSixPlacesAndNoExponent) {
  v1::KpiSeries series = Parse<v1::KpiSeries>(R"pb(kpi: KPI_TIME_TO_ANSWER_P90 unit: KPI_UNIT_SECONDS)pb");
  for (double value : {0.25, 1.0, 1234.5, 1.0 / 3, 2.0 / 3, 34560000.0, 0.0000001, -0.0000001}) {
    v1::KpiPoint& point = *series.add_points();
    *point.mutable_period_start_date() = Parse<v1::LocalDate>("year: 2026 month: 3 day: 1");
    point.set_value(value);
  }
  const std::string row = "regions/06,TIME_TO_ANSWER_P90,SECONDS,2026-03-01,";
  EXPECT_EQ(KpiSeriesCsv("regions/06", v1::KPI_DIMENSION_UNSPECIFIED, {series}, v1::CSV_DIALECT_RFC4180),
            absl::StrCat("region,kpi,unit,period_start_date,value,sample_size,target,target_status\r\n",  //
                         row, "0.25,,,\r\n",                                                              //
                         row, "1,,,\r\n",                                                                 //
                         row, "1234.5,,,\r\n",                                                            //
                         row, "0.333333,,,\r\n",                                                          //
                         row, "0.666667,,,\r\n",                                                          //
                         row, "34560000,,,\r\n",                                                          //
                         row, "0,,,\r\n",                                                                 //
                         row, "0,,,\r\n"));
}

// Every chunk within the limit and valid UTF-8 on its own, and nothing lost.
void ExpectWholeCharacterChunks(const std::string& text, size_t max_chunk) {
  const std::vector<std::string> chunks = CsvChunks(text, max_chunk);
  for (const std::string& chunk : chunks) {
    EXPECT_LE(chunk.size(), max_chunk);
    EXPECT_FALSE(chunk.empty());
    EXPECT_EQ(api::FirstInvalidUtf8(chunk), absl::nullopt) << "max_chunk " << max_chunk;
  }
  EXPECT_EQ(absl::StrJoin(chunks, ""), text) << "max_chunk " << max_chunk;
}

TEST(CsvChunksTest, NeverCutsACharacter) {
  // "å" is 2 bytes, "€" 3 and "😀" 4; the limit of 4 falls inside each.
  EXPECT_THAT(CsvChunks("abcå", 4), ElementsAre("abc", "å"));
  EXPECT_THAT(CsvChunks("ab€cd", 4), ElementsAre("ab", "€c", "d"));
  EXPECT_THAT(CsvChunks("a😀b", 4), ElementsAre("a", "😀", "b"));
}

TEST(CsvChunksTest, CutsExactlyAtTheLimitBetweenCharacters) {
  EXPECT_THAT(CsvChunks("abådef", 4), ElementsAre("abå", "def"));
  EXPECT_THAT(CsvChunks("😀😀", 4), ElementsAre("😀", "😀"));
}

TEST(CsvChunksTest, KeepsTextIntactForEveryLimit) {
  std::string text;
  for (int i = 0; i < 20; ++i) absl::StrAppend(&text, "Vårdcentral Älvdalen;€ 12,5;😀 \"Mora\"\r\n");
  for (size_t max_chunk = 4; max_chunk <= 40; ++max_chunk) ExpectWholeCharacterChunks(text, max_chunk);
}

TEST(CsvChunksTest, DefaultIs64KiB) {
  std::string euros;
  for (int i = 0; i < 50000; ++i) euros += "€";
  const std::vector<std::string> chunks = CsvChunks(euros);
  std::vector<size_t> sizes;
  for (const std::string& chunk : chunks) sizes.push_back(chunk.size());
  // 65536 is not a multiple of 3, so each full chunk stops one byte short.
  EXPECT_THAT(sizes, ElementsAre(65535, 65535, 150000 - 2 * 65535));
  EXPECT_EQ(absl::StrJoin(chunks, ""), euros);
}

TEST(CsvChunksTest, LimitsBelowACharacterAreRaisedToFourBytes) {
  EXPECT_THAT(CsvChunks("😀å", 1), ElementsAre("😀", "å"));
  EXPECT_THAT(CsvChunks("abcdef", 0), ElementsAre("abcd", "ef"));
}

TEST(CsvChunksTest, EmptyTextHasNoChunks) { EXPECT_THAT(CsvChunks(""), IsEmpty()); }

v1::LocalDateRange Dates(int first_year, int first_month, int first_day, int last_year, int last_month, int last_day) {
  v1::LocalDateRange range;
  range.mutable_start_date()->set_year(first_year);
  range.mutable_start_date()->set_month(first_month);
  range.mutable_start_date()->set_day(first_day);
  range.mutable_end_date()->set_year(last_year);
  range.mutable_end_date()->set_month(last_month);
  range.mutable_end_date()->set_day(last_day);
  return range;
}

TEST(KpiCsvFileNameTest, NamesThePeriodByItsKind) {
  EXPECT_EQ(KpiCsvFileName("06", Dates(2026, 3, 1, 2026, 3, 31), v1::PERIOD_KIND_MONTH), "samspar-kpi-06-2026-03.csv");
  EXPECT_EQ(KpiCsvFileName("06", Dates(2026, 3, 9, 2026, 3, 15), v1::PERIOD_KIND_WEEK), "samspar-kpi-06-2026-W11.csv");
  EXPECT_EQ(KpiCsvFileName("06", Dates(2026, 3, 29, 2026, 3, 29), v1::PERIOD_KIND_DAY),
            "samspar-kpi-06-2026-03-29.csv");
  EXPECT_EQ(KpiCsvFileName("06", Dates(2026, 3, 1, 2026, 4, 15), v1::PERIOD_KIND_CUSTOM),
            "samspar-kpi-06-2026-03-01--2026-04-15.csv");
}

TEST(KpiCsvFileNameTest, WeeksCarryTheIsoWeekYear) {
  // 2024-12-30 is the Monday of the first week of 2025.
  EXPECT_EQ(KpiCsvFileName("06", Dates(2024, 12, 30, 2025, 1, 5), v1::PERIOD_KIND_WEEK), "samspar-kpi-06-2025-W01.csv");
  // 2026 starts on a Thursday and so has 53 weeks; the last ends in 2027.
  EXPECT_EQ(KpiCsvFileName("06", Dates(2026, 12, 28, 2027, 1, 3), v1::PERIOD_KIND_WEEK), "samspar-kpi-06-2026-W53.csv");
  EXPECT_EQ(KpiCsvFileName("06", Dates(2021, 1, 4, 2021, 1, 10), v1::PERIOD_KIND_WEEK), "samspar-kpi-06-2021-W01.csv");
}

}  // namespace
}  // namespace samspar::metrics
