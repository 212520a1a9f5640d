#ifndef SAMSPAR_TESTS_UNIT_ROSTER_SCHEDULE_SCHEDULE_TESTING_H_
#define SAMSPAR_TESTS_UNIT_ROSTER_SCHEDULE_SCHEDULE_TESTING_H_

// Short ways to write instants and schedules in the resolver's tests.

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/stockholm_time.h"
#include "services/roster/schedule/line_schedule.h"

namespace samspar::roster::testing {

inline absl::TimeZone Stockholm() { return *calendar::StockholmTimeZone(); }

// An unambiguous Stockholm wall-clock time.
inline absl::Time Local(int y, int mo, int d, int h, int mi = 0) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), Stockholm());
}

inline absl::Time Utc(int y, int mo, int d, int h, int mi = 0) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone());
}

inline const std::vector<absl::Weekday>& MondayToFriday() {
  static const auto* days = new std::vector<absl::Weekday>{
      absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday,
      absl::Weekday::thursday, absl::Weekday::friday};
  return *days;
}

inline const std::vector<absl::Weekday>& EveryDay() {
  static const auto* days = new std::vector<absl::Weekday>{
      absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday, absl::Weekday::thursday,
      absl::Weekday::friday, absl::Weekday::saturday, absl::Weekday::sunday};
  return *days;
}

inline RotationSpec Rotation(std::vector<std::string> participants, RotationPeriod period,
                             calendar::TimeOfDay handover, absl::CivilDay start) {
  RotationSpec spec;
  spec.name = "regions/06/lines/l1/rotations/r1";
  spec.display_name = "Bakjour";
  spec.participants = std::move(participants);
  spec.period = period;
  spec.handover = handover;
  spec.start_date = start;
  return spec;
}

inline LineSpec Line(WeeklyHours hours, std::vector<EscalationStepSpec> steps = {{StepTarget::kOnCall, ""}}) {
  return LineSpec{.name = "regions/06/lines/l1",
                  .display_name = "Bakjour internmedicin",
                  .hours = std::move(hours),
                  .steps = std::move(steps)};
}

}  // namespace samspar::roster::testing

#endif  // SAMSPAR_TESTS_UNIT_ROSTER_SCHEDULE_SCHEDULE_TESTING_H_
