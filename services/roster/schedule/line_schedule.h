#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULE_LINE_SCHEDULE_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULE_LINE_SCHEDULE_H_

// Everything that decides who is on call on one line: its hours, its
// escalation steps, its rotations, shifts and overrides, and who in the
// directory is inactive. From these alone (no presence, no storage) it
// answers who is on call at an instant, the duties in a window and the
// coverage gaps; ResolveOnCall, consult routing, ListDuties, calendars and
// coverage reports all ask this one resolver.

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/roster/schedule/duty.h"
#include "services/roster/schedule/interval_set.h"
#include "services/roster/schedule/overrides.h"
#include "services/roster/schedule/rotation_plan.h"
#include "services/roster/schedule/weekly_hours.h"

namespace samspar::roster {

// The numbers are those of samspar.v1.EscalationTarget.
enum class StepTarget { kOnCall = 1, kBackup = 2, kPractitioner = 3, kSwitchboard = 4 };

struct EscalationStepSpec {
  StepTarget target = StepTarget::kOnCall;
  std::string practitioner = {};  // kPractitioner
};

struct LineSpec {
  std::string name = {};  // resource name
  std::string display_name = {};
  WeeklyHours hours = WeeklyHours::AroundTheClock();
  std::vector<EscalationStepSpec> steps = {};
};

struct StepContact {
  std::string practitioner = {};  // HSA-id
  DutyReason reason;
};

struct StepAnswer {
  int index = 0;  // in the line's policy
  std::vector<StepContact> contacts = {};
};

// Who is on call at one instant, from the schedule alone.
struct OnCallSnapshot {
  absl::Time at;
  bool within_hours = false;
  absl::optional<absl::Time> next_open_time;  // when not within hours and the hours ever open
  std::vector<StepAnswer> steps = {};
  bool gap = false;  // within hours and nobody on step 0
  // The next instant the schedule changes this answer; unset when nothing
  // changes within the look-ahead (93 days).
  absl::optional<absl::Time> next_change_time;
};

struct CoverageGap {
  calendar::Interval interval = {};
  bool later_step_covered = false;  // a later step has someone during all of it
};

class LineSchedule {
 public:
  LineSchedule(LineSpec line, std::vector<RotationSpec> rotations, std::vector<ShiftSpec> shifts,
               std::vector<OverrideSpec> overrides, absl::flat_hash_set<std::string> inactive,
               absl::TimeZone zone);
  LineSchedule(const LineSchedule&) = delete;
  LineSchedule& operator=(const LineSchedule&) = delete;

  const LineSpec& line() const { return line_; }

  // The duties within `window` after overrides, without inactive
  // practitioners, clipped to the window, by start time then practitioner.
  // Each keeps its whole duty in `reason.duty`.
  std::vector<Duty> DutiesIn(calendar::Interval window) const;

  OnCallSnapshot At(absl::Time instant) const;

  // Every stretch within the line's hours in `window` with nobody on the
  // first escalation step. Outside the hours (a weekday line on a public
  // holiday) nobody is needed, so there is no gap.
  std::vector<CoverageGap> GapsIn(calendar::Interval window) const;

  // The line's hours within `window`.
  IntervalSet RequiredIn(calendar::Interval window) const;

 private:
  // When each step has someone on it within `window`.
  std::vector<IntervalSet> StepCoverage(calendar::Interval window) const;

  const LineSpec line_;
  const absl::TimeZone zone_;
  std::vector<std::unique_ptr<RotationPlan>> rotations_;
  const std::vector<ShiftSpec> shifts_;
  const std::vector<OverrideSpec> overrides_;
  const absl::flat_hash_set<std::string> inactive_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULE_LINE_SCHEDULE_H_
