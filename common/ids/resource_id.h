#ifndef SAMSPAR_COMMON_IDS_RESOURCE_ID_H_
#define SAMSPAR_COMMON_IDS_RESOURCE_ID_H_

// The ids the server assigns (common.proto, "Resource names, regions and
// ids"): 26 characters of Crockford's base 32 in lowercase, never with a run
// of ten or more digits, which could be mistaken for a personnummer.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace samspar::ids {

// A new id for a resource created at `time`: a ULID (the millisecond of
// `time`, then 80 random bits), so ids sort by creation time.
std::string NewResourceId(absl::Time time);

// A random UUID (version 4, lowercase): the id a sender gives a message, such
// as an outbox row, that its receiver de-duplicates by.
std::string NewUuid();

// The id derived from `key`: the same key gives the same id in every process
// and release, different keys practically never the same id. For things that
// are computed rather than stored but must keep their id across answers, such
// as an on-call duty in calendar feeds.
std::string DerivedResourceId(absl::string_view key);

}  // namespace samspar::ids

#endif  // SAMSPAR_COMMON_IDS_RESOURCE_ID_H_
