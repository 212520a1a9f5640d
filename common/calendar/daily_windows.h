#ifndef SAMSPAR_COMMON_CALENDAR_DAILY_WINDOWS_H_
#define SAMSPAR_COMMON_CALENDAR_DAILY_WINDOWS_H_

// Recurring daily hours laid out over a stretch of time: the concrete shifts
// of an on-call line, or the openings of a weekday-only service.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/calendar/interval.h"
#include "common/calendar/local_hours.h"

namespace samspar::calendar {

enum class Days {
  kEveryDay,
  // Only occurrences that start on a vardag (see IsWeekday). Friday's
  // overnight 16:00–08:00 still runs into Saturday morning; Saturday has none.
  kWeekdaysOnly,
};

// The occurrences of `hours` in `zone` on the chosen `days` that overlap
// `range`, in time order. Each is whole, not cut at the range's ends, so a
// shift keeps its true length. Occurrences that vanish in the hour skipped
// when the clocks go forward are left out. INVALID_ARGUMENT when the range
// ends before it starts or is unbounded.
absl::StatusOr<std::vector<Interval>> Occurrences(const LocalHours& hours, Days days,
                                                  Interval range, absl::TimeZone zone);

}  // namespace samspar::calendar

#endif  // SAMSPAR_COMMON_CALENDAR_DAILY_WINDOWS_H_
