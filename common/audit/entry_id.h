#ifndef SAMSPAR_COMMON_AUDIT_ENTRY_ID_H_
#define SAMSPAR_COMMON_AUDIT_ENTRY_ID_H_

#include <string>

#include "absl/time/time.h"

namespace samspar::audit {

// A new access-log entry id as common.proto defines server-assigned ids: a
// ULID in lowercase (26 characters of Crockford's base 32: the millisecond
// of `time`, then 80 random bits), so ids sort by creation time; never with
// a run of ten or more digits, which could be mistaken for a personnummer.
std::string NewEntryId(absl::Time time);

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_ENTRY_ID_H_
