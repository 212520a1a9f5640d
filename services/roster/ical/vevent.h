#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_VEVENT_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_VEVENT_H_

// What one VEVENT says about a duty: when, for whom, and what in it is
// wrong.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/roster/ical/calendar_reader.h"
#include "services/roster/ical/event_blocks.h"
#include "services/roster/ical/recurrence_set.h"

namespace samspar::roster::ical {

struct VEvent {
  int begin_line = 0;
  bool cancelled = false;  // STATUS:CANCELLED
  std::string uid;         // empty when missing
  int uid_line = 0;
  // Whether it has a RECURRENCE-ID, i.e. replaces one instance of a
  // recurring event; `recurrence_id` is that instance's start when readable.
  bool replaces_instance = false;
  absl::optional<absl::Time> recurrence_id;
  int recurrence_id_line = 0;
  RecurrenceSet instances;  // meaningful only when there are no problems
  std::string hsa_id;
  std::vector<std::string> attendee_emails;
  std::string summary;
  std::vector<ImportProblem> problems;
};

// The event of `block`, with floating times and dates in `stockholm`. A
// cancelled event still has its UID and RECURRENCE-ID read, as a cancelled
// instance removes that instance from its event.
VEvent InterpretEvent(const EventBlock& block, absl::TimeZone stockholm);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_VEVENT_H_
