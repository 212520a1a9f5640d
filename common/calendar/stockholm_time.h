#ifndef SAMSPAR_COMMON_CALENDAR_STOCKHOLM_TIME_H_
#define SAMSPAR_COMMON_CALENDAR_STOCKHOLM_TIME_H_

// The time zone in which Swedish care units keep their rosters and opening
// hours. Instants are stored in UTC; this zone is for reasoning about them.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace samspar::calendar {

// Europe/Stockholm, loaded from the system's tzdata on first use and shared
// by all threads afterwards. FAILED_PRECONDITION when the zone is not
// installed: a server started without tzdata must refuse to start rather
// than silently reason in UTC.
absl::StatusOr<absl::TimeZone> StockholmTimeZone();

// The IANA time zone `name` (e.g. "Europe/Stockholm"), or FAILED_PRECONDITION
// naming the zone when the system's tzdata does not have it.
absl::StatusOr<absl::TimeZone> LoadZone(const std::string& name);

}  // namespace samspar::calendar

#endif  // SAMSPAR_COMMON_CALENDAR_STOCKHOLM_TIME_H_
