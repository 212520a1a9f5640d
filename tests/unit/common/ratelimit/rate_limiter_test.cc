#include "common/ratelimit/rate_limiter.h"

#include <string>

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace samspar::ratelimit {
namespace {

class RateLimiterTest : public ::testing::Test {
 protected:
  absl::Time now_ = absl::FromUnixSeconds(1'790'000'000);
  RateLimiter::Clock clock_ = [this] { return now_; };
};

TEST_F(RateLimiterTest, ABurstIsAdmittedThenTheCallerWaitsForTheRefill) {
  RateLimiter limiter({.calls_per_second = 2, .burst = 3}, clock_);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Admit("SE2321000057-1001").ok()) << i;
  absl::Status refused = limiter.Admit("SE2321000057-1001");
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ReasonOf(refused), "RATE_LIMITED");
  EXPECT_EQ(RetryDelayOf(refused), absl::Milliseconds(500));

  now_ += absl::Milliseconds(499);
  EXPECT_FALSE(limiter.Admit("SE2321000057-1001").ok());
  now_ += absl::Milliseconds(501);
  EXPECT_TRUE(limiter.Admit("SE2321000057-1001").ok());
}

TEST_F(RateLimiterTest, CallersHaveBucketsOfTheirOwn) {
  RateLimiter limiter({.calls_per_second = 1, .burst = 1}, clock_);
  EXPECT_TRUE(limiter.Admit("ehr-cosmic").ok());
  EXPECT_FALSE(limiter.Admit("ehr-cosmic").ok());
  EXPECT_TRUE(limiter.Admit("SE2321000057-1001").ok());
}

TEST_F(RateLimiterTest, TheSteadyRateIsSustainedIndefinitely) {
  RateLimiter limiter({.calls_per_second = 10, .burst = 1}, clock_);
  int admitted = 0;
  for (int i = 0; i < 1000; ++i) {
    now_ += absl::Milliseconds(100);
    admitted += limiter.Admit("caller").ok() ? 1 : 0;
  }
  EXPECT_EQ(admitted, 1000);
}

TEST_F(RateLimiterTest, MemoryIsBoundedByActiveCallers) {
  RateLimiter limiter({.calls_per_second = 1, .burst = 1}, clock_, /*max_callers=*/10);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(limiter.Admit("caller-" + std::to_string(i)).ok());
  // Once their buckets have refilled, old callers are forgotten, and a
  // forgotten caller starts again with a full bucket.
  now_ += absl::Seconds(5);
  for (int i = 10; i < 20; ++i) ASSERT_TRUE(limiter.Admit("caller-" + std::to_string(i)).ok());
  EXPECT_LE(limiter.TrackedCallers(), 10u);
  EXPECT_TRUE(limiter.Admit("caller-0").ok());
}

}  // namespace
}  // namespace samspar::ratelimit
