#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_EVENT_BLOCKS_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_EVENT_BLOCKS_H_

// The structure of an iCalendar document: components between BEGIN and END
// lines, of which only the VEVENTs of each VCALENDAR matter to a roster.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/roster/ical/calendar_reader.h"
#include "services/roster/ical/content_line.h"

namespace samspar::roster::ical {

// One VEVENT as written: the lines directly inside it, not those of a
// VALARM or other component within it.
struct EventBlock {
  int begin_line = 0;
  std::vector<ContentLine> properties;
  std::vector<ImportProblem> malformed_lines;  // lines that are not content lines
};

// The VEVENTs of `text` in file order. INVALID_ARGUMENT (FIELD_INVALID,
// field "ical") when the text is not an iCalendar document: not UTF-8, no
// VCALENDAR, content outside one, or BEGIN and END lines that do not pair up.
absl::StatusOr<std::vector<EventBlock>> EventBlocksOf(absl::string_view text);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_EVENT_BLOCKS_H_
