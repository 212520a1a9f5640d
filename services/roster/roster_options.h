#ifndef SAMSPAR_SERVICES_ROSTER_ROSTER_OPTIONS_H_
#define SAMSPAR_SERVICES_ROSTER_ROSTER_OPTIONS_H_

// What the roster service needs beyond every service's options: where its
// presence store is.

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/roster/presence/redis_options.h"

namespace samspar::roster {

struct RosterOptions {
  RedisOptions redis;
  // The civil time of rosters: Europe/Stockholm.
  absl::TimeZone zone;
};

// From --redis, --redis_password_file and --redis_key_prefix (or their
// SAMSPAR_ environment variables).
absl::StatusOr<RosterOptions> RosterOptionsFromFlags();

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ROSTER_OPTIONS_H_
