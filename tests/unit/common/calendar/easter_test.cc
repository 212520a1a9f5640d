#include "common/calendar/easter.h"

#include <fstream>
#include <string>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace samspar::calendar {
namespace {

TEST(EasterSunday, WellKnownDates) {
  EXPECT_EQ(EasterSunday(2024), absl::CivilDay(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), absl::CivilDay(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2026), absl::CivilDay(2026, 4, 5));
  // The extremes of the range: as early as 22 March, as late as 25 April.
  EXPECT_EQ(EasterSunday(2285), absl::CivilDay(2285, 3, 22));
  EXPECT_EQ(EasterSunday(2038), absl::CivilDay(2038, 4, 25));
}

// easter_dates.txt was generated with `ncal -e YEAR` (the BSD calendar tool,
// Debian package ncal) for 1900 to 2100: an implementation independent of
// ours. Lines starting with '#' are comments.
TEST(EasterSunday, MatchesNcalFrom1900To2100) {
  std::ifstream table(SAMSPAR_CALENDAR_TEST_DIR "/easter_dates.txt");
  ASSERT_TRUE(table.is_open()) << "easter_dates.txt not found";
  absl::civil_year_t expected_year = 1900;
  std::string line;
  while (std::getline(table, line)) {
    if (line.empty() || line.front() == '#') continue;
    absl::CivilDay easter;
    ASSERT_TRUE(absl::ParseCivilTime(line, &easter)) << "bad line: " << line;
    ASSERT_EQ(easter.year(), expected_year) << "table out of order at " << line;
    EXPECT_EQ(EasterSunday(easter.year()), easter);
    ++expected_year;
  }
  EXPECT_EQ(expected_year, 2101) << "table does not reach 2100";
}

TEST(EasterSunday, IsASundayBetween22MarchAnd25AprilInEveryYear) {
  for (absl::civil_year_t year = 1583; year <= 10000; ++year) {
    const absl::CivilDay easter = EasterSunday(year);
    ASSERT_EQ(absl::GetWeekday(easter), absl::Weekday::sunday) << year;
    ASSERT_GE(easter, absl::CivilDay(year, 3, 22)) << year;
    ASSERT_LE(easter, absl::CivilDay(year, 4, 25)) << year;
  }
}

// The Gregorian Easter dates repeat every 5,700,000 years; years before the
// reform (and before year 1) follow the same cycle rather than garbage.
TEST(EasterSunday, ProlepticYearsFollowTheGregorianCycle) {
  constexpr absl::civil_year_t kCycle = 5'700'000;
  for (absl::civil_year_t year = -500; year <= 500; ++year) {
    const absl::CivilDay easter = EasterSunday(year);
    const absl::CivilDay later = EasterSunday(year + kCycle);
    ASSERT_EQ(easter.month(), later.month()) << year;
    ASSERT_EQ(easter.day(), later.day()) << year;
    ASSERT_EQ(absl::GetWeekday(easter), absl::Weekday::sunday) << year;
  }
}

}  // namespace
}  // namespace samspar::calendar
