#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULE_ROTATION_PLAN_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULE_ROTATION_PLAN_H_

// A rotation laid out in time: participants take turns in order, handing
// over at a local wall-clock time. Handovers follow the clock on the wall:
// a daily rotation at 08:00 hands over at 08:00 CET in winter and 08:00 CEST
// in summer, so its turn is 23 or 25 hours long on the days the clocks
// change; a handover at a time that does not exist happens at the moment of
// the change, one at a time that occurs twice at its first occurrence
// (calendar::ResolveLocal). Consecutive turns share their boundary instant,
// so they never overlap and never leave a gap.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/calendar/local_hours.h"
#include "services/roster/schedule/duty.h"
#include "services/roster/schedule/weekly_hours.h"

namespace samspar::roster {

enum class RotationPeriod { kDay, kWeek, kHours };

struct RotationSpec {
  std::string name = {};  // resource name
  std::string display_name = {};
  Tier tier = Tier::kPrimary;
  std::vector<std::string> participants = {};  // HSA-ids in turn order; repeats allowed
  RotationPeriod period = RotationPeriod::kDay;
  int period_hours = 0;  // kHours: a divisor of 24 or a multiple of 24
  calendar::TimeOfDay handover = {};
  absl::CivilDay start_date = {};
  absl::optional<absl::CivilDay> end_date = {};  // the rotation ends at the handover on this day
  bool restrict_to_line_hours = false;
};

class RotationPlan {
 public:
  // `hours` (the line's) must outlive the plan; it is used only when the
  // rotation is restricted to them.
  RotationPlan(RotationSpec spec, const WeeklyHours& hours, absl::TimeZone zone);

  const RotationSpec& spec() const { return spec_; }

  // The duties of turns that overlap `window`, whole (not clipped to the
  // window), in time order. A restricted rotation gives the parts of each
  // turn within the line's hours, and a turn with no such part is skipped
  // without using up anyone's turn.
  std::vector<Duty> DutiesOverlapping(calendar::Interval window) const;

  // When the rotation's first turn begins.
  absl::Time Begin() const { return Boundary(0); }

 private:
  // The instant of the k-th handover from the first.
  absl::Time Boundary(int64_t k) const;
  // The turn under way at `instant` (may be negative: before the start).
  int64_t TurnAt(absl::Time instant) const;
  // Which participant has turn `k`, or -1 when a restricted rotation skips it.
  int ParticipantOf(int64_t k) const;
  calendar::Interval TurnInterval(int64_t k) const;
  IntervalSet CoveredPartOf(int64_t k) const;

  RotationSpec spec_;
  const WeeklyHours& hours_;
  absl::TimeZone zone_;
  absl::CivilMinute first_handover_;
  int64_t period_minutes_;  // wall-clock minutes per turn
  absl::Time end_;          // absl::InfiniteFuture() when open-ended

  // For restricted rotations: how many turns before turn k had a part within
  // the line's hours. Counting from the start is the only way to know whose
  // turn k is, so the counts are kept as the plan is asked further ahead.
  mutable absl::Mutex mutex_;
  mutable std::vector<int64_t> covered_before_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULE_ROTATION_PLAN_H_
