#ifndef SAMSPAR_COMMON_IDENTITY_REPLAY_CACHE_H_
#define SAMSPAR_COMMON_IDENTITY_REPLAY_CACHE_H_

// Remembers the ids (`jti`) of the tokens already used, so that a token
// captured on the way can be used only once.

#include <cstddef>
#include <set>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace samspar::identity {

// Where token ids are remembered. Implementations are thread-safe.
class ReplayGuard {
 public:
  virtual ~ReplayGuard() = default;

  // Records the use of token `jti`: true on its first use, false when it was
  // used before (a replay). `expiry` is when the token stops being accepted
  // anyway (its `exp` plus the clock skew); the id is forgotten after that.
  // UNAVAILABLE when the guard cannot tell; the token must then be refused.
  virtual absl::StatusOr<bool> CheckAndInsert(absl::string_view jti, absl::Time expiry,
                                              absl::Time now) = 0;
};

// The guard in this process's memory. It catches a token replayed against
// the same process only: with several replicas behind a load balancer, a
// token replayed against another replica passes, which only a guard shared by
// all replicas (e.g. in Redis) would catch.
//
// Memory is bounded: at most `capacity` ids are held. Ids whose token has
// expired are dropped on every call, so the cache is full only when
// `capacity` unexpired tokens were used within one token lifetime. Then new
// tokens are refused with UNAVAILABLE ("replay cache full") rather than
// accepted unchecked or by forgetting an id that could still be replayed.
class ReplayCache final : public ReplayGuard {
 public:
  static constexpr size_t kDefaultCapacity = 1'000'000;

  explicit ReplayCache(size_t capacity = kDefaultCapacity);

  absl::StatusOr<bool> CheckAndInsert(absl::string_view jti, absl::Time expiry,
                                      absl::Time now) override;

  // The number of ids held.
  size_t size() const;

 private:
  void DropExpired(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const size_t capacity_;
  mutable absl::Mutex mutex_;
  // Ordered by expiry, so that expired ids are dropped from the front.
  std::set<std::pair<absl::Time, std::string>> by_expiry_ ABSL_GUARDED_BY(mutex_);
  // Views of the ids held in by_expiry_, whose nodes do not move.
  absl::flat_hash_set<absl::string_view> seen_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_REPLAY_CACHE_H_
