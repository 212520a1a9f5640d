// Presence when Redis is down or too slow: reads fail fast with
// UNAVAILABLE (PRESENCE_STORE_UNAVAILABLE), so that answers can come from
// the roster alone; the watch hub tells its listeners; and both recover by
// themselves when Redis is back.

#include <memory>
#include <string>
#include <vector>

#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/roster/presence/presence_store.h"
#include "services/roster/presence/presence_watch_hub.h"
#include "tests/integration/roster/presence/presence_test_support.h"
#include "tests/support/redis_server.h"

namespace samspar::roster {
namespace {

using Kind = PresenceEvent::Kind;
using ::testing::Le;
using ::testing::Optional;

const absl::Time kNow = absl::FromUnixMillis(1'772'442'000'000);  // 2026-03-02 09:00 UTC

// Far more than a call may take while Redis is down or frozen (a new
// connection's connect_timeout plus a command_timeout at worst), far less
// than a caller would notice.
constexpr absl::Duration kFast = absl::Milliseconds(500);

class PresenceOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.Start().ok());
    store_ = std::make_unique<PresenceStore>(OptionsFor(redis_));
    hub_ = std::make_unique<PresenceWatchHub>(OptionsFor(redis_));
    subscription_ = hub_->Subscribe(kRegion, events_.Listener());
    ASSERT_TRUE(Eventually([&] { return hub_->connected(); }));
    // The store has a connection open when Redis goes away.
    ASSERT_TRUE(store_->Get(kRegion, {kAnna}).ok());
  }

  // Reads Anna's presence, expecting the refusal of a store that is down,
  // in good time.
  void ExpectFastUnavailable() {
    absl::Time start = absl::Now();
    absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read =
        store_->Get(kRegion, {kAnna});
    absl::Duration took = absl::Now() - start;
    EXPECT_LT(took, kFast);
    EXPECT_EQ(read.status().code(), absl::StatusCode::kUnavailable);
    EXPECT_EQ(ReasonOf(read.status()), "PRESENCE_STORE_UNAVAILABLE");
    EXPECT_THAT(RetryDelayOf(read.status()), Optional(Le(absl::Seconds(1))));
  }

  bool Readable() { return store_->Get(kRegion, {kAnna}).ok(); }

  testing::RedisServer redis_;
  EventLog events_;
  std::unique_ptr<PresenceStore> store_;
  std::unique_ptr<PresenceWatchHub> hub_;
  std::unique_ptr<PresenceWatchHub::Subscription> subscription_;
};

TEST_F(PresenceOutageTest, StoppedRedisFailsReadsFastAndTheHubSaysSo) {
  size_t mark = events_.size();
  ASSERT_TRUE(redis_.Stop().ok());

  // Over more than one retry interval: the first failure, the calls failed
  // at once, and the next attempt to connect.
  absl::Time until = absl::Now() + absl::Milliseconds(1500);
  while (absl::Now() < until) {
    ExpectFastUnavailable();
    absl::SleepFor(absl::Milliseconds(100));
  }
  absl::StatusOr<PresenceRecord> write =
      store_->Set(kRegion, Presence(kAnna, kAvailable, "", absl::Minutes(10)), kNow);
  EXPECT_EQ(write.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ReasonOf(write.status()), "PRESENCE_STORE_UNAVAILABLE");
  EXPECT_FALSE(store_->available());

  EXPECT_TRUE(events_.WaitFor(Is(Kind::kStoreDown), mark).has_value());
  EXPECT_FALSE(hub_->connected());
}

TEST_F(PresenceOutageTest, RestartedRedisIsUsedAgainWithoutHelp) {
  ASSERT_TRUE(redis_.Stop().ok());
  ASSERT_TRUE(events_.WaitFor(Is(Kind::kStoreDown)).has_value());
  ExpectFastUnavailable();

  size_t mark = events_.size();
  ASSERT_TRUE(redis_.Start().ok());

  EXPECT_TRUE(Eventually([&] { return Readable(); }));
  EXPECT_TRUE(store_->available());
  ASSERT_TRUE(events_.WaitFor(Is(Kind::kStoreUp), mark).has_value());
  EXPECT_TRUE(hub_->connected());
  // Changes and expiries reach the watcher again: the restarted Redis was
  // told again to announce expiries.
  ASSERT_TRUE(store_->Set(kRegion, Presence(kAnna, kAvailable, "", absl::Seconds(1)), kNow).ok());
  EXPECT_TRUE(events_.WaitFor(Is(Kind::kChanged, kAnna), mark).has_value());
  EXPECT_TRUE(events_.WaitFor(Is(Kind::kExpired, kAnna), mark).has_value());
}

TEST_F(PresenceOutageTest, RestartBetweenTwoCallsFailsNeither) {
  ASSERT_TRUE(redis_.Stop().ok());
  ASSERT_TRUE(redis_.Start().ok());

  // The store's open connection was closed by the restart; the call is
  // answered on a new one.
  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read = store_->Get(kRegion, {kAnna});
  EXPECT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(store_->available());
}

TEST_F(PresenceOutageTest, FrozenRedisFailsReadsWithinTheCommandTimeout) {
  redis_.Pause();

  ExpectFastUnavailable();  // waits out command_timeout on the open connection
  ExpectFastUnavailable();  // fails at once
  EXPECT_FALSE(store_->available());

  redis_.Resume();
  EXPECT_TRUE(Eventually([&] { return Readable(); }));
  EXPECT_TRUE(store_->available());
}

TEST_F(PresenceOutageTest, HubNoticesAFrozenRedisAndItsReturn) {
  size_t mark = events_.size();
  redis_.Pause();
  ASSERT_TRUE(events_.WaitFor(Is(Kind::kStoreDown), mark).has_value());
  EXPECT_FALSE(hub_->connected());

  mark = events_.size();
  redis_.Resume();
  ASSERT_TRUE(events_.WaitFor(Is(Kind::kStoreUp), mark).has_value());
  ASSERT_TRUE(store_->Set(kRegion, Presence(kAnna, kBusy, "", absl::Minutes(10)), kNow).ok());
  EXPECT_TRUE(events_.WaitFor(Is(Kind::kChanged, kAnna), mark).has_value());
}

TEST_F(PresenceOutageTest, HubStopsPromptlyWhileRedisIsFrozen) {
  redis_.Pause();
  subscription_.reset();

  absl::Time start = absl::Now();
  hub_.reset();
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
}

}  // namespace
}  // namespace samspar::roster
