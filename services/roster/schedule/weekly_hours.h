#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULE_WEEKLY_HOURS_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULE_WEEKLY_HOURS_H_

// The hours a line must be covered, in Europe/Stockholm civil time: "24/7",
// or windows on given weekdays ("weekdays 08:00-17:00 except public
// holidays", "Monday to Friday 16:00-08:00"), as the instants they cover.

#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/local_hours.h"
#include "services/roster/schedule/interval_set.h"

namespace samspar::roster {

// A window of local time that starts on each of `days`. An `end` before
// `start` runs overnight into the next day; equal to `start` means 24 hours;
// 24:00 means midnight at the end of the start day.
struct HoursWindow {
  std::vector<absl::Weekday> days;
  calendar::TimeOfDay start;
  calendar::TimeOfDay end;
};

// How a window starting on a Swedish holiday (eves included) is treated.
enum class HolidayRule {
  kIgnore,    // as on any other day of its weekday
  kClosed,    // no window starts on a holiday
  kAsSunday,  // Sunday's windows instead of the weekday's
};

class WeeklyHours {
 public:
  static WeeklyHours AroundTheClock();
  WeeklyHours(std::vector<HoursWindow> windows, HolidayRule holidays);

  bool around_the_clock() const { return around_the_clock_; }

  // The covered instants within `range` in `zone`. A window belongs to the
  // day it starts on, so Friday's 16:00-08:00 covers Saturday morning even
  // when Saturday is a holiday, and a window keeps its wall-clock ends on the
  // nights the clocks change (16:00-08:00 lasts 15 h or 17 h then).
  IntervalSet CoveredIn(calendar::Interval range, absl::TimeZone zone) const;

  bool Covers(absl::Time instant, absl::TimeZone zone) const;

  // The first instant at or after `after` that is covered, searching a year
  // ahead; absl::InfiniteFuture() when the hours never open.
  absl::Time NextOpening(absl::Time after, absl::TimeZone zone) const;

 private:
  WeeklyHours() = default;

  bool around_the_clock_ = false;
  std::vector<HoursWindow> windows_;
  HolidayRule holidays_ = HolidayRule::kIgnore;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULE_WEEKLY_HOURS_H_
