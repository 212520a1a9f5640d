#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_STORE_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_STORE_H_

// Practitioners' presence in Redis, shared by every replica of the roster
// service: one hash per practitioner that Redis removes when its
// time-to-live runs out. Presence is soft state, so the store never makes
// a caller wait on a sick Redis: when Redis is down or slow, calls fail
// within command_timeout (plus connect_timeout when a new connection is
// needed), and then at once, with UNAVAILABLE (reason
// PRESENCE_STORE_UNAVAILABLE, with a retry delay), and they work again by
// themselves once Redis is back. A write that failed so may still have
// taken effect; repeating it is harmless.
//
// Every Set and Refresh also publishes the change on the region's channel,
// in the same atomic step; PresenceWatchHub delivers it to every replica.
// Times are kept to the millisecond. Regions and practitioners are the ids
// of valid resource names. Thread-safe.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "absl/types/span.h"
#include "services/roster/presence/presence_keys.h"
#include "services/roster/presence/presence_record.h"
#include "services/roster/presence/redis_options.h"
#include "services/roster/presence/redis_pool.h"

namespace samspar::roster {

class PresenceStore {
 public:
  // Connects lazily: never waits for Redis here.
  explicit PresenceStore(RedisOptions options);

  // Sets `record.practitioner`'s presence in `region` (state and note) for
  // `record.ttl`, stamped update_time = `now` and expire_time = `now` +
  // ttl (the service's clock; the other times of `record` are ignored), and
  // publishes the change. Returns the presence as stored.
  // INVALID_ARGUMENT (FIELD_INVALID) for a state that cannot be stored or a
  // ttl under a millisecond (the service checks the allowed range);
  // UNAVAILABLE (PRESENCE_STORE_UNAVAILABLE) when Redis cannot be written.
  absl::StatusOr<PresenceRecord> Set(absl::string_view region, const PresenceRecord& record,
                                     absl::Time now);

  // Extends the current presence to expire `ttl` after `now` (its last ttl
  // when none is given), changing neither state, note nor update_time, and
  // publishes the change. Returns the presence as stored.
  // FAILED_PRECONDITION (PRESENCE_EXPIRED) when there is none (it expired
  // or was never set); INVALID_ARGUMENT (FIELD_INVALID) for a ttl under a
  // millisecond; UNAVAILABLE (PRESENCE_STORE_UNAVAILABLE) as for Set.
  absl::StatusOr<PresenceRecord> Refresh(absl::string_view region, absl::string_view practitioner,
                                         absl::optional<absl::Duration> ttl, absl::Time now);

  // The presences of `practitioners` in `region`, in the same order;
  // nullopt for one never set or expired. One round trip to Redis,
  // whatever the number. UNAVAILABLE (PRESENCE_STORE_UNAVAILABLE) when
  // Redis cannot be read within command_timeout, and at once while it is
  // known to be down: the caller then answers with presence unknown.
  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> Get(
      absl::string_view region, absl::Span<const std::string> practitioners);

  // The last known state of Redis, for metrics and health: false from a
  // failed call until one succeeds; true before the first call.
  bool available() const { return pool_.available(); }

 private:
  // Runs one of the presence scripts and reads the presence it returns.
  absl::StatusOr<PresenceRecord> RunScript(const RedisCommand& eval,
                                           absl::string_view practitioner);
  absl::Status Unavailable(absl::string_view cause) const;

  const PresenceKeys keys_;
  RedisPool pool_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_STORE_H_
