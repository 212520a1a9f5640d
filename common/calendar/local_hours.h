#ifndef SAMSPAR_COMMON_CALENDAR_LOCAL_HOURS_H_
#define SAMSPAR_COMMON_CALENDAR_LOCAL_HOURS_H_

// Hours that recur every day on the local clock: opening hours (08:00–17:00)
// or an overnight on-call shift (16:00–08:00).

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/interval.h"
#include "common/calendar/local_window.h"

namespace samspar::calendar {

struct TimeOfDay {
  int hour = 0;    // 0-23
  int minute = 0;  // 0-59
};

class LocalHours {
 public:
  // Hours from `start` to `end`. An `end` not after `start` falls on the next
  // day: 16:00–08:00 is overnight, and 08:00–08:00 round the clock (a 24-hour
  // shift). INVALID_ARGUMENT when either is not a time of day.
  static absl::StatusOr<LocalHours> Create(TimeOfDay start, TimeOfDay end);

  TimeOfDay start() const { return start_; }
  TimeOfDay end() const { return end_; }

  // The occurrence that starts on `day`; an overnight one belongs to the day
  // it starts on.
  LocalWindow On(absl::CivilDay day) const;

 private:
  LocalHours(TimeOfDay start, TimeOfDay end) : start_(start), end_(end) {}

  TimeOfDay start_;
  TimeOfDay end_;
};

// The UTC interval of the occurrence of `hours` that starts on `day` in `zone`.
Interval OccurrenceOn(absl::CivilDay day, const LocalHours& hours, absl::TimeZone zone);

}  // namespace samspar::calendar

#endif  // SAMSPAR_COMMON_CALENDAR_LOCAL_HOURS_H_
