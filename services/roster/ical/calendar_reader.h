#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_CALENDAR_READER_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_CALENDAR_READER_H_

// Reading a roster from an iCalendar file (RFC 5545) exported by Outlook,
// Google Calendar or a scheduling system: the duties in a window of time,
// each as a UTC interval, and what in the file could not be read.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/calendar/interval.h"

namespace samspar::roster::ical {

struct ImportedEvent {
  int line_number = 0;  // 1-based line of the event's BEGIN:VEVENT in the file
  // UID for a single event; for an instance of a recurring event UID, "/"
  // and the instance's original start in UTC as YYYYMMDDTHHMMSSZ, so that
  // importing the file again finds the same instances.
  std::string uid;
  calendar::Interval interval;
  std::string hsa_id;                        // X-HSA-ID, if any
  std::vector<std::string> attendee_emails;  // from ATTENDEE:mailto:..., lower case
  std::string summary;
};

struct ImportProblem {
  int line_number = 0;  // line of the offending property, or of BEGIN:VEVENT
  std::string property;  // e.g. "DTEND", "RRULE", "UID"
  // FIELD_REQUIRED, FIELD_INVALID, INVALID_TIME_RANGE or DUPLICATE_ROW.
  std::string reason;
  std::string description;  // English; never repeats a value from the file
};

struct ParsedCalendar {
  // The events overlapping the window: in the order of the file, the
  // instances of a recurring event (its moved instances included) in time
  // order at the place of the event.
  std::vector<ImportedEvent> events;
  // In line order. An event with a problem is not among the events.
  std::vector<ImportProblem> problems;
};

// The events of the iCalendar document `text` that overlap `window`, read
// by these rules:
// - Times ending in Z are UTC; TZID names an IANA zone or a Windows zone
//   common in Outlook and Exchange exports; floating times and all-day
//   dates are in `stockholm` (Europe/Stockholm). A local time the clocks
//   skip is the moment of the change, one they show twice its first
//   occurrence (calendar::ResolveLocal).
// - The end is DTEND or DTSTART plus DURATION (an all-day event without
//   either lasts one day); an event must end after it starts and last at
//   most 31 days.
// - RRULE (DAILY, WEEKLY with BYDAY, MONTHLY with BYMONTHDAY; INTERVAL,
//   COUNT, UNTIL, WKST), RDATE, EXDATE and RECURRENCE-ID are honoured.
//   Instances keep DTSTART's wall-clock time and the first instance's
//   wall-clock length in DTSTART's zone, and are expanded within the window
//   only, at most 5000 per event.
// - Events with STATUS:CANCELLED are left out; a cancelled RECURRENCE-ID
//   removes its instance.
// INVALID_ARGUMENT (FIELD_INVALID, field "ical") when the text is not an
// iCalendar document at all: not UTF-8, no BEGIN:VCALENDAR ... END:VCALENDAR,
// unbalanced BEGIN and END.
absl::StatusOr<ParsedCalendar> ReadCalendar(absl::string_view text, calendar::Interval window,
                                            absl::TimeZone stockholm);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_CALENDAR_READER_H_
