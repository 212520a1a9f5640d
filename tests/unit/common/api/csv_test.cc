#include "common/api/csv.h"

#include <string>

#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::string_view kField = "csv.files[0].content";

CsvTable Read(absl::string_view text) {
  absl::StatusOr<CsvTable> table = ReadCsv(text, kField);
  EXPECT_TRUE(table.ok()) << table.status();
  return table.value_or(CsvTable{});
}

TEST(ReadCsvTest, ReadsAHeaderAndRecordsWithTheirLines) {
  for (absl::string_view text :
       {"hsa_id,display_name\nSE1,Anna\nSE2,Bo\n", "hsa_id,display_name\r\nSE1,Anna\r\nSE2,Bo\r\n",
        "hsa_id,display_name\nSE1,Anna\nSE2,Bo",
        "\xEF\xBB\xBFhsa_id,display_name\nSE1,Anna\r\nSE2,Bo"}) {
    CsvTable table = Read(text);
    EXPECT_THAT(table.header, ElementsAre("hsa_id", "display_name"));
    ASSERT_EQ(table.records.size(), 2u);
    EXPECT_EQ(table.records[0].line_number, 2);
    EXPECT_THAT(table.records[0].cells, ElementsAre("SE1", "Anna"));
    EXPECT_EQ(table.records[1].line_number, 3);
    EXPECT_THAT(table.records[1].cells, ElementsAre("SE2", "Bo"));
  }
}

TEST(ReadCsvTest, QuotedCellsHoldCommasQuotesAndLineBreaks) {
  CsvTable table = Read(
      "name,note\n"
      "\"Berg, Anna\",\"säger \"\"hej\"\"\"\n"
      "\"två\nrader\",\"\"\n"
      "Åsa,sist\n");
  ASSERT_EQ(table.records.size(), 3u);
  EXPECT_THAT(table.records[0].cells, ElementsAre("Berg, Anna", "säger \"hej\""));
  EXPECT_EQ(table.records[1].line_number, 3);
  EXPECT_THAT(table.records[1].cells, ElementsAre("två\nrader", ""));
  EXPECT_EQ(table.records[2].line_number, 5);
  EXPECT_THAT(table.records[2].cells, ElementsAre("Åsa", "sist"));
}

TEST(ReadCsvTest, BlankLinesAreSkippedAndCountedInLineNumbers) {
  CsvTable table = Read("\nh\n\nx\n  \t\ny\n\n");
  EXPECT_THAT(table.header, ElementsAre("h"));
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].line_number, 4);
  EXPECT_EQ(table.records[1].line_number, 6);
  EXPECT_THAT(table.records[1].cells, ElementsAre("y"));
}

TEST(ReadCsvTest, EmptyCellsAndQuotedEmptyLinesAreKept) {
  CsvTable table = Read("a,b,c\n,,\n\"\"\n");
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_THAT(table.records[0].cells, ElementsAre("", "", ""));
  EXPECT_THAT(table.records[1].cells, ElementsAre(""));
}

TEST(ReadCsvTest, RecordsOfAnotherWidthAreKeptForTheCallerToReport) {
  CsvTable table = Read("a,b\n1\n1,2,3\n");
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_THAT(table.records[0].cells, ElementsAre("1"));
  EXPECT_THAT(table.records[1].cells, ElementsAre("1", "2", "3"));
}

TEST(ReadCsvTest, AHeaderAloneHasNoRecords) {
  CsvTable table = Read("a,b\n");
  EXPECT_THAT(table.header, ElementsAre("a", "b"));
  EXPECT_THAT(table.records, IsEmpty());
}

void ExpectInvalid(absl::string_view text, absl::string_view message_part) {
  absl::StatusOr<CsvTable> table = ReadCsv(text, kField);
  ASSERT_FALSE(table.ok()) << text;
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(table.status()), "FIELD_INVALID");
  EXPECT_EQ(FieldOf(table.status()), kField);
  EXPECT_THAT(table.status().message(), HasSubstr(message_part)) << text;
}

TEST(ReadCsvTest, AnEmptyFileHasNoHeader) {
  for (absl::string_view text : {"", "\xEF\xBB\xBF", "\n\n  \r\n"}) {
    ExpectInvalid(text, "line 1: no header");
  }
}

TEST(ReadCsvTest, AnUnterminatedQuoteIsReportedWhereItStarts) {
  ExpectInvalid("a,b\n1,\"open\n2,3\n4,5\n",
                "line 2: a quoted cell starts here and is never closed");
  ExpectInvalid("a\n\"", "line 2");
}

TEST(ReadCsvTest, TextAfterAClosingQuoteIsRefused) {
  ExpectInvalid("a,b\n1,2\n\"x\"y,3\n", "line 3: text after the closing quote");
  ExpectInvalid("a,b\n\"x\" ,3\n", "line 2");
  ExpectInvalid("a\n\"two\nlines\"!\n", "line 3");
}

TEST(ReadCsvTest, InvalidUtf8IsRefusedWithItsLine) {
  ExpectInvalid("a\nb\n\xff\n", "line 3: not valid UTF-8");
  ExpectInvalid("a\n\xC0\xAF\n", "line 2");          // an overlong '/'
  ExpectInvalid("a\nb\nc\xED\xA0\x80\n", "line 3");  // a surrogate
  ExpectInvalid("a\nb\xC3", "line 2");               // cut short
}

}  // namespace
}  // namespace samspar::api
