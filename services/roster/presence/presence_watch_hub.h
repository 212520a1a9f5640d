#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_WATCH_HUB_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_WATCH_HUB_H_

// Presence changes made through any replica of the roster service, and
// expiries, delivered to this replica's listeners (its WatchPresence
// streams). One thread keeps one Redis connection subscribed to every
// region's change channel (see PresenceStore) and to Redis's expiry
// notifications, `__keyevent@0__:expired` (the store uses database 0). It
// enables those with CONFIG SET notify-keyspace-events on connecting,
// keeping the flags already set; when Redis refuses, expiries go
// unreported and a warning is logged.
//
// When the connection breaks, or a quiet connection does not answer a
// PING within command_timeout, listeners get kStoreDown and the hub
// reconnects with backoff (up to retry_interval between attempts); once
// subscribed again they get kStoreUp.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/roster/presence/presence_event.h"
#include "services/roster/presence/presence_keys.h"
#include "services/roster/presence/redis_connection.h"
#include "services/roster/presence/redis_options.h"

namespace samspar::roster {

class PresenceWatchHub {
 public:
  // Called on the hub's thread, one event at a time. It must not block,
  // nor call into the hub (Subscribe, or destroying a Subscription).
  using Listener = std::function<void(const PresenceEvent&)>;

  // A listener's registration; destroying it unsubscribes. It must not
  // outlive the hub.
  class Subscription {
   public:
    // Once this returns, the listener is not called again.
    ~Subscription();
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

   private:
    friend class PresenceWatchHub;
    Subscription(PresenceWatchHub* hub, uint64_t id) : hub_(hub), id_(id) {}

    PresenceWatchHub* hub_;
    uint64_t id_;
  };

  // Starts the hub's thread, which connects in the background: never waits
  // for Redis here.
  explicit PresenceWatchHub(RedisOptions options);
  // Stops the thread without waiting for Redis.
  ~PresenceWatchHub();
  PresenceWatchHub(const PresenceWatchHub&) = delete;
  PresenceWatchHub& operator=(const PresenceWatchHub&) = delete;

  // Calls `listener` with the kChanged and kExpired events of `region`,
  // and with every kStoreDown and kStoreUp.
  std::unique_ptr<Subscription> Subscribe(absl::string_view region, Listener listener);

  // Whether the hub is subscribed now, for metrics and health.
  bool connected() const { return connected_.load(); }

 private:
  struct Registration {
    std::string region;
    Listener listener;
  };

  void Run();
  absl::StatusOr<std::unique_ptr<RedisConnection>> ConnectAndSubscribe();
  // Turns expiry notifications on unless they are; a refusal is logged, not
  // returned.
  absl::Status EnableExpiryEvents(RedisConnection& connection);
  // Delivers what arrives until the connection fails or the hub stops.
  absl::Status Listen(RedisConnection& connection);
  void Dispatch(const RedisReply& message);
  void Deliver(const PresenceEvent& event);
  void ReportHealth(bool up, const absl::Status& cause);
  // Waits for `duration`; true when the hub is stopping.
  bool WaitUnlessStopping(absl::Duration duration);
  void Unsubscribe(uint64_t id);

  const RedisOptions options_;
  const PresenceKeys keys_;
  // Readable once the hub stops, to wake its thread from any wait.
  const int wake_fd_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> connected_{false};
  // What listeners were last told; nothing before the first attempt.
  absl::optional<bool> reported_up_;

  absl::Mutex listeners_mu_;
  uint64_t next_id_ ABSL_GUARDED_BY(listeners_mu_) = 0;
  absl::flat_hash_map<uint64_t, Registration> registrations_ ABSL_GUARDED_BY(listeners_mu_);

  std::thread thread_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_PRESENCE_WATCH_HUB_H_
