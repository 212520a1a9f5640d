#include "common/calendar/local_window.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "calendar_testing.h"
#include "gtest/gtest.h"

namespace samspar::calendar {
namespace {

using testutil::Stockholm;
using testutil::Utc;

// The night that starts on `day` at `start_hour` and ends at `end_hour` the
// next morning.
LocalWindow Night(absl::CivilDay day, int start_hour, int end_hour) {
  const absl::CivilDay next = day + 1;
  return LocalWindow{absl::CivilMinute(day.year(), day.month(), day.day(), start_hour, 0),
                     absl::CivilMinute(next.year(), next.month(), next.day(), end_hour, 0)};
}

absl::Duration LengthOf(const LocalWindow& window) {
  const absl::StatusOr<Interval> interval = ResolveWindow(window, Stockholm());
  EXPECT_TRUE(interval.ok()) << interval.status();
  return interval.ok() ? interval->length() : absl::ZeroDuration();
}

TEST(ResolveWindow, OvernightShiftIsShorterWhenTheClocksGoForward) {
  const absl::StatusOr<Interval> night =
      ResolveWindow(Night(absl::CivilDay(2026, 3, 28), 16, 8), Stockholm());
  ASSERT_TRUE(night.ok()) << night.status();
  EXPECT_EQ(*night, (Interval{Utc(2026, 3, 28, 15, 0), Utc(2026, 3, 29, 6, 0)}));
  EXPECT_EQ(night->length(), absl::Hours(15));
  EXPECT_EQ(LengthOf(Night(absl::CivilDay(2026, 3, 28), 20, 8)), absl::Hours(11));
}

TEST(ResolveWindow, OvernightShiftIsLongerWhenTheClocksGoBack) {
  const absl::StatusOr<Interval> night =
      ResolveWindow(Night(absl::CivilDay(2026, 10, 24), 16, 8), Stockholm());
  ASSERT_TRUE(night.ok()) << night.status();
  EXPECT_EQ(*night, (Interval{Utc(2026, 10, 24, 14, 0), Utc(2026, 10, 25, 7, 0)}));
  EXPECT_EQ(night->length(), absl::Hours(17));
  EXPECT_EQ(LengthOf(Night(absl::CivilDay(2026, 10, 24), 20, 8)), absl::Hours(13));
}

TEST(ResolveWindow, OrdinaryNightsAreSixteenHours) {
  EXPECT_EQ(LengthOf(Night(absl::CivilDay(2026, 3, 27), 16, 8)), absl::Hours(16));
  EXPECT_EQ(LengthOf(Night(absl::CivilDay(2026, 3, 29), 16, 8)), absl::Hours(16));
  EXPECT_EQ(LengthOf(Night(absl::CivilDay(2026, 10, 25), 16, 8)), absl::Hours(16));
  EXPECT_EQ(LengthOf(Night(absl::CivilDay(2026, 12, 31), 16, 8)), absl::Hours(16));
}

TEST(ResolveWindow, WindowInsideTheSkippedHourIsEmpty) {
  const absl::StatusOr<Interval> skipped = ResolveWindow(
      LocalWindow{absl::CivilMinute(2026, 3, 29, 2, 10), absl::CivilMinute(2026, 3, 29, 2, 50)},
      Stockholm());
  ASSERT_TRUE(skipped.ok()) << skipped.status();
  EXPECT_TRUE(skipped->empty());
}

TEST(ResolveWindow, EndNotAfterStartIsRejected) {
  const absl::CivilMinute eight(2026, 5, 4, 8, 0);
  const absl::StatusOr<Interval> backwards =
      ResolveWindow(LocalWindow{eight, eight - 60}, Stockholm());
  EXPECT_EQ(backwards.status().code(), absl::StatusCode::kInvalidArgument);
  const absl::StatusOr<Interval> empty = ResolveWindow(LocalWindow{eight, eight}, Stockholm());
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace samspar::calendar
