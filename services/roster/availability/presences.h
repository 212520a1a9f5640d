#ifndef SAMSPAR_SERVICES_ROSTER_AVAILABILITY_PRESENCES_H_
#define SAMSPAR_SERVICES_ROSTER_AVAILABILITY_PRESENCES_H_

// Practitioners' presence over the API (roster.proto, "Presence"): the
// contract's checks and defaults in front of the Redis store. Reads never
// fail because the store is down: they say UNKNOWN, and the batch read says
// the presence is not known. Callers are authorised (NOT_SELF included)
// before these are called.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/availability/presence_cache.h"
#include "services/roster/presence/presence_store.h"

namespace samspar::roster {

class Presences {
 public:
  // Writes go to `store` and are kept in `cache` at once, so that this
  // replica's on-call answers show them.
  Presences(sql::Database& database, PresenceStore& store, PresenceCache& cache);

  absl::StatusOr<v1::Presence> Update(const v1::UpdatePresenceRequest& request, absl::Time now);
  absl::StatusOr<v1::Presence> Heartbeat(const v1::HeartbeatRequest& request, absl::Time now);
  absl::StatusOr<v1::Presence> Get(const v1::GetPresenceRequest& request);
  absl::StatusOr<v1::BatchGetPresenceResponse> BatchGet(const std::string& region,
                                                        const v1::BatchGetPresenceRequest& request);

  // The presence as the API shows it; UNKNOWN when `record` is unset.
  static v1::Presence ToPresence(const std::string& region, const std::string& hsa_id,
                                 const absl::optional<PresenceRecord>& record);

 private:
  // NOT_FOUND (PRACTITIONER_NOT_FOUND) unless the practitioner is in the
  // directory.
  absl::Status CheckPractitioner(const std::string& region, const std::string& hsa_id);

  sql::Database& database_;
  PresenceStore& store_;
  PresenceCache& cache_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_AVAILABILITY_PRESENCES_H_
