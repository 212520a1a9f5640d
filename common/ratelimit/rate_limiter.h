#ifndef SAMSPAR_COMMON_RATELIMIT_RATE_LIMITER_H_
#define SAMSPAR_COMMON_RATELIMIT_RATE_LIMITER_H_

// Per-caller rate limits, so that one misbehaving integration cannot starve
// the clinicians: each caller (a person's HSA-id, a system's client id) has
// a token bucket that refills at a steady rate up to a burst. A call over
// the limit is refused with RESOURCE_EXHAUSTED, reason RATE_LIMITED, and a
// retry delay that says when a token will be there.
//
// The buckets are per process: behind a load balancer with N replicas a
// caller gets up to N times the rate, which is the intent (the limit guards
// each replica's capacity).

#include <functional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace samspar::ratelimit {

struct RateLimit {
  double calls_per_second = 50;
  double burst = 100;  // calls allowed at once after a quiet spell
};

class RateLimiter {
 public:
  using Clock = std::function<absl::Time()>;

  explicit RateLimiter(RateLimit limit, Clock clock = absl::Now,
                       size_t max_callers = 100'000);

  // Takes one token of `caller`'s bucket, or says when to retry.
  absl::Status Admit(absl::string_view caller);

  // How many callers have a bucket now (for a gauge, and to see the bound).
  size_t TrackedCallers();

 private:
  struct Bucket {
    double tokens;
    absl::Time updated;
  };
  // Forgets buckets that have refilled completely: they hold no state a
  // new bucket would not have, so memory stays bounded by active callers.
  void ForgetFullBuckets(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const RateLimit limit_;
  const Clock clock_;
  const size_t max_callers_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace samspar::ratelimit

#endif  // SAMSPAR_COMMON_RATELIMIT_RATE_LIMITER_H_
