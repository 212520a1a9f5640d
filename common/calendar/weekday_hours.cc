#include "common/calendar/weekday_hours.h"

#include "absl/time/civil_time.h"
#include "common/calendar/interval.h"
#include "common/calendar/swedish_holidays.h"

namespace samspar::calendar {

bool IsWithinWeekdayHours(absl::Time instant, const LocalHours& hours, absl::TimeZone zone) {
  const absl::CivilDay today(zone.At(instant).cs);
  // Yesterday's occurrence counts too: an overnight one reaches into today.
  for (const absl::CivilDay day : {today - 1, today}) {
    if (IsWeekday(day) && OccurrenceOn(day, hours, zone).Contains(instant)) return true;
  }
  return false;
}

absl::Time NextOpening(absl::Time after, const LocalHours& hours, absl::TimeZone zone) {
  if (after == absl::InfinitePast() || after == absl::InfiniteFuture()) return after;
  absl::CivilDay day(zone.At(after).cs);
  if (!IsWeekday(day)) day = NextWeekday(day);
  // Today's occurrence may already have started; then the next vardag's is the answer.
  for (;; day = NextWeekday(day)) {
    const Interval occurrence = OccurrenceOn(day, hours, zone);
    if (!occurrence.empty() && occurrence.start >= after) return occurrence.start;
  }
}

}  // namespace samspar::calendar
