#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_CONTENT_LINE_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_CONTENT_LINE_H_

// One unfolded iCalendar content line, NAME;PARAM=value:value (RFC 5545
// section 3.1), split into its parts.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/roster/ical/line_folding.h"

namespace samspar::roster::ical {

struct ContentLine {
  int line_number = 0;
  std::string name;  // upper case: names are case-insensitive
  // Names in upper case; values without their quotes, several values of one
  // parameter joined by commas.
  std::vector<std::pair<std::string, std::string>> parameters;
  std::string value;  // as written, escapes and all

  // The value of the parameter `name` (upper case), if present.
  absl::optional<absl::string_view> Parameter(absl::string_view name) const;
};

// `line` split into name, parameters and value, or nullopt when it is not a
// content line (no name, no colon, an unterminated quote).
absl::optional<ContentLine> ParseContentLine(const LogicalLine& line);

// The name a malformed line seems to start with, in upper case, for telling
// the user where the problem is; empty when it does not start with a letter
// (it could then be a piece of a value, perhaps a personnummer).
std::string ApparentName(absl::string_view text);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_CONTENT_LINE_H_
