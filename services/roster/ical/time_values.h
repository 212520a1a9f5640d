#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_TIME_VALUES_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_TIME_VALUES_H_

// DATE, DATE-TIME and DURATION values as they are written in iCalendar
// files (RFC 5545 sections 3.3.4, 3.3.5 and 3.3.6).

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/roster/ical/content_line.h"

namespace samspar::roster::ical {

// A date or date-time as the file gives it: a wall-clock time in a zone.
// Recurring events repeat the wall-clock time, so it is kept alongside the
// zone rather than turned into an instant at once.
struct DateTimeValue {
  absl::CivilSecond local;  // midnight for a date
  absl::TimeZone zone;      // UTC for a time ending in Z
  bool is_date = false;

  // The instant, by calendar::ResolveLocal's rule on the nights the clocks change.
  absl::Time Instant() const;
};

// The wall-clock time of `value` on the clocks of `zone`; as written when
// it is in that zone already, so that a time in the repeated hour keeps its
// reading.
absl::CivilSecond WallClockIn(const DateTimeValue& value, absl::TimeZone zone);

// calendar::ResolveLocal to the second: the seconds of a time are added to
// its minute's instant, except in the skipped hour, where every time is the
// moment of the change.
absl::Time ResolveLocalSecond(absl::CivilSecond local, absl::TimeZone zone);

// The date or date-time of a property such as DTSTART: ...Z is UTC; TZID
// names the zone (see ZoneForTzid); without either the time is floating and
// read in `floating_zone`; VALUE=DATE (or a bare YYYYMMDD) is a date, whose
// midnight is in `floating_zone` too. INVALID_ARGUMENT saying what is wrong
// (to follow the property's name), without repeating the value.
absl::StatusOr<DateTimeValue> ParseDateTimeProperty(const ContentLine& line,
                                                    absl::TimeZone floating_zone);

// The comma-separated dates or date-times of EXDATE or RDATE.
absl::StatusOr<std::vector<DateTimeValue>> ParseDateTimeListProperty(
    const ContentLine& line, absl::TimeZone floating_zone);

// One date or date-time without parameters, such as RRULE's UNTIL: ...Z is
// UTC, other times and dates are in `zone`.
absl::StatusOr<DateTimeValue> ParseDateTimeText(absl::string_view text, absl::TimeZone zone);

// A DURATION (P1D, PT12H, P1W, -PT15M). Weeks and days are nominal, whole
// days on the local clock; hours, minutes and seconds are exact.
struct IcalDuration {
  int64_t days = 0;
  absl::Duration exact;
};

absl::StatusOr<IcalDuration> ParseDuration(absl::string_view text);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_TIME_VALUES_H_
