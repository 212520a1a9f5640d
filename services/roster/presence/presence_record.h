#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_RECORD_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_RECORD_H_

// A practitioner's presence as the store keeps it. Times are kept to the
// millisecond.

#include <string>

#include "absl/time/time.h"

namespace samspar::roster {

struct PresenceRecord {
  // The practitioner's HSA-id.
  std::string practitioner = {};
  // A samspar.v1.PresenceState number: AVAILABLE (1), BUSY (2), AWAY (3) or
  // OFFLINE (4). UNKNOWN is what a reader makes of a missing record; it is
  // never stored.
  int state = 0;
  std::string note = {};
  absl::Time update_time = {};
  absl::Time expire_time = {};
  // The time-to-live last set; a refresh without one reuses it.
  absl::Duration ttl = {};

  friend bool operator==(const PresenceRecord&, const PresenceRecord&) = default;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_RECORD_H_
