#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_RECURRENCE_SET_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_RECURRENCE_SET_H_

// The instances of one event: DTSTART, those of its RRULE and RDATEs, less
// its EXDATEs (RFC 5545 section 3.8.5), each as long on the local clock as
// the first.

#include <cstdint>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/calendar/interval.h"
#include "services/roster/ical/recurrence_rule.h"
#include "services/roster/ical/time_values.h"

namespace samspar::roster::ical {

// How an instance's end follows from its start: `local_seconds` of
// wall-clock time in the event's zone, then `exact` time. A 20:00–08:00
// night is 12 local hours, and so lasts 11 hours on the night the clocks go
// forward; DURATION:PT12H is 12 exact hours.
struct InstanceLength {
  int64_t local_seconds = 0;
  absl::Duration exact;
};

// The end of the instance that starts at `start`, shown as `local` on the
// clocks of `zone`.
absl::Time InstanceEnd(absl::CivilSecond local, absl::Time start, const InstanceLength& length,
                       absl::TimeZone zone);

struct RecurrenceSet {
  DateTimeValue start;   // DTSTART; its zone is the one instances repeat in
  absl::Time first_end;  // the end of the DTSTART instance, exactly as written
  InstanceLength length;
  absl::optional<RecurrenceRule> rule;
  std::vector<DateTimeValue> added;     // RDATE
  std::vector<DateTimeValue> excluded;  // EXDATE
};

struct Occurrence {
  absl::Time original_start;  // identifies the instance (RECURRENCE-ID)
  calendar::Interval interval;
};

// The instances of `set` that overlap `window`, in time order. Instances
// that vanish in the hour skipped when the clocks go forward are left out.
std::vector<Occurrence> OccurrencesOf(const RecurrenceSet& set, calendar::Interval window);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_RECURRENCE_SET_H_
