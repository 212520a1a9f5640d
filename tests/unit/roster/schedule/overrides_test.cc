#include "services/roster/schedule/overrides.h"

#include "gtest/gtest.h"
#include "tests/unit/roster/schedule/schedule_testing.h"

namespace samspar::roster {
namespace {

using testing::Local;

Duty TurnOf(std::string who, absl::Time start, absl::Time end) {
  Duty duty;
  duty.practitioner = std::move(who);
  duty.interval = {start, end};
  duty.reason = {.kind = ReasonKind::kRotation, .source = "rotations/r1", .duty = {start, end}, .replaced_practitioner = "",
                 .description = "Turn 1 of 2 in rotation Bakjour"};
  return duty;
}

OverrideSpec Override(std::string name, OverrideKind kind, std::string who, absl::Time start, absl::Time end,
                      std::string replaced = "") {
  return {.name = std::move(name), .kind = kind, .practitioner = std::move(who),
          .replaced_practitioner = std::move(replaced), .interval = {start, end}, .reason = "Sjuk"};
}

TEST(OverridesTest, ReplaceCoversOnlyWhileTheReplacedPersonWouldBeOnCall) {
  // A until Tuesday 08:00, then B; C replaces A from Monday 20:00 to Tuesday 20:00.
  std::vector<Duty> duties = ApplyOverrides(
      {TurnOf("A", Local(2026, 3, 9, 8), Local(2026, 3, 10, 8)),
       TurnOf("B", Local(2026, 3, 10, 8), Local(2026, 3, 11, 8))},
      {Override("o1", OverrideKind::kReplace, "C", Local(2026, 3, 9, 20), Local(2026, 3, 10, 20), "A")});
  ASSERT_EQ(duties.size(), 3u);
  EXPECT_EQ(duties[0].practitioner, "A");
  EXPECT_EQ(duties[0].interval, (calendar::Interval{Local(2026, 3, 9, 8), Local(2026, 3, 9, 20)}));
  const Duty& stand_in = duties[1];
  EXPECT_EQ(stand_in.practitioner, "C");
  EXPECT_EQ(stand_in.interval, (calendar::Interval{Local(2026, 3, 9, 20), Local(2026, 3, 10, 8)}));
  EXPECT_EQ(stand_in.reason.kind, ReasonKind::kOverrideReplace);
  EXPECT_EQ(stand_in.reason.replaced_practitioner, "A");
  EXPECT_EQ(stand_in.reason.source, "o1");
  EXPECT_EQ(stand_in.reason.description, "Turn 1 of 2 in rotation Bakjour, replaced by override Sjuk");
  EXPECT_EQ(duties[2].practitioner, "B");  // the handover at 08:00 is untouched
  EXPECT_EQ(duties[2].interval.start, Local(2026, 3, 10, 8));
}

TEST(OverridesTest, ReplaceLeavesOtherTiersAndPeopleAlone) {
  Duty backup = TurnOf("A", Local(2026, 3, 9, 8), Local(2026, 3, 10, 8));
  backup.tier = Tier::kBackup;
  std::vector<Duty> duties = ApplyOverrides(
      {backup, TurnOf("D", Local(2026, 3, 9, 8), Local(2026, 3, 10, 8))},
      {Override("o1", OverrideKind::kReplace, "C", Local(2026, 3, 9, 0), Local(2026, 3, 11, 0), "A")});
  ASSERT_EQ(duties.size(), 2u);
  EXPECT_EQ(duties[0].practitioner, "A");
  EXPECT_EQ(duties[1].practitioner, "D");
}

TEST(OverridesTest, RemoveCutsTheWindowOutWhateverPutThemThere) {
  Duty shift = TurnOf("A", Local(2026, 3, 9, 12), Local(2026, 3, 9, 18));
  shift.reason.kind = ReasonKind::kShift;
  std::vector<Duty> duties = ApplyOverrides(
      {TurnOf("A", Local(2026, 3, 9, 8), Local(2026, 3, 10, 8)), shift},
      {Override("o1", OverrideKind::kRemove, "A", Local(2026, 3, 9, 10), Local(2026, 3, 9, 20))});
  ASSERT_EQ(duties.size(), 2u);
  EXPECT_EQ(duties[0].interval, (calendar::Interval{Local(2026, 3, 9, 8), Local(2026, 3, 9, 10)}));
  EXPECT_EQ(duties[1].interval, (calendar::Interval{Local(2026, 3, 9, 20), Local(2026, 3, 10, 8)}));
}

TEST(OverridesTest, ReplaceThenRemoveThenAddWhateverTheCreationOrder) {
  // Created: ADD B (o1), REMOVE C (o2), REPLACE A by C (o3). Applied: o3, o2, o1:
  // C takes A's duty and is then removed; only B is left.
  std::vector<Duty> duties = ApplyOverrides(
      {TurnOf("A", Local(2026, 3, 9, 8), Local(2026, 3, 10, 8))},
      {Override("o1", OverrideKind::kAdd, "B", Local(2026, 3, 9, 8), Local(2026, 3, 10, 8)),
       Override("o2", OverrideKind::kRemove, "C", Local(2026, 3, 9, 8), Local(2026, 3, 10, 8)),
       Override("o3", OverrideKind::kReplace, "C", Local(2026, 3, 9, 8), Local(2026, 3, 10, 8), "A")});
  ASSERT_EQ(duties.size(), 1u);
  EXPECT_EQ(duties[0].practitioner, "B");
  EXPECT_EQ(duties[0].reason.kind, ReasonKind::kOverrideAdd);
}

TEST(OverridesTest, ShiftsAreDutiesOfTheirOwn) {
  Duty duty = ShiftDuty({.name = "shifts/s1", .practitioner = "A", .tier = Tier::kBackup,
                         .interval = {Local(2026, 6, 19, 8), Local(2026, 6, 20, 8)}, .note = "Extra pass midsommar"});
  EXPECT_EQ(duty.reason.kind, ReasonKind::kShift);
  EXPECT_EQ(duty.tier, Tier::kBackup);
  EXPECT_EQ(duty.reason.description, "Shift: Extra pass midsommar");
}

}  // namespace
}  // namespace samspar::roster
