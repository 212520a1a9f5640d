#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_EVENT_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_EVENT_H_

// What the watch hub tells its listeners: a presence changed or expired
// (through any replica of the roster service), or the store went away or
// came back.

#include <string>

#include "absl/types/optional.h"
#include "services/roster/presence/presence_record.h"

namespace samspar::roster {

struct PresenceEvent {
  enum class Kind {
    // A presence was set or refreshed; `record` is the presence now.
    kChanged,
    // A presence reached its time-to-live: it is UNKNOWN now.
    kExpired,
    // The hub lost Redis: presence cannot be followed until kStoreUp.
    kStoreDown,
    // The hub reaches Redis (again). Changes made while it did not were
    // missed: a listener reads the presences it follows afresh.
    kStoreUp,
  };
  Kind kind = Kind::kChanged;
  // Empty for kStoreDown and kStoreUp.
  std::string region;
  // The practitioner's HSA-id, for kChanged and kExpired.
  std::string practitioner;
  // For kChanged.
  absl::optional<PresenceRecord> record;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_EVENT_H_
