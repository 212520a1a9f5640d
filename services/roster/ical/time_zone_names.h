#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_TIME_ZONE_NAMES_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_TIME_ZONE_NAMES_H_

// The zone a TZID parameter names. Calendars from Google and most other
// programs use IANA names; Outlook and Exchange use Windows names, with a
// VTIMEZONE block whose rules are those of the IANA zone it stands for.

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace samspar::roster::ical {

// The zone of `tzid`: an IANA name from the system's tzdata ("Europe/Stockholm",
// also with the leading '/' of RFC 5545's globally unique names) or one of
// the Windows names common in Swedish exports ("W. Europe Standard Time").
// nullopt for any other name.
absl::optional<absl::TimeZone> ZoneForTzid(absl::string_view tzid);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_TIME_ZONE_NAMES_H_
