#ifndef SAMSPAR_TESTS_UNIT_COMMON_CALENDAR_CALENDAR_TESTING_H_
#define SAMSPAR_TESTS_UNIT_COMMON_CALENDAR_CALENDAR_TESTING_H_

// Shared by the calendar tests: the real Stockholm zone, instants written as
// UTC or Stockholm wall-clock times, and readable failure output.

#include <ostream>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/interval.h"
#include "common/calendar/local_hours.h"
#include "common/calendar/stockholm_time.h"
#include "gtest/gtest.h"

namespace samspar::calendar {

inline void PrintTo(const Interval& interval, std::ostream* os) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  *os << "[" << absl::FormatTime("%Y-%m-%d %H:%M UTC", interval.start, utc) << ", "
      << absl::FormatTime("%Y-%m-%d %H:%M UTC", interval.end, utc) << ")";
}

namespace testutil {

// Every check here is about Stockholm; a missing zone fails the test loudly.
inline absl::TimeZone Stockholm() {
  const absl::StatusOr<absl::TimeZone> zone = StockholmTimeZone();
  if (!zone.ok()) {
    ADD_FAILURE() << zone.status();
    return absl::UTCTimeZone();
  }
  return *zone;
}

inline absl::Time Utc(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), absl::UTCTimeZone());
}

// A Stockholm wall-clock time, converted by absl itself (only for times that
// exist exactly once).
inline absl::Time Local(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), Stockholm());
}

// Hours the test knows to be valid; a mistake surfaces as a thrown
// BadStatusOrAccess, which fails the test.
inline LocalHours Hours(TimeOfDay start, TimeOfDay end) {
  return LocalHours::Create(start, end).value();
}

}  // namespace testutil
}  // namespace samspar::calendar

#endif  // SAMSPAR_TESTS_UNIT_COMMON_CALENDAR_CALENDAR_TESTING_H_
