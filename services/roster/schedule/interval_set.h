#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULE_INTERVAL_SET_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULE_INTERVAL_SET_H_

// Sets of instants as sorted, disjoint, non-empty intervals: the hours a line
// must be covered, the time someone is on a step, and what is left between.

#include <vector>

#include "common/calendar/interval.h"

namespace samspar::roster {

using IntervalSet = std::vector<calendar::Interval>;

// The union of `intervals` (any order, overlapping or touching) as a set.
IntervalSet Union(std::vector<calendar::Interval> intervals);

// What of `from` is not in `remove` (both sets).
IntervalSet Subtract(const IntervalSet& from, const IntervalSet& remove);

// `set` clipped to `window`.
IntervalSet Clip(const IntervalSet& set, calendar::Interval window);

// Whether every instant of `interval` is in `set`.
bool CoversAll(const IntervalSet& set, calendar::Interval interval);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULE_INTERVAL_SET_H_
