#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_CODEC_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_CODEC_H_

// How a presence is written in Redis. Its hash has the fields `state` (the
// PresenceState number), `note`, `update_time` and `expire_time` (Unix
// milliseconds) and `ttl` (milliseconds), all as decimal text; the scripts
// of presence_scripts.cc write them. A change is published as a JSON
// object of the same fields plus `practitioner`, every value a string.

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/roster/presence/presence_record.h"

namespace samspar::roster {

// A presence hash: field name to value.
using PresenceFields = absl::flat_hash_map<std::string, std::string>;

// Whether `state` is one a presence may be stored with (AVAILABLE, BUSY,
// AWAY or OFFLINE).
bool IsStorableState(int state);

// Times and time-to-lives as the hash holds them.
std::string MillisText(absl::Time time);
std::string MillisText(absl::Duration duration);

// The presence of `practitioner` that `fields` hold; nullopt when they hold
// none (an empty hash is how Redis shows a missing key).
absl::optional<PresenceRecord> DecodePresence(absl::string_view practitioner,
                                              const PresenceFields& fields);

// The presence a change message carries; nullopt when it is not one.
absl::optional<PresenceRecord> DecodePresenceMessage(absl::string_view message);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_CODEC_H_
