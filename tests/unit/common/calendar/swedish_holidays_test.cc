#include "common/calendar/swedish_holidays.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::calendar {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> DatesOf(const std::vector<Holiday>& holidays) {
  std::vector<std::string> dates;
  for (const Holiday& holiday : holidays) dates.push_back(absl::FormatCivilTime(holiday.day));
  return dates;
}

TEST(HolidaysOf, Year2026IsCompleteAndExact) {
  EXPECT_THAT(DatesOf(HolidaysOf(2026)),
              ElementsAre("2026-01-01", "2026-01-06", "2026-04-03", "2026-04-04", "2026-04-05",
                          "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-23", "2026-05-24",
                          "2026-06-06", "2026-06-19", "2026-06-20", "2026-10-31", "2026-12-24",
                          "2026-12-25", "2026-12-26", "2026-12-31"));
}

TEST(HolidaysOf, OnlyTheEvesAreDeFacto) {
  std::vector<std::string> eves;
  for (const Holiday& holiday : HolidaysOf(2026)) {
    if (holiday.kind == HolidayKind::kDeFactoHoliday) {
      eves.push_back(std::string(holiday.swedish_name));
    }
  }
  EXPECT_THAT(eves,
              ElementsAre("Påskafton", "Pingstafton", "Midsommarafton", "Julafton", "Nyårsafton"));
}

TEST(HolidaysOf, NamesInSwedishAndEnglish) {
  const std::optional<Holiday> ascension = HolidayOn(absl::CivilDay(2026, 5, 14));
  ASSERT_TRUE(ascension.has_value());
  EXPECT_EQ(ascension->swedish_name, "Kristi himmelsfärdsdag");
  EXPECT_EQ(ascension->english_name, "Ascension Day");
  EXPECT_EQ(ascension->kind, HolidayKind::kPublicHoliday);

  const std::optional<Holiday> midsummer_eve = HolidayOn(absl::CivilDay(2026, 6, 19));
  ASSERT_TRUE(midsummer_eve.has_value());
  EXPECT_EQ(midsummer_eve->swedish_name, "Midsommarafton");
  EXPECT_EQ(midsummer_eve->english_name, "Midsummer Eve");
  EXPECT_EQ(midsummer_eve->kind, HolidayKind::kDeFactoHoliday);
}

TEST(HolidaysOf, Year2027FollowsItsOwnEasterAndWeekdays) {
  // Easter 2027 is 28 March; midsummer and All Saints' fall at the end of
  // their ranges.
  EXPECT_THAT(DatesOf(HolidaysOf(2027)),
              ElementsAre("2027-01-01", "2027-01-06", "2027-03-26", "2027-03-27", "2027-03-28",
                          "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-15", "2027-05-16",
                          "2027-06-06", "2027-06-25", "2027-06-26", "2027-11-06", "2027-12-24",
                          "2027-12-25", "2027-12-26", "2027-12-31"));
}

TEST(HolidaysOf, MidsummerAndAllSaintsKeepTheirWeekdayRules) {
  for (absl::civil_year_t year = 1900; year <= 2100; ++year) {
    for (const Holiday& holiday : HolidaysOf(year)) {
      const absl::Weekday weekday = absl::GetWeekday(holiday.day);
      if (holiday.swedish_name == "Midsommarafton") {
        EXPECT_EQ(weekday, absl::Weekday::friday) << year;
        EXPECT_EQ(holiday.day.month(), 6) << year;
        EXPECT_TRUE(holiday.day.day() >= 19 && holiday.day.day() <= 25) << holiday.day;
      } else if (holiday.swedish_name == "Midsommardagen") {
        EXPECT_EQ(weekday, absl::Weekday::saturday) << year;
        EXPECT_EQ(holiday.day.month(), 6) << year;
        EXPECT_TRUE(holiday.day.day() >= 20 && holiday.day.day() <= 26) << holiday.day;
      } else if (holiday.swedish_name == "Alla helgons dag") {
        EXPECT_EQ(weekday, absl::Weekday::saturday) << year;
        EXPECT_TRUE(holiday.day >= absl::CivilDay(year, 10, 31) &&
                    holiday.day <= absl::CivilDay(year, 11, 6))
            << holiday.day;
      }
    }
  }
}

TEST(HolidaysOf, TwoHolidaysOnOneDayAreBothListed) {
  // Easter 2008 was 23 March, so Ascension Day fell on 1 May.
  const std::vector<Holiday> holidays = HolidaysOf(2008);
  EXPECT_EQ(holidays.size(), 18u);
  int on_first_of_may = 0;
  for (const Holiday& holiday : holidays) {
    if (holiday.day == absl::CivilDay(2008, 5, 1)) ++on_first_of_may;
  }
  EXPECT_EQ(on_first_of_may, 2);
}

TEST(HolidayOn, PrefersThePublicHolidayToAnEveOnTheSameDay) {
  // Easter 2071 is 19 April, so Whitsun Eve falls on National Day.
  const std::optional<Holiday> holiday = HolidayOn(absl::CivilDay(2071, 6, 6));
  ASSERT_TRUE(holiday.has_value());
  EXPECT_EQ(holiday->english_name, "National Day of Sweden");
  EXPECT_EQ(holiday->kind, HolidayKind::kPublicHoliday);
}

TEST(HolidayOn, OrdinaryDayIsNoHoliday) {
  EXPECT_FALSE(HolidayOn(absl::CivilDay(2026, 6, 18)).has_value());
  EXPECT_FALSE(HolidayOn(absl::CivilDay(2026, 11, 24)).has_value());
}

TEST(IsWeekday, MondayToFridayExceptHolidaysAndEves) {
  EXPECT_TRUE(IsWeekday(absl::CivilDay(2026, 11, 24)));   // Tuesday
  EXPECT_TRUE(IsWeekday(absl::CivilDay(2026, 12, 21)));   // Monday
  EXPECT_FALSE(IsWeekday(absl::CivilDay(2026, 11, 28)));  // Saturday
  EXPECT_FALSE(IsWeekday(absl::CivilDay(2026, 11, 29)));  // Sunday
  EXPECT_FALSE(IsWeekday(absl::CivilDay(2026, 12, 24)));  // Christmas Eve, a Thursday
  EXPECT_FALSE(IsWeekday(absl::CivilDay(2026, 6, 19)));   // Midsummer Eve, a Friday
  EXPECT_FALSE(IsWeekday(absl::CivilDay(2026, 5, 14)));   // Ascension Day, a Thursday
  EXPECT_FALSE(IsWeekday(absl::CivilDay(2026, 4, 6)));    // Easter Monday
  EXPECT_FALSE(IsWeekday(absl::CivilDay(2026, 12, 31)));  // New Year's Eve, a Thursday
}

TEST(NextWeekday, SkipsWeekendsAndHolidays) {
  EXPECT_EQ(NextWeekday(absl::CivilDay(2026, 11, 24)), absl::CivilDay(2026, 11, 25));
  EXPECT_EQ(NextWeekday(absl::CivilDay(2026, 12, 18)), absl::CivilDay(2026, 12, 21));
  EXPECT_EQ(NextWeekday(absl::CivilDay(2026, 12, 23)), absl::CivilDay(2026, 12, 28));
  EXPECT_EQ(NextWeekday(absl::CivilDay(2026, 4, 2)), absl::CivilDay(2026, 4, 7));
  EXPECT_EQ(NextWeekday(absl::CivilDay(2026, 12, 30)), absl::CivilDay(2027, 1, 4));
}

}  // namespace
}  // namespace samspar::calendar
