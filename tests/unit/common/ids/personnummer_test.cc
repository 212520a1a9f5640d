#include "common/ids/personnummer.h"

#include <ostream>
#include <string>
#include <type_traits>

#include "absl/hash/hash_testing.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::ids {
namespace {

using ::testing::Optional;

// A fixed "today" so that the century of 10-digit forms is deterministic.
const absl::CivilDay kToday(2026, 11, 24);

// Identity numbers must not slip into logs or strings by accident.
template <typename T>
concept Streamable = requires(std::ostream& out, const T& value) {
  out << value;
};
static_assert(!Streamable<Personnummer>);
static_assert(!std::is_convertible_v<Personnummer, std::string>);
static_assert(!std::is_default_constructible_v<Personnummer>);

std::string CanonicalOf(absl::string_view text) {
  absl::StatusOr<Personnummer> parsed = Personnummer::Parse(text, kToday);
  if (!parsed.ok()) return std::string(parsed.status().message());
  return parsed->canonical();
}

struct FormCase {
  const char* text;
  const char* canonical;

  friend void PrintTo(const FormCase& c, std::ostream* out) { *out << c.text; }
};

class AcceptedFormTest : public ::testing::TestWithParam<FormCase> {};

TEST_P(AcceptedFormTest, ParsesToCanonicalForm) {
  EXPECT_EQ(CanonicalOf(GetParam().text), GetParam().canonical);
}

INSTANTIATE_TEST_SUITE_P(
    Personnummer, AcceptedFormTest,
    ::testing::Values(FormCase{"19121212-1212", "191212121212"},
                      FormCase{"191212121212", "191212121212"},
                      FormCase{"19121212+1212", "191212121212"},
                      FormCase{"121212+1212", "191212121212"},
                      FormCase{"121212-1212", "201212121212"},
                      FormCase{"1212121212", "201212121212"},
                      FormCase{"19730288-9931", "197302889931"}));

// Around the reference date 2026-11-24: a 10-digit form names the most
// recent matching birth date that is not in the future; '+' is written from
// the calendar year in which the person turns 100.
class CenturyTest : public ::testing::TestWithParam<FormCase> {};

TEST_P(CenturyTest, InfersCenturyFromToday) {
  EXPECT_EQ(CanonicalOf(GetParam().text), GetParam().canonical);
}

INSTANTIATE_TEST_SUITE_P(
    Personnummer, CenturyTest,
    ::testing::Values(
        FormCase{"261124-1239", "202611241239"},  // born today
        FormCase{"2611241239", "202611241239"},
        FormCase{"261125-1238", "192611251238"},  // 99 until tomorrow
        FormCase{"261125+1238", "192611251238"},  // turns 100 this year
        FormCase{"261124+1239", "192611241239"},  // 100 today
        FormCase{"271125-1237", "192711251237"},
        FormCase{"271125+1237", "182711251237"},
        FormCase{"991231-1231", "199912311231"},
        FormCase{"000229-1235", "200002291235"}));

TEST(PersonnummerTest, GivesDisplayAndMaskedForms) {
  absl::StatusOr<Personnummer> parsed =
      Personnummer::Parse("121212+1212", kToday);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->Display(), "19121212-1212");
  EXPECT_EQ(parsed->Masked(), "19121212-****");
}

TEST(PersonnummerTest, TellsPersonnummerFromSamordningsnummer) {
  absl::StatusOr<Personnummer> personnummer =
      Personnummer::Parse("20000229-2399", kToday);
  ASSERT_TRUE(personnummer.ok()) << personnummer.status();
  EXPECT_EQ(personnummer->kind(), PersonnummerKind::kPersonnummer);
  EXPECT_EQ(personnummer->birth_date(), absl::CivilDay(2000, 2, 29));

  absl::StatusOr<Personnummer> samordningsnummer =
      Personnummer::Parse("730288-9931", kToday);
  ASSERT_TRUE(samordningsnummer.ok()) << samordningsnummer.status();
  EXPECT_EQ(samordningsnummer->kind(), PersonnummerKind::kSamordningsnummer);
  EXPECT_EQ(samordningsnummer->birth_date(), absl::CivilDay(1973, 2, 28));
  EXPECT_EQ(samordningsnummer->canonical(), "197302889931");
  EXPECT_EQ(samordningsnummer->Masked(), "19730288-****");
}

TEST(PersonnummerTest, BirthDateOfTheHundredYearOldIsACenturyEarlier) {
  absl::StatusOr<Personnummer> parsed =
      Personnummer::Parse("261125+1238", kToday);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->birth_date(), absl::CivilDay(1926, 11, 25));
}

TEST(PersonnummerTest, DefaultsToTodaysDate) {
  // Reads as 1912 in any year from 2013 to 2111.
  absl::StatusOr<Personnummer> parsed = Personnummer::Parse("121212+1212");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->canonical(), "191212121212");
}

TEST(PersonnummerTest, SamePersonInAnyFormIsEqual) {
  absl::StatusOr<Personnummer> separated =
      Personnummer::Parse("121212+1212", kToday);
  absl::StatusOr<Personnummer> compact =
      Personnummer::Parse("191212121212", kToday);
  absl::StatusOr<Personnummer> other =
      Personnummer::Parse("121212-1212", kToday);
  ASSERT_TRUE(separated.ok() && compact.ok() && other.ok());
  EXPECT_TRUE(*separated == *compact);
  EXPECT_FALSE(*separated == *other);
  EXPECT_TRUE(absl::VerifyTypeImplementsAbslHashCorrectly(
      {*separated, *compact, *other}));
}

struct RejectCase {
  const char* text;
  absl::string_view reason;

  friend void PrintTo(const RejectCase& c, std::ostream* out) {
    *out << '"' << c.text << '"';
  }
};

class RejectedTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(RejectedTest, RejectsWithReasonAndWithoutEchoingDigits) {
  absl::StatusOr<Personnummer> parsed =
      Personnummer::Parse(GetParam().text, kToday);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ReasonOf(parsed.status()),
              Optional(std::string(GetParam().reason)));
  EXPECT_TRUE(absl::StartsWith(parsed.status().message(), "personnummer: "))
      << parsed.status().message();
  for (char c : parsed.status().message()) {
    EXPECT_FALSE(absl::ascii_isdigit(static_cast<unsigned char>(c)))
        << parsed.status().message();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Format, RejectedTest,
    ::testing::Values(RejectCase{"", kPersonnummerBadFormat},
                      RejectCase{"20150916-0006", kPersonnummerBadFormat},
                      RejectCase{"121212-121", kPersonnummerBadFormat},
                      RejectCase{"19121212-12120", kPersonnummerBadFormat},
                      RejectCase{"191212121212 ", kPersonnummerBadFormat},
                      RejectCase{" 191212121212", kPersonnummerBadFormat},
                      RejectCase{"19121212 1212", kPersonnummerBadFormat},
                      RejectCase{"121212 1212", kPersonnummerBadFormat},
                      RejectCase{"19121212_1212", kPersonnummerBadFormat},
                      RejectCase{"19121212--212", kPersonnummerBadFormat},
                      RejectCase{"1912-12-12-1212", kPersonnummerBadFormat},
                      RejectCase{"12121x-1212", kPersonnummerBadFormat},
                      RejectCase{"121212-12a2", kPersonnummerBadFormat},
                      RejectCase{"20000101-E221", kPersonnummerBadFormat},
                      // '+' in the 12-digit form for someone under 100
                      RejectCase{"19271125+1237", kPersonnummerBadFormat},
                      RejectCase{"20121212+1212", kPersonnummerBadFormat}));

INSTANTIATE_TEST_SUITE_P(
    CheckDigit, RejectedTest,
    ::testing::Values(RejectCase{"19121212-1213", kPersonnummerBadCheckDigit},
                      RejectCase{"1212121213", kPersonnummerBadCheckDigit},
                      RejectCase{"730288-9932", kPersonnummerBadCheckDigit}));

INSTANTIATE_TEST_SUITE_P(
    Date, RejectedTest,
    ::testing::Values(RejectCase{"19000229-1235", kPersonnummerBadDate},
                      RejectCase{"000229+1235", kPersonnummerBadDate},
                      RejectCase{"010229-1234", kPersonnummerBadDate},
                      RejectCase{"190229-1234", kPersonnummerBadDate},
                      RejectCase{"200230-1238", kPersonnummerBadDate},
                      RejectCase{"201301-1230", kPersonnummerBadDate},
                      RejectCase{"200001-1235", kPersonnummerBadDate},
                      RejectCase{"200100-1235", kPersonnummerBadDate},
                      // samordningsnummer for February 32nd
                      RejectCase{"730292-1239", kPersonnummerBadDate},
                      RejectCase{"17991231-1231", kPersonnummerBadDate}));

INSTANTIATE_TEST_SUITE_P(
    Future, RejectedTest,
    ::testing::Values(RejectCase{"20261125-1238", kPersonnummerFutureDate},
                      RejectCase{"20261126-1237", kPersonnummerFutureDate}));

INSTANTIATE_TEST_SUITE_P(
    NotAPersonnummer, RejectedTest,
    ::testing::Values(
        RejectCase{"20000101-T220", kPersonnummerInterim},
        RejectCase{"000101T220", kPersonnummerInterim},
        RejectCase{"20000101-t220", kPersonnummerInterim},
        RejectCase{"857209-0606", kPersonnummerOrganisationNumber},
        RejectCase{"8572090606", kPersonnummerOrganisationNumber},
        RejectCase{"168572090606", kPersonnummerOrganisationNumber},
        RejectCase{"16857209-0606", kPersonnummerOrganisationNumber}));

}  // namespace
}  // namespace samspar::ids
