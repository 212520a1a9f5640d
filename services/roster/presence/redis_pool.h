#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_REDIS_POOL_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_REDIS_POOL_H_

// A few connections to Redis shared by concurrent callers, and the memory
// of Redis being down. After a failure every call fails at once, without
// touching the network, until retry_interval has passed; then one call
// tries a fresh connection while the others still fail at once, and the
// first answer from Redis ends the outage. Connections are opened outside
// the lock, so a slow connect delays only the caller that makes it.

#include <atomic>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "services/roster/presence/redis_connection.h"
#include "services/roster/presence/redis_options.h"

namespace samspar::roster {

class RedisPool {
 public:
  // Connects lazily: never waits for Redis here.
  explicit RedisPool(RedisOptions options);

  // Sends `commands` in one write and returns their replies in order,
  // Redis's error replies included. UNAVAILABLE when Redis cannot be
  // reached, breaks the connection or does not answer within
  // command_timeout (after connect_timeout for a new connection); at once
  // while Redis is known to be down; and when every connection stays busy
  // for command_timeout.
  absl::StatusOr<std::vector<RedisReply>> RoundTrip(absl::Span<const RedisCommand> commands);

  // False from a failure until Redis answers again.
  bool available() const { return available_.load(); }

  // The options the pool was made with.
  const RedisOptions& options() const { return options_; }

 private:
  // A connection taken from the pool; none yet when a new one is to be
  // opened in its place.
  struct Lease {
    std::unique_ptr<RedisConnection> connection;
    bool reused = false;  // it sat idle, and may have been closed by Redis meanwhile
    bool probe = false;   // the one attempt allowed while Redis is down
  };

  absl::StatusOr<Lease> Acquire();
  // Gives back the connection of a call that Redis answered.
  void Release(Lease lease);
  // Throws away a failed connection and, when `drop_idle`, the idle ones too.
  void Discard(Lease lease, bool drop_idle);
  void MarkDown(const absl::Status& cause);

  const RedisOptions options_;
  std::atomic<bool> available_{true};
  absl::Mutex mu_;
  std::vector<std::unique_ptr<RedisConnection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle, in use, or being opened
  bool down_ ABSL_GUARDED_BY(mu_) = false;
  bool probing_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time retry_at_ ABSL_GUARDED_BY(mu_);
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_REDIS_POOL_H_
