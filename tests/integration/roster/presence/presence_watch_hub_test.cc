// Presence changes across replicas of the roster service: two stores (two
// replicas) and a watch hub (a third) on one real redis-server. A change
// made through either store reaches the hub's listeners of its region, an
// expiry arrives as kExpired, and an ended subscription hears nothing more.

#include "services/roster/presence/presence_watch_hub.h"

#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/roster/presence/presence_store.h"
#include "tests/integration/roster/presence/presence_test_support.h"
#include "tests/support/redis_server.h"

namespace samspar::roster {
namespace {

using Kind = PresenceEvent::Kind;

const absl::Time kNow = absl::FromUnixMillis(1'772'442'000'000);  // 2026-03-02 09:00 UTC

class PresenceWatchHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.Start().ok());
    replica_a_ = std::make_unique<PresenceStore>(OptionsFor(redis_));
    replica_b_ = std::make_unique<PresenceStore>(OptionsFor(redis_));
    hub_ = std::make_unique<PresenceWatchHub>(OptionsFor(redis_));
    ASSERT_TRUE(Eventually([&] { return hub_->connected(); }));
  }

  testing::RedisServer redis_;
  std::unique_ptr<PresenceStore> replica_a_;
  std::unique_ptr<PresenceStore> replica_b_;
  std::unique_ptr<PresenceWatchHub> hub_;
};

TEST_F(PresenceWatchHubTest, ChangesThroughEitherReplicaReachTheWatcher) {
  EventLog events;
  auto subscription = hub_->Subscribe(kRegion, events.Listener());

  // A note with what JSON must escape, and more than ASCII.
  absl::StatusOr<PresenceRecord> stored = replica_a_->Set(
      kRegion, Presence(kAnna, kBusy, "På \"akuten\" / rum 3\n", absl::Minutes(10)), kNow);
  ASSERT_TRUE(stored.ok()) << stored.status();
  absl::optional<PresenceEvent> set = events.WaitFor(Is(Kind::kChanged, kAnna));
  ASSERT_TRUE(set.has_value());
  EXPECT_EQ(set->region, kRegion);
  EXPECT_EQ(set->record, *stored);

  size_t mark = events.size();
  absl::StatusOr<PresenceRecord> refreshed =
      replica_b_->Refresh(kRegion, kAnna, absl::Minutes(20), kNow + absl::Minutes(1));
  ASSERT_TRUE(refreshed.ok()) << refreshed.status();
  absl::optional<PresenceEvent> refresh = events.WaitFor(Is(Kind::kChanged, kAnna), mark);
  ASSERT_TRUE(refresh.has_value());
  EXPECT_EQ(refresh->record, *refreshed);
}

TEST_F(PresenceWatchHubTest, ExpiryArrivesAsExpired) {
  EventLog events;
  auto subscription = hub_->Subscribe(kRegion, events.Listener());

  ASSERT_TRUE(
      replica_a_->Set(kRegion, Presence(kAnna, kAvailable, "", absl::Seconds(1)), kNow).ok());

  absl::optional<PresenceEvent> expired = events.WaitFor(Is(Kind::kExpired, kAnna));
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(expired->region, kRegion);
  EXPECT_FALSE(expired->record.has_value());
}

TEST_F(PresenceWatchHubTest, WatchersHearOnlyTheirRegion) {
  EventLog here;
  EventLog elsewhere;
  auto here_subscription = hub_->Subscribe(kRegion, here.Listener());
  auto elsewhere_subscription = hub_->Subscribe(kOtherRegion, elsewhere.Listener());

  ASSERT_TRUE(
      replica_a_->Set(kOtherRegion, Presence(kBertil, kAvailable, "", absl::Minutes(10)), kNow)
          .ok());
  ASSERT_TRUE(
      replica_b_->Set(kRegion, Presence(kAnna, kAvailable, "", absl::Minutes(10)), kNow).ok());

  // Changes arrive in order, so once Anna's has, Bertil's was delivered.
  ASSERT_TRUE(here.WaitFor(Is(Kind::kChanged, kAnna)).has_value());
  ASSERT_TRUE(elsewhere.WaitFor(Is(Kind::kChanged, kBertil)).has_value());
  EXPECT_FALSE(here.Any(Is(Kind::kChanged, kBertil)));
  EXPECT_FALSE(elsewhere.Any(Is(Kind::kChanged, kAnna)));
}

TEST_F(PresenceWatchHubTest, EndedSubscriptionHearsNothingMore) {
  EventLog ended;
  EventLog still;
  auto ended_subscription = hub_->Subscribe(kRegion, ended.Listener());
  auto still_subscription = hub_->Subscribe(kRegion, still.Listener());

  ended_subscription.reset();
  ASSERT_TRUE(
      replica_a_->Set(kRegion, Presence(kAnna, kAvailable, "", absl::Minutes(10)), kNow).ok());

  // Both listeners would be called for the same message, one after the other.
  ASSERT_TRUE(still.WaitFor(Is(Kind::kChanged, kAnna)).has_value());
  EXPECT_FALSE(ended.Any(Is(Kind::kChanged, kAnna)));
}

}  // namespace
}  // namespace samspar::roster
