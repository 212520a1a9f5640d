#include "common/identity/replay_cache.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace samspar::identity {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'750'000'000);

TEST(ReplayCache, AcceptsAnIdOnceOnly) {
  ReplayCache cache;
  EXPECT_EQ(cache.CheckAndInsert("a", kNow + absl::Minutes(5), kNow).value(), true);
  EXPECT_EQ(cache.CheckAndInsert("a", kNow + absl::Minutes(5), kNow + absl::Minutes(1)).value(),
            false);
  EXPECT_EQ(cache.CheckAndInsert("b", kNow + absl::Minutes(5), kNow).value(), true);
}

TEST(ReplayCache, ForgetsAnIdOnceItsTokenHasExpired) {
  ReplayCache cache;
  ASSERT_TRUE(cache.CheckAndInsert("a", kNow + absl::Minutes(5), kNow).value());
  ASSERT_TRUE(cache.CheckAndInsert("b", kNow + absl::Minutes(9), kNow).value());
  EXPECT_EQ(cache.CheckAndInsert("c", kNow + absl::Minutes(10), kNow + absl::Minutes(6)).value(),
            true);
  EXPECT_EQ(cache.size(), 2u);  // "a" dropped, "b" and "c" held
}

TEST(ReplayCache, WhenFullRefusesNewIdsAsUnavailableUntilOldOnesExpire) {
  ReplayCache cache(/*capacity=*/2);
  ASSERT_TRUE(cache.CheckAndInsert("a", kNow + absl::Minutes(1), kNow).value());
  ASSERT_TRUE(cache.CheckAndInsert("b", kNow + absl::Minutes(2), kNow).value());

  absl::StatusOr<bool> full = cache.CheckAndInsert("c", kNow + absl::Minutes(5), kNow);
  EXPECT_EQ(full.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(full.status().message(), "replay cache full; try again shortly");
  // A replay is still recognised as one while the cache is full.
  EXPECT_EQ(cache.CheckAndInsert("a", kNow + absl::Minutes(1), kNow).value(), false);

  EXPECT_EQ(cache.CheckAndInsert("c", kNow + absl::Minutes(5), kNow + absl::Minutes(1)).value(),
            true);
}

TEST(ReplayCache, OneOfManyConcurrentUsesOfAnIdWins) {
  ReplayCache cache;
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&cache, &accepted] {
      for (int round = 0; round < 100; ++round) {
        if (cache.CheckAndInsert(std::to_string(round), kNow + absl::Minutes(5), kNow).value()) {
          ++accepted;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(accepted.load(), 100);
}

}  // namespace
}  // namespace samspar::identity
