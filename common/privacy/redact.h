#ifndef SAMSPAR_COMMON_PRIVACY_REDACT_H_
#define SAMSPAR_COMMON_PRIVACY_REDACT_H_

#include <string>
#include "absl/strings/string_view.h"

namespace samspar::privacy {

// The text that stands in for a removed patient identifier.
inline constexpr char kRedacted[] = "[personnummer]";

// Returns `text` with every run of characters shaped like a Swedish personal
// identity number replaced by kRedacted: 10 or 12 digits, optionally with a
// `-` or `+` before the last four (YYMMDD-NNNC, YYYYMMDDNNNC, ...), with a
// plausible month and day (day + 60 for a samordningsnummer); also interim
// numbers (YYYYMMDD-T220).
//
// This is the last line of defence for log lines and error messages: code
// must not put patient identity there in the first place, but a value copied
// from a request into a message must still never reach a log. The match is
// on shape alone (no check digit), so it also hides numbers that merely look
// like one; for logs that is the right trade.
std::string RedactPatientIdentity(absl::string_view text);

// True if `text` contains something shaped like a personal identity number.
bool ContainsPatientIdentity(absl::string_view text);

}  // namespace samspar::privacy

#endif  // SAMSPAR_COMMON_PRIVACY_REDACT_H_
