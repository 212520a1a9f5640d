#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_LINE_FOLDING_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_LINE_FOLDING_H_

// Long content lines are folded onto several physical lines (RFC 5545
// section 3.1): a line break followed by one space or tab continues the line.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace samspar::roster::ical {

// `line` folded into physical lines of at most 75 octets, each ending in
// CRLF; continuation lines start with one space. A multi-byte UTF-8
// character is never cut.
std::string FoldContentLine(absl::string_view line);

// One content line after unfolding, with the 1-based number of the physical
// line it starts on, so that problems can point into the file.
struct LogicalLine {
  int line_number = 0;
  std::string text;
};

// The content lines of `text`: physical lines end in LF or CRLF; a line
// starting with a space or tab is joined, without that character, to the
// line before; blank lines are dropped.
std::vector<LogicalLine> UnfoldLines(absl::string_view text);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_LINE_FOLDING_H_
