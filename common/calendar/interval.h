#ifndef SAMSPAR_COMMON_CALENDAR_INTERVAL_H_
#define SAMSPAR_COMMON_CALENDAR_INTERVAL_H_

#include "absl/time/time.h"

namespace samspar::calendar {

// A stretch of time between two instants, half-open [start, end): a shift
// ending at 08:00 and the next starting at 08:00 do not overlap.
struct Interval {
  absl::Time start;
  absl::Time end;

  // The time that really passes, one hour more or less on the nights the
  // clocks change.
  absl::Duration length() const { return end - start; }
  bool empty() const { return end <= start; }
  bool Contains(absl::Time instant) const { return start <= instant && instant < end; }
  // Whether the two share an instant; an empty interval shares none.
  bool Overlaps(const Interval& other) const {
    return !empty() && !other.empty() && start < other.end && other.start < end;
  }

  friend bool operator==(const Interval&, const Interval&) = default;
};

}  // namespace samspar::calendar

#endif  // SAMSPAR_COMMON_CALENDAR_INTERVAL_H_
