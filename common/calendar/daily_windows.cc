#include "common/calendar/daily_windows.h"

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "common/calendar/swedish_holidays.h"

namespace samspar::calendar {

absl::StatusOr<std::vector<Interval>> Occurrences(const LocalHours& hours, Days days,
                                                  Interval range, absl::TimeZone zone) {
  if (range.start == absl::InfinitePast() || range.end == absl::InfiniteFuture()) {
    return absl::InvalidArgumentError("range must have a finite start and end");
  }
  if (range.end < range.start) {
    return absl::InvalidArgumentError("range end must not be before its start");
  }
  std::vector<Interval> occurrences;
  // An occurrence lasts at most a day, so one that started the day before the
  // range's first local day can still reach into the range.
  const absl::CivilDay first = absl::CivilDay(zone.At(range.start).cs) - 1;
  const absl::CivilDay last = absl::CivilDay(zone.At(range.end).cs);
  for (absl::CivilDay day = first; day <= last; ++day) {
    if (days == Days::kWeekdaysOnly && !IsWeekday(day)) continue;
    const Interval occurrence = OccurrenceOn(day, hours, zone);
    if (occurrence.Overlaps(range)) occurrences.push_back(occurrence);
  }
  return occurrences;
}

}  // namespace samspar::calendar
