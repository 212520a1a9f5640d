#include "common/calendar/local_hours.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::calendar {
namespace {

using ::testing::HasSubstr;
using testutil::Hours;
using testutil::Stockholm;
using testutil::Utc;

TEST(LocalHours, DaytimeHoursStayOnTheirDay) {
  const LocalWindow window = Hours({8, 0}, {17, 0}).On(absl::CivilDay(2026, 11, 24));
  EXPECT_EQ(window.start, absl::CivilMinute(2026, 11, 24, 8, 0));
  EXPECT_EQ(window.end, absl::CivilMinute(2026, 11, 24, 17, 0));
}

TEST(LocalHours, OvernightHoursEndTheNextMorning) {
  const LocalWindow window = Hours({16, 0}, {8, 0}).On(absl::CivilDay(2026, 12, 31));
  EXPECT_EQ(window.start, absl::CivilMinute(2026, 12, 31, 16, 0));
  EXPECT_EQ(window.end, absl::CivilMinute(2027, 1, 1, 8, 0));
}

TEST(LocalHours, SameStartAndEndIsRoundTheClock) {
  const LocalWindow window = Hours({8, 0}, {8, 0}).On(absl::CivilDay(2026, 11, 24));
  EXPECT_EQ(window.end - window.start, 24 * 60);
}

TEST(LocalHours, KeepsTheGivenTimes) {
  const LocalHours hours = Hours({7, 45}, {16, 30});
  EXPECT_EQ(hours.start().hour, 7);
  EXPECT_EQ(hours.start().minute, 45);
  EXPECT_EQ(hours.end().hour, 16);
  EXPECT_EQ(hours.end().minute, 30);
}

TEST(LocalHours, RejectsWhatIsNotATimeOfDay) {
  const absl::StatusOr<LocalHours> midnight_as_24 = LocalHours::Create({16, 0}, {24, 0});
  EXPECT_EQ(midnight_as_24.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(midnight_as_24.status().message(), HasSubstr("end 24:00"));

  const absl::StatusOr<LocalHours> bad_minute = LocalHours::Create({8, 60}, {17, 0});
  EXPECT_EQ(bad_minute.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_minute.status().message(), HasSubstr("start"));

  EXPECT_FALSE(LocalHours::Create({-1, 0}, {17, 0}).ok());
  EXPECT_FALSE(LocalHours::Create({8, 0}, {17, -5}).ok());
}

TEST(OccurrenceOn, IsTheUtcIntervalOfThatDaysWindow) {
  EXPECT_EQ(OccurrenceOn(absl::CivilDay(2026, 10, 24), Hours({16, 0}, {8, 0}), Stockholm()),
            (Interval{Utc(2026, 10, 24, 14, 0), Utc(2026, 10, 25, 7, 0)}));
  EXPECT_EQ(OccurrenceOn(absl::CivilDay(2026, 11, 24), Hours({8, 0}, {17, 0}), Stockholm()),
            (Interval{Utc(2026, 11, 24, 7, 0), Utc(2026, 11, 24, 16, 0)}));
}

}  // namespace
}  // namespace samspar::calendar
