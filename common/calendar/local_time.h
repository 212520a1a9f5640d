#ifndef SAMSPAR_COMMON_CALENDAR_LOCAL_TIME_H_
#define SAMSPAR_COMMON_CALENDAR_LOCAL_TIME_H_

// The one rule by which a local wall-clock time (a shift's start, an opening
// hour) becomes an instant, including on the nights the clocks change.

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace samspar::calendar {

// The instant at which the clocks in `zone` show `local`.
// - A time skipped when the clocks go forward (02:30 on 2026-03-29 in
//   Stockholm) resolves to the moment of the change, when the clocks jump
//   from 02:00 to 03:00 (01:00 UTC).
// - A time that occurs twice when the clocks go back (02:30 on 2026-10-25)
//   resolves to its first occurrence.
// Both choices keep the result non-decreasing in `local`, so a window whose
// civil end is after its civil start never ends before it starts.
absl::Time ResolveLocal(absl::CivilMinute local, absl::TimeZone zone);

}  // namespace samspar::calendar

#endif  // SAMSPAR_COMMON_CALENDAR_LOCAL_TIME_H_
