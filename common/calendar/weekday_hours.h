#ifndef SAMSPAR_COMMON_CALENDAR_WEEKDAY_HOURS_H_
#define SAMSPAR_COMMON_CALENDAR_WEEKDAY_HOURS_H_

// Hours kept on weekdays (vardagar) only, such as the semi-acute track's
// consultants: is it open now, and if not, when does it open?

#include "absl/time/time.h"
#include "common/calendar/local_hours.h"

namespace samspar::calendar {

// Whether `instant` falls in an occurrence of `hours` in `zone` that starts
// on a vardag. Half-open: with 08:00–17:00, 17:00 itself is closed.
bool IsWithinWeekdayHours(absl::Time instant, const LocalHours& hours, absl::TimeZone zone);

// The earliest start of such an occurrence at or after `after`, e.g. Monday
// 08:00 when asked on a Friday evening, or after Christmas when asked on
// 23 December. An unbounded `after` is returned as it is.
absl::Time NextOpening(absl::Time after, const LocalHours& hours, absl::TimeZone zone);

}  // namespace samspar::calendar

#endif  // SAMSPAR_COMMON_CALENDAR_WEEKDAY_HOURS_H_
