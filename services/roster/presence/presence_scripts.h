#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_SCRIPTS_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_SCRIPTS_H_

// The Lua scripts (for EVAL) that write a presence and publish the change
// in one atomic step: a watcher sees every write, and never a change
// message for a write that did not happen.
//
// Both take KEYS[1] = the presence hash, ARGV[1] = the region's change
// channel and ARGV[2] = the practitioner's HSA-id, and return the hash's
// fields after the write, as HGETALL does. Field names and formats are
// those of presence_codec.h.

#include <string>

namespace samspar::roster {

// ARGV[3..7]: state, note, update_time, expire_time, ttl. Replaces the
// presence and sets the key to expire after ttl.
const std::string& SetPresenceScript();

// ARGV[3]: now (Unix milliseconds); ARGV[4]: a new ttl in milliseconds, or
// empty to keep the last one. Moves expire_time to now + ttl and sets the
// key to expire after ttl, changing nothing else. Returns nil when there
// is no presence (it expired or was never set).
const std::string& RefreshPresenceScript();

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_SCRIPTS_H_
