#include "common/calendar/weekday_hours.h"

#include "absl/time/time.h"
#include "calendar_testing.h"
#include "gtest/gtest.h"

namespace samspar::calendar {
namespace {

using testutil::Hours;
using testutil::Local;
using testutil::Stockholm;
using testutil::Utc;

TEST(IsWithinWeekdayHours, OfficeHoursOnAnOrdinaryWeekday) {
  const LocalHours office = Hours({8, 0}, {17, 0});
  EXPECT_TRUE(IsWithinWeekdayHours(Local(2026, 11, 24, 10, 0), office, Stockholm()));
  EXPECT_TRUE(IsWithinWeekdayHours(Local(2026, 11, 24, 8, 0), office, Stockholm()));
  EXPECT_TRUE(IsWithinWeekdayHours(Local(2026, 11, 24, 16, 59), office, Stockholm()));
  EXPECT_FALSE(IsWithinWeekdayHours(Local(2026, 11, 24, 17, 0), office, Stockholm()));
  EXPECT_FALSE(IsWithinWeekdayHours(Local(2026, 11, 24, 7, 59), office, Stockholm()));
}

TEST(IsWithinWeekdayHours, ClosedOnWeekendsHolidaysAndEves) {
  const LocalHours office = Hours({8, 0}, {17, 0});
  EXPECT_FALSE(IsWithinWeekdayHours(Local(2026, 11, 28, 10, 0), office, Stockholm()));  // Sat
  EXPECT_FALSE(IsWithinWeekdayHours(Local(2026, 12, 24, 10, 0), office, Stockholm()));  // Thu
  EXPECT_FALSE(IsWithinWeekdayHours(Local(2026, 5, 14, 10, 0), office, Stockholm()));
}

TEST(IsWithinWeekdayHours, SummerTimeIsLocalToo) {
  // 08:30 in Stockholm in July is 06:30 UTC.
  const LocalHours office = Hours({8, 0}, {17, 0});
  EXPECT_TRUE(IsWithinWeekdayHours(Utc(2026, 7, 1, 6, 30), office, Stockholm()));
  EXPECT_FALSE(IsWithinWeekdayHours(Utc(2026, 7, 1, 15, 30), office, Stockholm()));
}

TEST(IsWithinWeekdayHours, OvernightHoursBelongToTheDayTheyStart) {
  const LocalHours nights = Hours({16, 0}, {8, 0});
  EXPECT_TRUE(IsWithinWeekdayHours(Local(2026, 11, 28, 3, 0), nights, Stockholm()));   // Fri's
  EXPECT_FALSE(IsWithinWeekdayHours(Local(2026, 11, 29, 3, 0), nights, Stockholm()));  // Sat's
  EXPECT_TRUE(IsWithinWeekdayHours(Local(2026, 12, 24, 7, 0), nights, Stockholm()));   // Wed's
  EXPECT_FALSE(IsWithinWeekdayHours(Local(2026, 12, 24, 20, 0), nights, Stockholm()));
}

TEST(NextOpening, AfterFridayEveningIsMondayMorning) {
  EXPECT_EQ(NextOpening(Local(2026, 12, 18, 18, 0), Hours({8, 0}, {17, 0}), Stockholm()),
            Utc(2026, 12, 21, 7, 0));
}

TEST(NextOpening, SkipsChristmas) {
  // 24-26 December are holidays and the 27th a Sunday.
  EXPECT_EQ(NextOpening(Local(2026, 12, 23, 18, 0), Hours({8, 0}, {17, 0}), Stockholm()),
            Utc(2026, 12, 28, 7, 0));
}

TEST(NextOpening, SkipsEasterAndNewYear) {
  const LocalHours office = Hours({8, 0}, {17, 0});
  // Thursday before Easter: Good Friday to Easter Monday are closed; summer time by then.
  EXPECT_EQ(NextOpening(Local(2026, 4, 2, 17, 30), office, Stockholm()), Utc(2026, 4, 7, 6, 0));
  EXPECT_EQ(NextOpening(Local(2026, 12, 30, 18, 0), office, Stockholm()), Utc(2027, 1, 4, 7, 0));
}

TEST(NextOpening, OpeningExactlyNowIsNowAndAnOpenDayMeansTomorrow) {
  const LocalHours office = Hours({8, 0}, {17, 0});
  EXPECT_EQ(NextOpening(Local(2026, 11, 24, 8, 0), office, Stockholm()), Local(2026, 11, 24, 8, 0));
  EXPECT_EQ(NextOpening(Local(2026, 11, 24, 7, 0), office, Stockholm()), Local(2026, 11, 24, 8, 0));
  EXPECT_EQ(NextOpening(Local(2026, 11, 24, 10, 0), office, Stockholm()),
            Local(2026, 11, 25, 8, 0));
}

TEST(NextOpening, AcrossTheSpringClockChange) {
  // Saturday before the change: Monday 08:00 is already summer time.
  EXPECT_EQ(NextOpening(Local(2026, 3, 28, 12, 0), Hours({8, 0}, {17, 0}), Stockholm()),
            Utc(2026, 3, 30, 6, 0));
}

}  // namespace
}  // namespace samspar::calendar
