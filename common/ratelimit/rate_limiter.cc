#include "common/ratelimit/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace samspar::ratelimit {

RateLimiter::RateLimiter(RateLimit limit, Clock clock, size_t max_callers)
    : limit_(limit), clock_(std::move(clock)), max_callers_(max_callers) {}

void RateLimiter::ForgetFullBuckets(absl::Time now) {
  absl::erase_if(buckets_, [&](const auto& entry) {
    const Bucket& bucket = entry.second;
    double refilled =
        bucket.tokens + absl::ToDoubleSeconds(now - bucket.updated) * limit_.calls_per_second;
    return refilled >= limit_.burst;
  });
}

absl::Status RateLimiter::Admit(absl::string_view caller) {
  absl::Time now = clock_();
  absl::MutexLock lock(&mutex_);
  auto it = buckets_.find(caller);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_callers_) ForgetFullBuckets(now);
    it = buckets_.emplace(std::string(caller), Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = it->second;
  double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - bucket.updated));
  bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * limit_.calls_per_second);
  bucket.updated = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return absl::OkStatus();
  }
  absl::Duration wait = absl::Seconds((1 - bucket.tokens) / limit_.calls_per_second);
  // Whole milliseconds, rounded up: a client that waits exactly this long
  // finds a token.
  wait = absl::Milliseconds(std::ceil(absl::ToDoubleMilliseconds(wait)));
  return RetryableError(absl::StatusCode::kResourceExhausted, "RATE_LIMITED",
                        absl::StrCat("too many calls: at most ", limit_.calls_per_second,
                                     " a second (bursts of ", limit_.burst, "); retry in ",
                                     absl::FormatDuration(wait)),
                        wait);
}

size_t RateLimiter::TrackedCallers() {
  absl::MutexLock lock(&mutex_);
  return buckets_.size();
}

}  // namespace samspar::ratelimit
