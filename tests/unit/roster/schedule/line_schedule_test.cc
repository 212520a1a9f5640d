#include "services/roster/schedule/line_schedule.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/roster/schedule/schedule_testing.h"

namespace samspar::roster {
namespace {

using testing::EveryDay;
using testing::Line;
using testing::Local;
using testing::MondayToFriday;
using testing::Rotation;
using testing::Stockholm;

const std::vector<EscalationStepSpec> kFullPolicy = {{StepTarget::kOnCall, ""},
                                                     {StepTarget::kBackup, ""},
                                                     {StepTarget::kPractitioner, "Head"},
                                                     {StepTarget::kSwitchboard, ""}};

RotationSpec Backups() {
  RotationSpec spec = Rotation({"X", "Y"}, RotationPeriod::kWeek, {8, 0}, absl::CivilDay(2026, 1, 5));
  spec.name = "regions/06/lines/l1/rotations/r2";
  spec.tier = Tier::kBackup;
  return spec;
}

std::vector<std::string> Who(const StepAnswer& step) {
  std::vector<std::string> who;
  for (const StepContact& contact : step.contacts) who.push_back(contact.practitioner);
  return who;
}

OverrideSpec Remove(std::string who, absl::Time start, absl::Time end) {
  return {.name = "regions/06/lines/l1/overrides/o1", .kind = OverrideKind::kRemove,
          .practitioner = std::move(who), .interval = {start, end}};
}

TEST(LineScheduleTest, EveryStepWithItsContactsAndWhyTheyAreThere) {
  LineSchedule schedule(Line(WeeklyHours::AroundTheClock(), kFullPolicy),
                        {Rotation({"A", "B"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 3, 1)), Backups()}, {}, {},
                        {}, Stockholm());
  OnCallSnapshot answer = schedule.At(Local(2026, 3, 10, 14));
  EXPECT_TRUE(answer.within_hours);
  EXPECT_FALSE(answer.gap);
  EXPECT_FALSE(answer.next_open_time.has_value());
  ASSERT_EQ(answer.steps.size(), 4u);
  EXPECT_THAT(Who(answer.steps[0]), ::testing::ElementsAre("B"));  // 10 March is turn 9
  EXPECT_EQ(answer.steps[0].contacts[0].reason.duty,
            (calendar::Interval{Local(2026, 3, 10, 8), Local(2026, 3, 11, 8)}));
  EXPECT_THAT(Who(answer.steps[1]), ::testing::ElementsAre("Y"));
  EXPECT_THAT(Who(answer.steps[2]), ::testing::ElementsAre("Head"));
  EXPECT_EQ(answer.steps[2].contacts[0].reason.kind, ReasonKind::kEscalationPolicy);
  EXPECT_EQ(answer.steps[2].contacts[0].reason.source, "regions/06/lines/l1");
  EXPECT_TRUE(answer.steps[3].contacts.empty());
  ASSERT_TRUE(answer.next_change_time.has_value());
  EXPECT_EQ(*answer.next_change_time, Local(2026, 3, 11, 8));
}

TEST(LineScheduleTest, RemovingEveryoneIsAGapAndEscalationGoesStraightToTheNextStep) {
  LineSchedule schedule(Line(WeeklyHours::AroundTheClock(), kFullPolicy),
                        {Rotation({"A", "B"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 3, 1)), Backups()}, {},
                        {Remove("B", Local(2026, 3, 10, 12), Local(2026, 3, 10, 18))}, {}, Stockholm());
  OnCallSnapshot answer = schedule.At(Local(2026, 3, 10, 14));
  EXPECT_TRUE(answer.gap);
  EXPECT_TRUE(answer.steps[0].contacts.empty());
  EXPECT_THAT(Who(answer.steps[1]), ::testing::ElementsAre("Y"));
  EXPECT_EQ(*answer.next_change_time, Local(2026, 3, 10, 18));

  std::vector<CoverageGap> gaps = schedule.GapsIn({Local(2026, 3, 10, 0), Local(2026, 3, 11, 0)});
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].interval, (calendar::Interval{Local(2026, 3, 10, 12), Local(2026, 3, 10, 18)}));
  EXPECT_TRUE(gaps[0].later_step_covered);
}

TEST(LineScheduleTest, AddedPeopleStandBesideTheRotation) {
  OverrideSpec add{.name = "regions/06/lines/l1/overrides/o2", .kind = OverrideKind::kAdd,
                   .practitioner = "C", .interval = {Local(2026, 3, 10, 12), Local(2026, 3, 10, 18)}};
  LineSchedule schedule(Line(WeeklyHours::AroundTheClock()),
                        {Rotation({"A", "B"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 3, 1))}, {}, {add}, {},
                        Stockholm());
  EXPECT_THAT(Who(schedule.At(Local(2026, 3, 10, 14)).steps[0]), ::testing::ElementsAre("B", "C"));
  EXPECT_THAT(Who(schedule.At(Local(2026, 3, 10, 18)).steps[0]), ::testing::ElementsAre("B"));
}

TEST(LineScheduleTest, AReplaceOverrideAcrossAHandoverEndsWithTheReplacedDuty) {
  OverrideSpec sick{.name = "regions/06/lines/l1/overrides/o3", .kind = OverrideKind::kReplace,
                    .practitioner = "C", .replaced_practitioner = "B",
                    .interval = {Local(2026, 3, 10, 20), Local(2026, 3, 11, 20)}, .reason = "Sjuk"};
  LineSchedule schedule(Line(WeeklyHours::AroundTheClock()),
                        {Rotation({"A", "B"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 3, 1))}, {}, {sick}, {},
                        Stockholm());
  OnCallSnapshot night = schedule.At(Local(2026, 3, 10, 23));
  ASSERT_THAT(Who(night.steps[0]), ::testing::ElementsAre("C"));
  EXPECT_EQ(night.steps[0].contacts[0].reason.replaced_practitioner, "B");
  EXPECT_EQ(*night.next_change_time, Local(2026, 3, 11, 8));
  EXPECT_THAT(Who(schedule.At(Local(2026, 3, 11, 9)).steps[0]), ::testing::ElementsAre("A"));
  EXPECT_TRUE(schedule.GapsIn({Local(2026, 3, 9, 0), Local(2026, 3, 13, 0)}).empty());
}

TEST(LineScheduleTest, AWeekdayLineIsNeitherCoveredNorAGapOnAPublicHoliday) {
  WeeklyHours weekdays({{MondayToFriday(), {8, 0}, {17, 0}}}, HolidayRule::kClosed);
  RotationSpec rotation = Rotation({"A", "B", "C"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 4, 27));
  rotation.restrict_to_line_hours = true;
  LineSchedule schedule(Line(weekdays), {rotation}, {}, {}, {}, Stockholm());
  OnCallSnapshot may_day = schedule.At(Local(2026, 5, 1, 10));
  EXPECT_FALSE(may_day.within_hours);
  EXPECT_FALSE(may_day.gap);
  EXPECT_TRUE(may_day.steps[0].contacts.empty());
  EXPECT_EQ(*may_day.next_open_time, Local(2026, 5, 4, 8));
  EXPECT_EQ(*may_day.next_change_time, Local(2026, 5, 4, 8));
  EXPECT_TRUE(schedule.GapsIn({Local(2026, 4, 27, 0), Local(2026, 5, 11, 0)}).empty());
  // The turns skip the holiday: Monday A, Tuesday B, Wednesday C, Thursday A, then Monday B.
  EXPECT_THAT(Who(schedule.At(Local(2026, 4, 30, 10)).steps[0]), ::testing::ElementsAre("A"));
  EXPECT_THAT(Who(schedule.At(Local(2026, 5, 4, 10)).steps[0]), ::testing::ElementsAre("B"));
}

TEST(LineScheduleTest, NightShiftsOfElevenAndThirteenHoursLeaveNoGap) {
  WeeklyHours nights({{EveryDay(), {20, 0}, {8, 0}}}, HolidayRule::kIgnore);
  RotationSpec rotation = Rotation({"A", "B"}, RotationPeriod::kDay, {20, 0}, absl::CivilDay(2026, 3, 1));
  rotation.restrict_to_line_hours = true;
  LineSchedule schedule(Line(nights), {rotation}, {}, {}, {}, Stockholm());
  for (const calendar::Interval& window :
       {calendar::Interval{Local(2026, 3, 27, 12), Local(2026, 3, 31, 12)},
        calendar::Interval{Local(2026, 10, 23, 12), Local(2026, 10, 27, 12)}}) {
    EXPECT_TRUE(schedule.GapsIn(window).empty());
    std::vector<Duty> duties = schedule.DutiesIn(window);
    ASSERT_EQ(duties.size(), 4u);
    for (const Duty& duty : duties) {
      absl::Duration expected = absl::Hours(12);
      if (duty.interval.start == Local(2026, 3, 28, 20)) expected = absl::Hours(11);
      if (duty.interval.start == Local(2026, 10, 24, 20)) expected = absl::Hours(13);
      EXPECT_EQ(duty.interval.length(), expected) << absl::FormatTime(duty.interval.start);
    }
  }
  // Friday's night of a weekday-only line covers Saturday morning.
  WeeklyHours weekday_nights({{MondayToFriday(), {16, 0}, {8, 0}}}, HolidayRule::kClosed);
  LineSchedule weekday(Line(weekday_nights), {}, {}, {}, {}, Stockholm());
  std::vector<CoverageGap> gaps = weekday.GapsIn({Local(2026, 3, 27, 12), Local(2026, 3, 30, 12)});
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].interval, (calendar::Interval{Local(2026, 3, 27, 16), Local(2026, 3, 28, 8)}));
  EXPECT_FALSE(gaps[0].later_step_covered);
}

TEST(LineScheduleTest, InactivePractitionersAreLeftOut) {
  LineSchedule schedule(Line(WeeklyHours::AroundTheClock(), kFullPolicy),
                        {Rotation({"A", "B"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 3, 1)), Backups()}, {}, {},
                        {"B", "Head"}, Stockholm());
  OnCallSnapshot answer = schedule.At(Local(2026, 3, 10, 14));
  EXPECT_TRUE(answer.gap);
  EXPECT_TRUE(answer.steps[2].contacts.empty());
}

TEST(LineScheduleTest, DutiesAreClippedToTheWindowAndKeepTheirWholeDuty) {
  ShiftSpec shift{.name = "regions/06/lines/l1/shifts/s1", .practitioner = "S",
                  .interval = {Local(2026, 3, 10, 8), Local(2026, 3, 10, 20)}};
  LineSchedule schedule(Line(WeeklyHours::AroundTheClock()),
                        {Rotation({"A", "B"}, RotationPeriod::kDay, {8, 0}, absl::CivilDay(2026, 3, 1))}, {shift}, {}, {},
                        Stockholm());
  std::vector<Duty> duties = schedule.DutiesIn({Local(2026, 3, 10, 12), Local(2026, 3, 10, 14)});
  ASSERT_EQ(duties.size(), 2u);
  EXPECT_EQ(duties[0].practitioner, "B");
  EXPECT_EQ(duties[1].practitioner, "S");
  for (const Duty& duty : duties) {
    EXPECT_EQ(duty.interval, (calendar::Interval{Local(2026, 3, 10, 12), Local(2026, 3, 10, 14)}));
  }
  EXPECT_EQ(duties[1].reason.duty, shift.interval);
}

}  // namespace
}  // namespace samspar::roster
