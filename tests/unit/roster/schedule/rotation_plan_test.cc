#include "services/roster/schedule/rotation_plan.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/roster/schedule/schedule_testing.h"

namespace samspar::roster {
namespace {

using testing::Local;
using testing::MondayToFriday;
using testing::Rotation;
using testing::Stockholm;
using testing::Utc;

const WeeklyHours kAllHours = WeeklyHours::AroundTheClock();

std::vector<Duty> Duties(const RotationPlan& plan, absl::Time from, absl::Time to) {
  return plan.DutiesOverlapping({from, to});
}

// Consecutive duties share their boundary: no gap, no overlap.
void ExpectSeamless(const std::vector<Duty>& duties) {
  for (size_t i = 1; i < duties.size(); ++i) {
    EXPECT_EQ(duties[i - 1].interval.end, duties[i].interval.start) << "between duty " << i - 1 << " and " << i;
  }
}

TEST(RotationPlanTest, DailyHandoverAtEightFollowsTheWallClockInSpring) {
  RotationPlan plan(Rotation({"A", "B", "C"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 3, 27)), kAllHours,
                    Stockholm());
  std::vector<Duty> duties = Duties(plan, Local(2026, 3, 27, 8), Local(2026, 3, 30, 8));
  ASSERT_EQ(duties.size(), 3u);
  EXPECT_EQ(duties[0].practitioner, "A");
  EXPECT_EQ(duties[0].interval.start, Utc(2026, 3, 27, 7));
  EXPECT_EQ(duties[1].practitioner, "B");
  EXPECT_EQ(duties[1].interval.end, Utc(2026, 3, 29, 6));  // 08:00 CEST
  EXPECT_EQ(duties[1].interval.length(), absl::Hours(23));
  EXPECT_EQ(duties[2].practitioner, "C");
  EXPECT_EQ(duties[2].interval.length(), absl::Hours(24));
  EXPECT_EQ(duties[0].reason.kind, ReasonKind::kRotation);
  EXPECT_EQ(duties[0].reason.source, "regions/06/lines/l1/rotations/r1");
  EXPECT_EQ(duties[1].reason.description, "Turn 2 of 3 in rotation Bakjour");
  ExpectSeamless(duties);
}

TEST(RotationPlanTest, DailyHandoverAtEightFollowsTheWallClockInAutumn) {
  RotationPlan plan(Rotation({"A", "B"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 10, 1)), kAllHours, Stockholm());
  std::vector<Duty> duties = Duties(plan, Local(2026, 10, 24, 9), Local(2026, 10, 25, 9));
  ASSERT_EQ(duties.size(), 2u);
  EXPECT_EQ(duties[0].interval, (calendar::Interval{Utc(2026, 10, 24, 6), Utc(2026, 10, 25, 7)}));
  EXPECT_EQ(duties[0].interval.length(), absl::Hours(25));
  // 1 October is turn 0 (A); 24 October is turn 23 (B).
  EXPECT_EQ(duties[0].practitioner, "B");
  EXPECT_EQ(duties[1].practitioner, "A");
}

TEST(RotationPlanTest, WeeklyTurnsAreOneHourShorterOrLongerOverTheChanges) {
  RotationPlan spring(Rotation({"A", "B"}, RotationPeriod::kWeek, {8, 0}, absl::CivilDay(2026, 3, 23)), kAllHours,
                      Stockholm());
  std::vector<Duty> march = Duties(spring, Local(2026, 3, 23, 8), Local(2026, 4, 6, 8));
  ASSERT_EQ(march.size(), 2u);
  EXPECT_EQ(march[0].interval.length(), absl::Hours(7 * 24 - 1));
  EXPECT_EQ(march[1].interval.length(), absl::Hours(7 * 24));
  EXPECT_EQ(march[1].interval.start, Local(2026, 3, 30, 8));

  RotationPlan autumn(Rotation({"A", "B"}, RotationPeriod::kWeek, {8, 0}, absl::CivilDay(2026, 10, 19)), kAllHours,
                      Stockholm());
  std::vector<Duty> october = Duties(autumn, Local(2026, 10, 19, 8), Local(2026, 10, 26, 8));
  ASSERT_EQ(october.size(), 1u);
  EXPECT_EQ(october[0].interval.length(), absl::Hours(7 * 24 + 1));
}

TEST(RotationPlanTest, TwelveHourTurnsMakeNightsOfElevenAndThirteenHours) {
  RotationSpec spec = Rotation({"Day", "Night"}, RotationPeriod::kHours, {8, 0}, absl::CivilDay(2026, 3, 1));
  spec.period_hours = 12;
  RotationPlan plan(spec, kAllHours, Stockholm());

  std::vector<Duty> spring = Duties(plan, Local(2026, 3, 27, 8), Local(2026, 3, 31, 8));
  ASSERT_EQ(spring.size(), 8u);
  ExpectSeamless(spring);
  absl::Duration total;
  for (const Duty& duty : spring) {
    total += duty.interval.length();
    if (duty.interval.start == Local(2026, 3, 28, 20)) {
      EXPECT_EQ(duty.practitioner, "Night");
      EXPECT_EQ(duty.interval.end, Local(2026, 3, 29, 8));
      EXPECT_EQ(duty.interval.length(), absl::Hours(11));
    } else {
      EXPECT_EQ(duty.interval.length(), absl::Hours(12)) << absl::FormatTime(duty.interval.start);
    }
    // Handovers at 08:00 and 20:00 local, whatever the offset.
    int hour = absl::ToCivilHour(duty.interval.start, Stockholm()).hour();
    EXPECT_TRUE(hour == 8 || hour == 20) << absl::FormatTime(duty.interval.start);
  }
  EXPECT_EQ(total, Local(2026, 3, 31, 8) - Local(2026, 3, 27, 8));

  std::vector<Duty> autumn = Duties(plan, Local(2026, 10, 24, 8), Local(2026, 10, 26, 8));
  ASSERT_EQ(autumn.size(), 4u);
  ExpectSeamless(autumn);
  EXPECT_EQ(autumn[1].practitioner, "Night");
  EXPECT_EQ(autumn[1].interval, (calendar::Interval{Utc(2026, 10, 24, 18), Utc(2026, 10, 25, 7)}));
  EXPECT_EQ(autumn[1].interval.length(), absl::Hours(13));
}

TEST(RotationPlanTest, AHandoverAtHalfPastTwoHappensAtTheChangeInSpringAndFirstInAutumn) {
  RotationPlan plan(Rotation({"A", "B"}, RotationPeriod::kDay, {2, 30}, absl::CivilDay(2026, 3, 1)), kAllHours, Stockholm());
  std::vector<Duty> spring = Duties(plan, Local(2026, 3, 28, 12), Local(2026, 3, 29, 12));
  ASSERT_EQ(spring.size(), 2u);
  // 02:30 does not exist on 29 March: the handover is at the change, 03:00 CEST.
  EXPECT_EQ(spring[0].interval.end, Utc(2026, 3, 29, 1));
  EXPECT_EQ(spring[0].interval.length(), absl::Minutes(23 * 60 + 30));
  EXPECT_EQ(spring[1].interval.end, Utc(2026, 3, 30, 0, 30));  // 02:30 CEST
  EXPECT_EQ(spring[1].interval.length(), absl::Minutes(23 * 60 + 30));
  ExpectSeamless(spring);

  std::vector<Duty> autumn = Duties(plan, Local(2026, 10, 24, 12), Local(2026, 10, 25, 12));
  ASSERT_EQ(autumn.size(), 2u);
  // 02:30 occurs twice on 25 October: the handover is at the first, CEST.
  EXPECT_EQ(autumn[0].interval.end, Utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(autumn[0].interval.length(), absl::Hours(24));
  EXPECT_EQ(autumn[1].interval.end, Utc(2026, 10, 26, 1, 30));  // 02:30 CET
  EXPECT_EQ(autumn[1].interval.length(), absl::Hours(25));
}

TEST(RotationPlanTest, NothingBeforeTheStartOrAfterTheEndDate) {
  RotationSpec spec = Rotation({"A", "B"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 6, 1));
  spec.end_date = absl::CivilDay(2026, 6, 3);
  RotationPlan plan(spec, kAllHours, Stockholm());
  std::vector<Duty> duties = Duties(plan, Local(2026, 5, 1, 0), Local(2026, 7, 1, 0));
  ASSERT_EQ(duties.size(), 2u);
  EXPECT_EQ(duties.front().interval.start, Local(2026, 6, 1, 8));
  EXPECT_EQ(duties.back().interval.end, Local(2026, 6, 3, 8));
  EXPECT_TRUE(Duties(plan, Local(2026, 6, 3, 8), Local(2026, 6, 9, 0)).empty());
}

TEST(RotationPlanTest, AWindowFarFromTheStartFindsTheRightTurn) {
  RotationPlan plan(Rotation({"A", "B", "C"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2020, 1, 1)), kAllHours,
                    Stockholm());
  // 2026-11-24 08:00 is 2519 days after 2020-01-01: 2519 % 3 = 2, C.
  std::vector<Duty> duties = Duties(plan, Local(2026, 11, 24, 12), Local(2026, 11, 24, 13));
  ASSERT_EQ(duties.size(), 1u);
  EXPECT_EQ(duties[0].practitioner, "C");
  EXPECT_EQ(duties[0].interval.start, Local(2026, 11, 24, 8));
}

TEST(RotationPlanTest, ASevenPersonRotationOnAWeekdayLineGivesEveryoneShifts) {
  WeeklyHours weekdays({{MondayToFriday(), {8, 0}, {17, 0}}}, HolidayRule::kClosed);
  RotationSpec spec =
      Rotation({"P1", "P2", "P3", "P4", "P5", "P6", "P7"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 3, 2));
  spec.restrict_to_line_hours = true;
  RotationPlan plan(spec, weekdays, Stockholm());
  // Eight weeks, Easter included: 40 weekdays less Good Friday and Easter Monday.
  std::vector<Duty> duties = Duties(plan, Local(2026, 3, 2, 0), Local(2026, 4, 27, 0));
  ASSERT_EQ(duties.size(), 38u);
  std::map<std::string, int> turns;
  for (const Duty& duty : duties) {
    ++turns[duty.practitioner];
    absl::CivilMinute start = absl::ToCivilMinute(duty.interval.start, Stockholm());
    EXPECT_EQ(start.hour(), 8);
    EXPECT_EQ(duty.interval.length(), absl::Hours(9));
    absl::Weekday weekday = absl::GetWeekday(absl::CivilDay(start));
    EXPECT_NE(weekday, absl::Weekday::saturday);
    EXPECT_NE(weekday, absl::Weekday::sunday);
  }
  ASSERT_EQ(turns.size(), 7u);
  for (const auto& [who, count] : turns) {
    EXPECT_TRUE(count == 5 || count == 6) << who << " has " << count;
  }
  // Turns go round in order, the weekend skipped: Friday P5, Monday P6.
  EXPECT_EQ(duties[4].practitioner, "P5");
  EXPECT_EQ(duties[5].practitioner, "P6");
  EXPECT_EQ(duties[5].interval.start, Local(2026, 3, 9, 8));
  // Asking for a later window alone gives the same turns.
  std::vector<Duty> later = Duties(plan, Local(2026, 4, 20, 0), Local(2026, 4, 21, 0));
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].practitioner, duties[duties.size() - 5].practitioner);
}

}  // namespace
}  // namespace samspar::roster
