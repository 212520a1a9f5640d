#include "services/roster/schedule/weekly_hours.h"

#include "gtest/gtest.h"
#include "tests/unit/roster/schedule/schedule_testing.h"

namespace samspar::roster {
namespace {

using testing::EveryDay;
using testing::Local;
using testing::MondayToFriday;
using testing::Stockholm;
using testing::Utc;

WeeklyHours OfficeHours() {  // weekdays 08:00-17:00 except public holidays
  return WeeklyHours({{MondayToFriday(), {8, 0}, {17, 0}}}, HolidayRule::kClosed);
}

TEST(WeeklyHoursTest, AroundTheClockCoversEverything) {
  calendar::Interval year{Local(2026, 1, 1, 0), Local(2027, 1, 1, 0)};
  EXPECT_EQ(WeeklyHours::AroundTheClock().CoveredIn(year, Stockholm()), IntervalSet{year});
}

TEST(WeeklyHoursTest, WeekdayHoursAreClosedOnPublicHolidaysAndWeekends) {
  WeeklyHours hours = OfficeHours();
  EXPECT_TRUE(hours.Covers(Local(2026, 4, 30, 8), Stockholm()));
  EXPECT_FALSE(hours.Covers(Local(2026, 4, 30, 17), Stockholm()));  // half-open
  EXPECT_FALSE(hours.Covers(Local(2026, 5, 1, 10), Stockholm()));   // 1 May, a Friday
  EXPECT_FALSE(hours.Covers(Local(2026, 5, 14, 10), Stockholm()));  // Ascension Day
  EXPECT_FALSE(hours.Covers(Local(2026, 12, 24, 10), Stockholm()));  // Christmas Eve
  EXPECT_FALSE(hours.Covers(Local(2026, 5, 2, 10), Stockholm()));   // Saturday
  // The week of 1 May: four days of nine hours.
  IntervalSet week = hours.CoveredIn({Local(2026, 4, 27, 0), Local(2026, 5, 4, 0)}, Stockholm());
  ASSERT_EQ(week.size(), 4u);
  EXPECT_EQ(week.back(), (calendar::Interval{Local(2026, 4, 30, 8), Local(2026, 4, 30, 17)}));
}

TEST(WeeklyHoursTest, FridaysNightCoversSaturdayMorning) {
  WeeklyHours nights({{MondayToFriday(), {16, 0}, {8, 0}}}, HolidayRule::kClosed);
  EXPECT_TRUE(nights.Covers(Local(2026, 3, 28, 7, 59), Stockholm()));  // Saturday morning
  EXPECT_FALSE(nights.Covers(Local(2026, 3, 28, 8), Stockholm()));
  EXPECT_FALSE(nights.Covers(Local(2026, 3, 28, 20), Stockholm()));  // Saturday night
  EXPECT_FALSE(nights.Covers(Local(2026, 3, 29, 7), Stockholm()));   // Sunday morning
  // Maundy Thursday's night runs into Good Friday, which has none of its own.
  EXPECT_TRUE(nights.Covers(Local(2026, 4, 3, 7), Stockholm()));
  EXPECT_FALSE(nights.Covers(Local(2026, 4, 3, 20), Stockholm()));
}

TEST(WeeklyHoursTest, OvernightWindowsKeepTheirWallClockEndsWhenTheClocksChange) {
  WeeklyHours nights({{EveryDay(), {16, 0}, {8, 0}}}, HolidayRule::kIgnore);
  IntervalSet spring = nights.CoveredIn({Local(2026, 3, 28, 12), Local(2026, 3, 29, 12)}, Stockholm());
  ASSERT_EQ(spring.size(), 1u);
  EXPECT_EQ(spring[0].length(), absl::Hours(15));
  IntervalSet autumn = nights.CoveredIn({Local(2026, 10, 24, 12), Local(2026, 10, 25, 12)}, Stockholm());
  ASSERT_EQ(autumn.size(), 1u);
  EXPECT_EQ(autumn[0].length(), absl::Hours(17));
}

TEST(WeeklyHoursTest, MidnightAsEndAndFullDayWindows) {
  WeeklyHours evenings({{EveryDay(), {17, 0}, {24, 0}}}, HolidayRule::kIgnore);
  IntervalSet one = evenings.CoveredIn({Local(2026, 6, 1, 0), Local(2026, 6, 2, 0)}, Stockholm());
  EXPECT_EQ(one, (IntervalSet{{Local(2026, 6, 1, 17), Local(2026, 6, 2, 0)}}));
  WeeklyHours saturdays({{{absl::Weekday::saturday}, {8, 0}, {8, 0}}}, HolidayRule::kIgnore);
  IntervalSet day = saturdays.CoveredIn({Local(2026, 6, 1, 0), Local(2026, 6, 8, 0)}, Stockholm());
  EXPECT_EQ(day, (IntervalSet{{Local(2026, 6, 6, 8), Local(2026, 6, 7, 8)}}));
}

TEST(WeeklyHoursTest, HolidaysCanKeepSundayHours) {
  WeeklyHours hours({{MondayToFriday(), {8, 0}, {17, 0}}, {{absl::Weekday::sunday}, {10, 0}, {14, 0}}},
                    HolidayRule::kAsSunday);
  EXPECT_TRUE(hours.Covers(Local(2026, 5, 1, 11), Stockholm()));
  EXPECT_FALSE(hours.Covers(Local(2026, 5, 1, 9), Stockholm()));
}

TEST(WeeklyHoursTest, NextOpeningSkipsTheEasterWeekend) {
  WeeklyHours hours = OfficeHours();
  EXPECT_EQ(hours.NextOpening(Local(2026, 4, 2, 17), Stockholm()), Local(2026, 4, 7, 8));
  EXPECT_EQ(hours.NextOpening(Local(2026, 4, 7, 9), Stockholm()), Local(2026, 4, 7, 9));
  WeeklyHours never({}, HolidayRule::kIgnore);
  EXPECT_EQ(never.NextOpening(Utc(2026, 1, 1, 0), Stockholm()), absl::InfiniteFuture());
}

}  // namespace
}  // namespace samspar::roster
