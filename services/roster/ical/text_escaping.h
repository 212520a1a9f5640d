#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_TEXT_ESCAPING_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_TEXT_ESCAPING_H_

// TEXT values of iCalendar (RFC 5545 section 3.3.11): a backslash, semicolon,
// comma or line break in a summary must not be taken for structure.

#include <string>

#include "absl/strings/string_view.h"

namespace samspar::roster::ical {

// `text` as a TEXT value: \\, \; and \, for the three special characters and
// \n for a line break (CRLF, LF or CR). Other control characters but tab are
// left out, as TEXT does not admit them.
std::string EscapeText(absl::string_view text);

// The text a TEXT value stands for. \n and \N are line breaks; a backslash
// before any other character is dropped, as some exporters escape colons.
std::string UnescapeText(absl::string_view value);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_TEXT_ESCAPING_H_
