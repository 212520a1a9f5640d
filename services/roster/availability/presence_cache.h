#ifndef SAMSPAR_SERVICES_ROSTER_AVAILABILITY_PRESENCE_CACHE_H_
#define SAMSPAR_SERVICES_ROSTER_AVAILABILITY_PRESENCE_CACHE_H_

// Presence as this replica knows it, for the on-call answers: read from
// Redis once per practitioner, then kept current by the watch hub, which
// hears every change and expiry made through any replica. While the hub is
// not following Redis (not yet subscribed, or Redis away), nothing is kept
// and every read goes to the store, which then says presence is unavailable
// as before. Writes through this replica are kept at once, so its own
// callers read what they wrote. A kept presence is re-read after a minute
// at the latest, and one past its expiry time is UNKNOWN even before Redis
// says so. Thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "absl/types/span.h"
#include "services/roster/availability/lazy_presence_hub.h"
#include "services/roster/presence/presence_record.h"
#include "services/roster/presence/presence_store.h"

namespace samspar::roster {

class PresenceCache {
 public:
  PresenceCache(PresenceStore& store, LazyPresenceHub& hub);
  ~PresenceCache();
  PresenceCache(const PresenceCache&) = delete;
  PresenceCache& operator=(const PresenceCache&) = delete;

  // As PresenceStore::Get: the presences of `people` (HSA-ids) of `region`
  // in order, nullopt for none; UNAVAILABLE when they cannot be read.
  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> Get(const std::string& region,
                                                                  absl::Span<const std::string> people, absl::Time now);

  // What this replica just stored (UpdatePresence, Heartbeat).
  void Put(const std::string& region, const PresenceRecord& record, absl::Time now);

 private:
  struct Entry {
    absl::optional<PresenceRecord> record;
    absl::Time read_time;
    uint64_t sequence = 0;  // of the last change that set it
  };
  struct Region {
    std::unique_ptr<PresenceWatchHub::Subscription> subscription;
    // Whether the hub follows Redis for this region, so kept entries stay
    // current.
    bool live = false;
    // The hub's up and down reports heard so far; the state read when
    // subscribing holds only if none came meanwhile.
    int health_reports = 0;
    absl::flat_hash_map<std::string, Entry> entries;
  };

  // Subscribes the region's cache to the hub on first use. Called without
  // the lock: the hub calls its listeners under its own lock, so subscribing
  // under ours could deadlock with a listener waiting for ours.
  void Follow(const std::string& region) ABSL_LOCKS_EXCLUDED(mutex_);
  void OnEvent(const std::string& region, const PresenceEvent& event);

  PresenceStore& store_;
  LazyPresenceHub& hub_;
  absl::Mutex mutex_;
  uint64_t sequence_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::flat_hash_map<std::string, std::unique_ptr<Region>> regions_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_AVAILABILITY_PRESENCE_CACHE_H_
