#ifndef SAMSPAR_SERVICES_ROSTER_AVAILABILITY_LAZY_PRESENCE_HUB_H_
#define SAMSPAR_SERVICES_ROSTER_AVAILABILITY_LAZY_PRESENCE_HUB_H_

// The replica's one watch hub, made when first needed (a watch stream, the
// first presence read), so that a replica does not hold a Redis
// subscription, or report Redis missing, before anyone asks for presence.

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/roster/presence/presence_watch_hub.h"
#include "services/roster/presence/redis_options.h"

namespace samspar::roster {

class LazyPresenceHub {
 public:
  explicit LazyPresenceHub(RedisOptions options) : options_(std::move(options)) {}

  PresenceWatchHub& Get() {
    absl::MutexLock lock(&mutex_);
    if (hub_ == nullptr) hub_ = std::make_unique<PresenceWatchHub>(options_);
    return *hub_;
  }

 private:
  const RedisOptions options_;
  absl::Mutex mutex_;
  std::unique_ptr<PresenceWatchHub> hub_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_AVAILABILITY_LAZY_PRESENCE_HUB_H_
