#ifndef SAMSPAR_SERVICES_ROSTER_ROSTER_OPTIONS_H_
#define SAMSPAR_SERVICES_ROSTER_ROSTER_OPTIONS_H_

// What the roster service needs beyond every service's options: where its
// presence store is.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/http/link_tokens.h"
#include "services/roster/presence/redis_options.h"

namespace samspar::roster {

struct RosterOptions {
  RedisOptions redis;
  // What signs calendar feed URLs; feeds are off without it.
  absl::optional<http::LinkTokens> feed_tokens = {};
  // Where calendar apps reach the HTTP side port, e.g.
  // "https://roster.regionjonkoping.se:9091"; feed URLs are paths without it.
  std::string calendar_feed_base_url = {};
  // The civil time of rosters: Europe/Stockholm.
  absl::TimeZone zone;
};

// From --redis, --redis_password_file, --redis_key_prefix,
// --calendar_feed_key_file and --calendar_feed_base_url (or their SAMSPAR_
// environment variables).
absl::StatusOr<RosterOptions> RosterOptionsFromFlags();

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ROSTER_OPTIONS_H_
