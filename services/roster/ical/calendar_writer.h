#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_CALENDAR_WRITER_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_CALENDAR_WRITER_H_

// A practitioner's or a line's duties as an iCalendar file (RFC 5545), for
// subscribing to from Outlook, Google Calendar or a phone.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/calendar/interval.h"

namespace samspar::roster::ical {

struct CalendarEvent {
  std::string uid;  // e.g. "<duty id>@samspar.se"; stable, so that updates replace the event
  calendar::Interval interval;
  std::string summary;      // e.g. "Bakjour internmedicin, Ryhov (primary)"
  std::string description;  // optional, may be empty
};

struct CalendarDocument {
  std::string name;  // X-WR-CALNAME, the name calendar programs show
  absl::Time stamp;  // DTSTAMP of every event: when the document was made
  std::vector<CalendarEvent> events;
};

// `document` as an iCalendar file: a VCALENDAR with the Europe/Stockholm
// VTIMEZONE and one VEVENT per event, its times written on Stockholm's
// clocks (`stockholm`, from calendar::StockholmTimeZone()) so that calendar
// programs show the hours of the roster. A time in the hour the clocks show
// twice in October is written in UTC instead, as a wall-clock time could
// not tell which of the two is meant. Times are written to the second. Lines
// end in CRLF and are folded at 75 octets.
std::string WriteCalendar(const CalendarDocument& document, absl::TimeZone stockholm);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_CALENDAR_WRITER_H_
