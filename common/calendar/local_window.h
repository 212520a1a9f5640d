#ifndef SAMSPAR_COMMON_CALENDAR_LOCAL_WINDOW_H_
#define SAMSPAR_COMMON_CALENDAR_LOCAL_WINDOW_H_

// One stretch of local wall-clock time, e.g. a shift from 16:00 one day to
// 08:00 the next, as the UTC interval it really covers.

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/interval.h"

namespace samspar::calendar {

struct LocalWindow {
  absl::CivilMinute start;
  absl::CivilMinute end;  // exclusive
};

// The UTC interval of `window` in `zone`, each end resolved by ResolveLocal;
// its length is the true duration (a 16:00–08:00 shift in Stockholm lasts
// 15 h on the night the clocks go forward, 17 h when they go back).
// INVALID_ARGUMENT when the window's end is not after its start. The interval
// can still be empty when the whole window lies in the skipped hour.
absl::StatusOr<Interval> ResolveWindow(const LocalWindow& window, absl::TimeZone zone);

}  // namespace samspar::calendar

#endif  // SAMSPAR_COMMON_CALENDAR_LOCAL_WINDOW_H_
