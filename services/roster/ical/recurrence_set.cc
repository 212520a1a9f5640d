#include "services/roster/ical/recurrence_set.h"

#include <map>

namespace samspar::roster::ical {
namespace {

// The longest event the reader accepts, and a day for the clocks: an
// instance starting this long before the window cannot reach into it.
constexpr absl::Duration kLookBehind = absl::Hours(24 * 32);

}  // namespace

absl::Time InstanceEnd(absl::CivilSecond local, absl::Time start, const InstanceLength& length,
                       absl::TimeZone zone) {
  const absl::Time local_end =
      length.local_seconds == 0 ? start : ResolveLocalSecond(local + length.local_seconds, zone);
  return local_end + length.exact;
}

std::vector<Occurrence> OccurrencesOf(const RecurrenceSet& set, calendar::Interval window) {
  const absl::TimeZone zone = set.start.zone;
  const absl::Time first_start = set.start.Instant();
  // Keyed by instant: RRULE and RDATE may name the same instance.
  std::map<absl::Time, absl::CivilSecond> starts = {{first_start, set.start.local}};
  if (set.rule.has_value()) {
    for (const absl::CivilSecond local :
         ExpandStarts(*set.rule, set.start.local, zone, window.start - kLookBehind, window.end)) {
      starts.emplace(ResolveLocalSecond(local, zone), local);
    }
  }
  for (const DateTimeValue& added : set.added) {
    starts.emplace(added.Instant(), WallClockIn(added, zone));
  }
  for (const DateTimeValue& excluded : set.excluded) {
    if (excluded.is_date && !set.start.is_date) {
      // A date excludes the instance of that day.
      std::erase_if(starts, [&excluded](const auto& start) {
        return absl::CivilDay(start.second) == absl::CivilDay(excluded.local);
      });
    } else {
      starts.erase(excluded.Instant());
    }
  }

  std::vector<Occurrence> occurrences;
  for (const auto& [start, local] : starts) {
    const calendar::Interval interval{
        start, start == first_start ? set.first_end : InstanceEnd(local, start, set.length, zone)};
    if (interval.empty() || !interval.Overlaps(window)) continue;
    occurrences.push_back(Occurrence{start, interval});
  }
  return occurrences;
}

}  // namespace samspar::roster::ical
