#include "common/calendar/daily_windows.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::calendar {
namespace {

using ::testing::ElementsAre;
using testutil::Hours;
using testutil::Local;
using testutil::Stockholm;
using testutil::Utc;

TEST(Occurrences, EveryNightOfTheWeekTheClocksGoForward) {
  // Monday 23 March to Monday 30 March 2026, local midnights.
  const Interval week{Local(2026, 3, 23, 0, 0), Local(2026, 3, 30, 0, 0)};
  const absl::StatusOr<std::vector<Interval>> nights =
      Occurrences(Hours({16, 0}, {8, 0}), Days::kEveryDay, week, Stockholm());
  ASSERT_TRUE(nights.ok()) << nights.status();
  // Sunday 22's night reaches into Monday; Sunday 29's starts before the range ends.
  ASSERT_EQ(nights->size(), 8u);
  EXPECT_EQ(nights->front().start, Local(2026, 3, 22, 16, 0));
  EXPECT_EQ(nights->back().start, Local(2026, 3, 29, 16, 0));
  std::vector<absl::Duration> lengths;
  for (const Interval& night : *nights) lengths.push_back(night.length());
  const absl::Duration h16 = absl::Hours(16);
  EXPECT_THAT(lengths, ElementsAre(h16, h16, h16, h16, h16, h16, absl::Hours(15), h16));
}

TEST(Occurrences, WeekdayNightsSkipTheChristmasHolidays) {
  // Monday 21 to Monday 28 December 2026: 24 (Thu) to 27 (Sun) are no vardagar.
  const Interval week{Local(2026, 12, 21, 0, 0), Local(2026, 12, 28, 0, 0)};
  const absl::StatusOr<std::vector<Interval>> nights =
      Occurrences(Hours({16, 0}, {8, 0}), Days::kWeekdaysOnly, week, Stockholm());
  ASSERT_TRUE(nights.ok()) << nights.status();
  EXPECT_THAT(*nights, ElementsAre(Interval{Utc(2026, 12, 21, 15, 0), Utc(2026, 12, 22, 7, 0)},
                                   Interval{Utc(2026, 12, 22, 15, 0), Utc(2026, 12, 23, 7, 0)},
                                   // Wednesday's night runs into Christmas Eve morning.
                                   Interval{Utc(2026, 12, 23, 15, 0), Utc(2026, 12, 24, 7, 0)}));
}

TEST(Occurrences, FridaysNightCoversSaturdayMorningButSaturdayHasNone) {
  const Interval weekend{Local(2026, 11, 28, 0, 0), Local(2026, 11, 30, 0, 0)};
  const absl::StatusOr<std::vector<Interval>> nights =
      Occurrences(Hours({16, 0}, {8, 0}), Days::kWeekdaysOnly, weekend, Stockholm());
  ASSERT_TRUE(nights.ok()) << nights.status();
  EXPECT_THAT(*nights,
              ElementsAre(Interval{Local(2026, 11, 27, 16, 0), Local(2026, 11, 28, 8, 0)}));
}

TEST(Occurrences, WeekdayOfficeHoursAroundChristmas) {
  const Interval fortnight{Local(2026, 12, 21, 0, 0), Local(2027, 1, 4, 0, 0)};
  const absl::StatusOr<std::vector<Interval>> days =
      Occurrences(Hours({8, 0}, {17, 0}), Days::kWeekdaysOnly, fortnight, Stockholm());
  ASSERT_TRUE(days.ok()) << days.status();
  std::vector<absl::Time> openings;
  for (const Interval& day : *days) openings.push_back(day.start);
  // 24-27 and 31 December, 1-3 January are closed.
  EXPECT_THAT(openings, ElementsAre(Local(2026, 12, 21, 8, 0), Local(2026, 12, 22, 8, 0),
                                    Local(2026, 12, 23, 8, 0), Local(2026, 12, 28, 8, 0),
                                    Local(2026, 12, 29, 8, 0), Local(2026, 12, 30, 8, 0)));
}

TEST(Occurrences, OccurrencesAreWholeEvenWhenTheRangeCutsThem) {
  const Interval from_two_am{Local(2026, 11, 25, 2, 0), Local(2026, 11, 25, 12, 0)};
  const absl::StatusOr<std::vector<Interval>> nights =
      Occurrences(Hours({16, 0}, {8, 0}), Days::kEveryDay, from_two_am, Stockholm());
  ASSERT_TRUE(nights.ok()) << nights.status();
  EXPECT_THAT(*nights,
              ElementsAre(Interval{Local(2026, 11, 24, 16, 0), Local(2026, 11, 25, 8, 0)}));
}

TEST(Occurrences, EmptyRangeHasNone) {
  const absl::Time inside_a_night = Local(2026, 11, 25, 2, 0);
  const absl::StatusOr<std::vector<Interval>> nights =
      Occurrences(Hours({16, 0}, {8, 0}), Days::kEveryDay, Interval{inside_a_night, inside_a_night},
                  Stockholm());
  ASSERT_TRUE(nights.ok()) << nights.status();
  EXPECT_TRUE(nights->empty());
}

TEST(Occurrences, RejectsBackwardsAndUnboundedRanges) {
  const LocalHours hours = Hours({8, 0}, {17, 0});
  const absl::Time now = Local(2026, 11, 24, 10, 0);
  EXPECT_EQ(Occurrences(hours, Days::kEveryDay, Interval{now, now - absl::Hours(1)}, Stockholm())
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Occurrences(hours, Days::kEveryDay, Interval{now, absl::InfiniteFuture()}, Stockholm())
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace samspar::calendar
