#include "common/api/filter.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "common/sql/open_database.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "samspar/v1/common.pb.h"
#include "samspar/v1/roster.pb.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_patients.h"

namespace samspar::api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::vector<FilterField>& Fields() {
  static const auto* fields = new std::vector<FilterField>{
      {.name = "hsa_id", .kind = FieldKind::kText, .column = "hsa_id"},
      {.name = "display_name",
       .kind = FieldKind::kSearchableText,
       .column = "display_name",
       .folded_column = "display_name_folded"},
      {.name = "state",
       .kind = FieldKind::kEnum,
       .column = "state",
       .enum_type = v1::LineState_descriptor()},
      {.name = "on_call", .kind = FieldKind::kBool, .column = "on_call"},
      {.name = "beds", .kind = FieldKind::kInteger, .column = "beds"},
      {.name = "capacity", .kind = FieldKind::kInteger, .column = "beds * 2"},
      {.name = "update_time", .kind = FieldKind::kTimestamp, .column = "update_micros"},
      {.name = "opened_date", .kind = FieldKind::kLocalDate, .column = "opened_date"},
      {.name = "specialties", .kind = FieldKind::kRepeatedText, .column = "specialties"},
      {.name = "tracks",
       .kind = FieldKind::kRepeatedEnum,
       .column = "tracks",
       .enum_type = v1::Track_descriptor()},
  };
  return *fields;
}

int64_t Micros(absl::string_view rfc3339) {
  absl::Time time;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, rfc3339, &time, &error)) << error;
  return absl::ToUnixMicros(time);
}

struct Unit {
  std::string id;
  std::string hsa_id;
  std::string display_name;
  v1::LineState state;
  bool on_call;
  int beds;
  std::string update_time;
  int opened_date;
  std::vector<std::string> specialties;
  std::vector<int> tracks;
};

// Four units in a real database; each test asserts which of them a filter
// selects.
class FilterSqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<sql::Database>> db = sql::OpenDatabase(dir_.File("units.db"));
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    ASSERT_TRUE(db_->Execute(R"(CREATE TABLE units (
        id TEXT NOT NULL PRIMARY KEY, hsa_id TEXT NOT NULL, display_name TEXT NOT NULL,
        display_name_folded TEXT NOT NULL, state BIGINT NOT NULL, on_call BIGINT NOT NULL,
        beds BIGINT NOT NULL, update_micros BIGINT NOT NULL, opened_date BIGINT NOT NULL,
        specialties TEXT NOT NULL, tracks TEXT NOT NULL))")
                    .ok());
    const Unit units[] = {
        {"a", "SE2321000057-A1", "Åsa vårdcentral", v1::LINE_STATE_ACTIVE, true, 10,
         "2026-03-28T00:00:00Z", 20200115, {"cardiology", "geriatrics"}, {1, 3}},
        {"b", "SE2321000057-B2", "Ryhov medicin", v1::LINE_STATE_DRAFT, false, 25,
         "2026-03-28T12:00:00Z", 20210601, {"internal_medicine"}, {2}},
        {"c", "SE2321000057-C3", "100% fart_snabb", v1::LINE_STATE_RETIRED, false, 0,
         "2026-01-01T00:00:00Z", 20190101, {"Cardiology"}, {}},
        {"d", "SE2321000057-D4", "Östra Éka 100 fart snabb", v1::LINE_STATE_ACTIVE, true, -5,
         "2025-12-31T23:00:00Z", 20251231, {"a|b"}, {4}},
    };
    for (const Unit& unit : units) {
      absl::StatusOr<int64_t> inserted = db_->Execute(
          "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {unit.id, unit.hsa_id, unit.display_name, FoldForSearch(unit.display_name),
           static_cast<int>(unit.state), unit.on_call ? 1 : 0, unit.beds, Micros(unit.update_time),
           unit.opened_date, DelimitedList(unit.specialties), DelimitedList(unit.tracks)});
      ASSERT_TRUE(inserted.ok()) << inserted.status();
    }
  }

  // The ids of the units `filter` selects, in id order.
  std::vector<std::string> Select(absl::string_view filter) {
    absl::StatusOr<Filter> parsed = Filter::Parse(filter, Fields());
    EXPECT_TRUE(parsed.ok()) << filter << ": " << parsed.status();
    if (!parsed.ok()) return {"<not parsed>"};
    SqlCondition where = parsed->ToSql();
    absl::StatusOr<std::vector<sql::Row>> rows = db_->Query(
        absl::StrCat("SELECT id FROM units WHERE ", where.sql, " ORDER BY id"), where.params);
    EXPECT_TRUE(rows.ok()) << filter << " -> " << where.sql << ": " << rows.status();
    if (!rows.ok()) return {"<failed>"};
    std::vector<std::string> ids;
    for (const sql::Row& row : *rows) ids.push_back(*row.GetText(0));
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<sql::Database> db_;
};

TEST_F(FilterSqlTest, AnEmptyFilterSelectsEverything) {
  EXPECT_THAT(Select(""), ElementsAre("a", "b", "c", "d"));
  EXPECT_THAT(Select("  \t "), ElementsAre("a", "b", "c", "d"));
  absl::StatusOr<Filter> empty = Filter::Parse("", Fields());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(empty->ToSql().sql, "1 = 1");
  EXPECT_THAT(empty->ToSql().params, IsEmpty());
}

TEST_F(FilterSqlTest, OrBindsTighterThanAnd) {
  EXPECT_THAT(Select("state = LINE_STATE_ACTIVE OR state = LINE_STATE_DRAFT AND beds > 5"),
              ElementsAre("a", "b"));
  EXPECT_THAT(Select("beds > 5 AND state = LINE_STATE_DRAFT OR state = LINE_STATE_RETIRED"),
              ElementsAre("b"));
  EXPECT_THAT(Select("on_call = true AND beds > 0 AND state = LINE_STATE_ACTIVE"),
              ElementsAre("a"));
  EXPECT_THAT(Select("beds = 10 OR beds = 25 OR beds = -5"), ElementsAre("a", "b", "d"));
}

TEST_F(FilterSqlTest, TextIsComparedExactly) {
  EXPECT_THAT(Select(R"(hsa_id = "SE2321000057-A1")"), ElementsAre("a"));
  EXPECT_THAT(Select(R"(hsa_id = "se2321000057-a1")"), IsEmpty());
  EXPECT_THAT(Select(R"(hsa_id != "SE2321000057-A1")"), ElementsAre("b", "c", "d"));
  EXPECT_THAT(Select(R"(hsa_id < "SE2321000057-C3")"), ElementsAre("a", "b"));
  EXPECT_THAT(Select(R"(hsa_id <= "SE2321000057-C3")"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Select(R"(hsa_id > "SE2321000057-C3")"), ElementsAre("d"));
  EXPECT_THAT(Select(R"(hsa_id >= "SE2321000057-C3")"), ElementsAre("c", "d"));
  EXPECT_THAT(Select(R"(hsa_id="SE2321000057-B2")"), ElementsAre("b"));
}

TEST_F(FilterSqlTest, SearchableTextIsExactWithEqualsAndFoldedWithHas) {
  EXPECT_THAT(Select(R"(display_name = "Ryhov medicin")"), ElementsAre("b"));
  EXPECT_THAT(Select(R"(display_name = "ryhov medicin")"), IsEmpty());
  EXPECT_THAT(Select(R"(display_name != "Ryhov medicin")"), ElementsAre("a", "c", "d"));
  EXPECT_THAT(Select(R"(display_name: "RYHOV")"), ElementsAre("b"));
  EXPECT_THAT(Select(R"(display_name: "fart")"), ElementsAre("c", "d"));
}

TEST_F(FilterSqlTest, SwedishLettersMatchInEitherCase) {
  EXPECT_THAT(Select(R"(display_name: "ÅSA")"), ElementsAre("a"));
  EXPECT_THAT(Select(R"(display_name: "VÅRDCENTRAL")"), ElementsAre("a"));
  EXPECT_THAT(Select(R"(display_name: "östra")"), ElementsAre("d"));
  EXPECT_THAT(Select(R"(display_name: "éKA")"), ElementsAre("d"));
}

TEST_F(FilterSqlTest, LikeWildcardsInTheValueMatchThemselves) {
  EXPECT_THAT(Select(R"(display_name: "100%")"), ElementsAre("c"));
  EXPECT_THAT(Select(R"(display_name: "t_s")"), ElementsAre("c"));
  EXPECT_THAT(Select(R"(display_name: "%")"), ElementsAre("c"));
  EXPECT_THAT(Select(R"(display_name: "\\")"), IsEmpty());
  EXPECT_THAT(Select(R"(display_name: "")"), ElementsAre("a", "b", "c", "d"));
}

TEST_F(FilterSqlTest, EnumsByTheirFullName) {
  EXPECT_THAT(Select("state = LINE_STATE_ACTIVE"), ElementsAre("a", "d"));
  EXPECT_THAT(Select("state != LINE_STATE_ACTIVE"), ElementsAre("b", "c"));
  EXPECT_THAT(Select("state = LINE_STATE_UNSPECIFIED"), IsEmpty());
}

TEST_F(FilterSqlTest, Booleans) {
  EXPECT_THAT(Select("on_call = true"), ElementsAre("a", "d"));
  EXPECT_THAT(Select("on_call = false"), ElementsAre("b", "c"));
  EXPECT_THAT(Select("on_call != true"), ElementsAre("b", "c"));
}

TEST_F(FilterSqlTest, IntegersWithEveryComparison) {
  EXPECT_THAT(Select("beds = 10"), ElementsAre("a"));
  EXPECT_THAT(Select("beds != 10"), ElementsAre("b", "c", "d"));
  EXPECT_THAT(Select("beds < 0"), ElementsAre("d"));
  EXPECT_THAT(Select("beds <= 10"), ElementsAre("a", "c", "d"));
  EXPECT_THAT(Select("beds > 10"), ElementsAre("b"));
  EXPECT_THAT(Select("beds >= -5"), ElementsAre("a", "b", "c", "d"));
  EXPECT_THAT(Select("beds = -5"), ElementsAre("d"));
}

TEST_F(FilterSqlTest, AComputedExpressionIsComparedAsAWhole) {
  EXPECT_THAT(Select("capacity = 20"), ElementsAre("a"));
  EXPECT_THAT(Select("capacity > 30"), ElementsAre("b"));
}

TEST_F(FilterSqlTest, TimestampsInAnyOffset) {
  EXPECT_THAT(Select(R"(update_time = "2026-03-28T00:00:00Z")"), ElementsAre("a"));
  EXPECT_THAT(Select(R"(update_time = "2026-03-28T01:00:00+01:00")"), ElementsAre("a"));
  EXPECT_THAT(Select(R"(update_time != "2026-03-28T00:00:00Z")"), ElementsAre("b", "c", "d"));
  EXPECT_THAT(Select(R"(update_time < "2026-01-01T00:00:00Z")"), ElementsAre("d"));
  EXPECT_THAT(Select(R"(update_time <= "2026-01-01T00:00:00Z")"), ElementsAre("c", "d"));
  EXPECT_THAT(Select(R"(update_time > "2026-03-28T00:00:00Z")"), ElementsAre("b"));
  EXPECT_THAT(Select(R"(update_time >= "2026-03-28T00:00:00.000000Z")"), ElementsAre("a", "b"));
}

TEST_F(FilterSqlTest, LocalDates) {
  EXPECT_THAT(Select(R"(opened_date = "2025-12-31")"), ElementsAre("d"));
  EXPECT_THAT(Select(R"(opened_date != "2025-12-31")"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Select(R"(opened_date < "2020-01-15")"), ElementsAre("c"));
  EXPECT_THAT(Select(R"(opened_date <= "2020-01-15")"), ElementsAre("a", "c"));
  EXPECT_THAT(Select(R"(opened_date > "2021-06-01")"), ElementsAre("d"));
  EXPECT_THAT(Select(R"(opened_date >= "2020-01-15")"), ElementsAre("a", "b", "d"));
}

TEST_F(FilterSqlTest, RepeatedTextContainsAWholeValueInItsCase) {
  EXPECT_THAT(Select(R"(specialties: "cardiology")"), ElementsAre("a"));
  EXPECT_THAT(Select(R"(specialties: "Cardiology")"), ElementsAre("c"));
  EXPECT_THAT(Select(R"(specialties: "geriatrics")"), ElementsAre("a"));
  EXPECT_THAT(Select(R"(specialties: "geri")"), IsEmpty());
  EXPECT_THAT(Select(R"(specialties: "a|b")"), ElementsAre("d"));
  EXPECT_THAT(Select(R"(specialties: "a")"), IsEmpty());
  EXPECT_THAT(Select(R"(specialties: "%")"), IsEmpty());
}

TEST_F(FilterSqlTest, RepeatedEnumsContainAValue) {
  EXPECT_THAT(Select("tracks: TRACK_ACUTE"), ElementsAre("a"));
  EXPECT_THAT(Select("tracks: TRACK_SEMI_ACUTE"), ElementsAre("b"));
  EXPECT_THAT(Select("tracks: TRACK_ACCESSIBLE_PRIMARY_CARE"), ElementsAre("d"));
  EXPECT_THAT(Select("tracks: TRACK_ACUTE OR tracks: TRACK_SEMI_ACUTE"), ElementsAre("a", "b"));
}

TEST(FilterTest, MentionsTheFieldsItHasTermsOn) {
  absl::StatusOr<Filter> filter =
      Filter::Parse("state = LINE_STATE_ACTIVE OR beds > 1 AND on_call = true", Fields());
  ASSERT_TRUE(filter.ok()) << filter.status();
  EXPECT_FALSE(filter->empty());
  EXPECT_TRUE(filter->Mentions("state"));
  EXPECT_TRUE(filter->Mentions("beds"));
  EXPECT_TRUE(filter->Mentions("on_call"));
  EXPECT_FALSE(filter->Mentions("display_name"));
}

TEST(FilterTest, ValuesAreParametersNeverSql) {
  absl::StatusOr<Filter> filter =
      Filter::Parse(R"(hsa_id = "x' OR '1' = '1" AND beds = 3)", Fields());
  ASSERT_TRUE(filter.ok()) << filter.status();
  SqlCondition where = filter->ToSql();
  EXPECT_EQ(where.sql, "hsa_id = ? AND beds = ?");
  EXPECT_THAT(where.params, ElementsAre(sql::Value("x' OR '1' = '1"), sql::Value(3)));
}

TEST(FilterTest, EscapedQuotesAndBackslashesAreResolved) {
  absl::StatusOr<Filter> filter = Filter::Parse(R"(hsa_id = "a\"b\\c")", Fields());
  ASSERT_TRUE(filter.ok()) << filter.status();
  EXPECT_THAT(filter->ToSql().params, ElementsAre(sql::Value("a\"b\\c")));
}

void ExpectInvalidFilter(absl::string_view text, absl::string_view message_part = "") {
  absl::StatusOr<Filter> filter = Filter::Parse(text, Fields());
  ASSERT_FALSE(filter.ok()) << text;
  EXPECT_EQ(filter.status().code(), absl::StatusCode::kInvalidArgument) << text;
  EXPECT_EQ(ReasonOf(filter.status()), "INVALID_FILTER") << text;
  EXPECT_EQ(FieldOf(filter.status()), "filter") << text;
  EXPECT_THAT(filter.status().message(), HasSubstr(message_part)) << text;
}

TEST(FilterTest, MalformedTextIsRefused) {
  for (absl::string_view text :
       {"beds", "beds =", "= 3", "beds = 1 AND", "AND beds = 1", "beds = 1 OR OR beds = 2",
        "beds = 1 beds = 2", "(beds = 1)", "NOT beds = 1", "beds ! 1", "beds = = 1",
        R"(hsa_id = "open)", R"(hsa_id = "bad \n escape")", "beds = 1;"}) {
    ExpectInvalidFilter(text);
  }
  ExpectInvalidFilter("beds = 1 and beds = 2", "upper case");
  ExpectInvalidFilter("beds = 1 AND beds = 2 x", "position 23");
}

TEST(FilterTest, AnUnknownFieldIsNamed) {
  ExpectInvalidFilter("beds = 1 AND colour = 3", "unknown field \"colour\" at position 14");
}

TEST(FilterTest, AnOperatorTheFieldDoesNotTakeIsRefused) {
  for (absl::string_view text :
       {"state : LINE_STATE_ACTIVE", "state < LINE_STATE_ACTIVE", "on_call > false",
        R"(hsa_id: "SE")", R"(display_name < "a")", R"(specialties = "cardiology")",
        "tracks = TRACK_ACUTE", "beds: 1", R"(update_time: "2026-03-28T00:00:00Z")"}) {
    ExpectInvalidFilter(text, "does not take");
  }
}

TEST(FilterTest, AValueOfTheWrongTypeIsRefused) {
  for (absl::string_view text :
       {R"(state = "LINE_STATE_ACTIVE")", "state = LINE_STATE_OPEN", "state = TRACK_ACUTE",
        "state = 2", "tracks: LINE_STATE_ACTIVE", "on_call = yes", R"(on_call = "true")",
        "on_call = 1", R"(beds = "10")", "beds = 1.5", "beds = 99999999999999999999",
        "beds = --1", "beds = -", R"(update_time > "yesterday")", R"(update_time > "2026-03-28")",
        "update_time > 2026", R"(update_time > "2026-03-28T00:00:00.0000001Z")",
        R"(opened_date = "2026-02-30")", R"(opened_date = "2026-5-1")",
        R"(opened_date = "-026-05-01")", "opened_date = 20260501", "hsa_id = SE2321000057",
        R"(display_name: SE)", "specialties: cardiology"}) {
    ExpectInvalidFilter(text, "must be");
  }
  ExpectInvalidFilter("state = LINE_STATE_OPEN", "LINE_STATE_ACTIVE");
}

TEST(FilterTest, MessagesNeverQuoteAStringValue) {
  absl::StatusOr<Filter> filter = Filter::Parse(R"(beds = "Lindqvist")", Fields());
  ASSERT_FALSE(filter.ok());
  EXPECT_THAT(filter.status().message(), Not(HasSubstr("Lindqvist")));
  EXPECT_THAT(filter.status().message(), HasSubstr("position 8"));
}

TEST(FilterTest, PersonnummerShapedValuesAreRefusedWithoutEchoingThem) {
  std::vector<std::string> numbers = {"19121212-1212", "121212-1212", "191212121212"};
  for (const std::string& number : samspar::testing::SkatteverketTestNumbers(2)) {
    for (const std::string& form : samspar::testing::WrittenForms(number)) numbers.push_back(form);
  }
  for (const std::string& number : numbers) {
    for (const std::string& text :
         {absl::StrCat("display_name: \"", number, "\""), absl::StrCat("beds = ", number),
          absl::StrCat("hsa_id = \"SE ", number, "\" AND beds = 1"),
          absl::StrCat("beds = 1 OR no_such_field = ", number),
          absl::StrCat("hsa_id = \"", number)}) {
      absl::StatusOr<Filter> filter = Filter::Parse(text, Fields());
      ASSERT_FALSE(filter.ok()) << text;
      EXPECT_EQ(ReasonOf(filter.status()), "INVALID_FILTER") << text;
      EXPECT_THAT(filter.status().message(), HasSubstr("personal identity number"));
      for (char c : filter.status().message()) {
        EXPECT_FALSE(absl::ascii_isdigit(static_cast<unsigned char>(c)))
            << text << " -> " << filter.status().message();
      }
    }
  }
}

TEST(FilterTest, LengthIsCappedAt2000Characters) {
  const std::string prefix = "hsa_id = \"";
  const std::string fits(2000 - prefix.size() - 1, 'x');
  EXPECT_TRUE(Filter::Parse(prefix + fits + "\"", Fields()).ok());
  ExpectInvalidFilter(prefix + fits + "x\"", "2000 characters");
  // Characters, not bytes: 1000 letters å are 2000 bytes.
  std::string swedish;
  for (int i = 0; i < 1000; ++i) swedish += "å";
  EXPECT_TRUE(Filter::Parse(prefix + swedish + "\"", Fields()).ok());
}

TEST(FilterTest, TermsAreCappedAt50) {
  std::string fifty = "beds = 0";
  for (int i = 1; i < 50; ++i) absl::StrAppend(&fifty, i % 2 ? " OR" : " AND", " beds = ", i);
  EXPECT_TRUE(Filter::Parse(fifty, Fields()).ok());
  ExpectInvalidFilter(fifty + " OR beds = 50", "50 terms");
}

TEST(FilterTest, InvalidUtf8IsRefused) {
  ExpectInvalidFilter("hsa_id = \"\xff\"", "UTF-8");
  ExpectInvalidFilter("hsa_id = \"\xC3\"", "UTF-8");
  ExpectInvalidFilter("hsa_id = \"\xED\xA0\x80\"", "UTF-8");
}

TEST(FilterTest, AFieldTableLackingWhatAKindNeedsIsAnInternalError) {
  const FilterField searchable_without_fold[] = {
      {.name = "display_name", .kind = FieldKind::kSearchableText, .column = "display_name"}};
  EXPECT_EQ(Filter::Parse("", searchable_without_fold).status().code(),
            absl::StatusCode::kInternal);
  const FilterField enum_without_type[] = {
      {.name = "state", .kind = FieldKind::kEnum, .column = "state"}};
  EXPECT_EQ(Filter::Parse("state = LINE_STATE_ACTIVE", enum_without_type).status().code(),
            absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace samspar::api
