#include "services/roster/schedule/weekly_hours.h"

#include <algorithm>
#include <utility>

#include "absl/types/optional.h"
#include "common/calendar/local_time.h"
#include "common/calendar/swedish_holidays.h"

namespace samspar::roster {
namespace {

absl::CivilMinute At(absl::CivilDay day, calendar::TimeOfDay time) {
  return absl::CivilMinute(day.year(), day.month(), day.day(), time.hour, time.minute);
}

int Minutes(calendar::TimeOfDay time) { return time.hour * 60 + time.minute; }

// The weekday whose windows apply on `day`, or nullopt when none do.
absl::optional<absl::Weekday> EffectiveWeekday(absl::CivilDay day, HolidayRule rule) {
  if (rule == HolidayRule::kIgnore || !calendar::HolidayOn(day).has_value()) {
    return absl::GetWeekday(day);
  }
  if (rule == HolidayRule::kClosed) return absl::nullopt;
  return absl::Weekday::sunday;
}

}  // namespace

WeeklyHours WeeklyHours::AroundTheClock() {
  WeeklyHours hours;
  hours.around_the_clock_ = true;
  return hours;
}

WeeklyHours::WeeklyHours(std::vector<HoursWindow> windows, HolidayRule holidays)
    : windows_(std::move(windows)), holidays_(holidays) {}

IntervalSet WeeklyHours::CoveredIn(calendar::Interval range, absl::TimeZone zone) const {
  if (range.empty()) return {};
  if (around_the_clock_) return {range};
  // A window starts on its day and lasts at most 24 hours, so the windows
  // that reach into the range start at most a day before it begins.
  absl::CivilDay first = absl::CivilDay(zone.At(range.start).cs) - 1;
  absl::CivilDay last = absl::CivilDay(zone.At(range.end).cs);
  std::vector<calendar::Interval> pieces;
  for (absl::CivilDay day = first; day <= last; ++day) {
    absl::optional<absl::Weekday> weekday = EffectiveWeekday(day, holidays_);
    if (!weekday.has_value()) continue;
    for (const HoursWindow& window : windows_) {
      if (std::find(window.days.begin(), window.days.end(), *weekday) == window.days.end()) continue;
      absl::CivilMinute start = At(day, window.start);
      absl::CivilMinute end = window.end.hour == 24                      ? At(day + 1, {0, 0})
                              : Minutes(window.end) > Minutes(window.start) ? At(day, window.end)
                                                                            : At(day + 1, window.end);
      pieces.push_back({calendar::ResolveLocal(start, zone), calendar::ResolveLocal(end, zone)});
    }
  }
  return Clip(Union(std::move(pieces)), range);
}

bool WeeklyHours::Covers(absl::Time instant, absl::TimeZone zone) const {
  return !CoveredIn({instant, instant + absl::Microseconds(1)}, zone).empty();
}

absl::Time WeeklyHours::NextOpening(absl::Time after, absl::TimeZone zone) const {
  // A week at a time: the first covered instant of the first week that has one.
  for (int week = 0; week < 53; ++week) {
    calendar::Interval range{after + absl::Hours(24 * 7 * week), after + absl::Hours(24 * 7 * (week + 1))};
    IntervalSet covered = CoveredIn(range, zone);
    if (!covered.empty()) return covered.front().start;
  }
  return absl::InfiniteFuture();
}

}  // namespace samspar::roster
