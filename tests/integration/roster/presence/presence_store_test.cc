// The presence store against a real redis-server: what is set is read back
// the same, in its region only, until its time-to-live runs out; refreshes
// move only the expiry; many practitioners are read in one call; and
// concurrent callers share the store safely.

#include "services/roster/presence/presence_store.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/roster/presence/presence_test_support.h"
#include "tests/support/redis_server.h"

namespace samspar::roster {
namespace {

using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::Optional;
using ::testing::SizeIs;

const absl::Time kNow = absl::FromUnixMillis(1'772'442'000'000);  // 2026-03-02 09:00 UTC

class PresenceStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(redis_.Start().ok()); }

  // Whether `practitioner`'s presence is gone, as a reader sees it.
  bool Gone(PresenceStore& store, const std::string& practitioner) {
    absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read =
        store.Get(kRegion, {practitioner});
    return read.ok() && !read->front().has_value();
  }

  testing::RedisServer redis_;
};

TEST_F(PresenceStoreTest, ReadsBackWhatWasSet) {
  PresenceStore store(OptionsFor(redis_));

  absl::StatusOr<PresenceRecord> stored =
      store.Set(kRegion, Presence(kAnna, kBusy, "På operation till 14", absl::Minutes(10)), kNow);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->practitioner, kAnna);
  EXPECT_EQ(stored->state, kBusy);
  EXPECT_EQ(stored->note, "På operation till 14");
  EXPECT_EQ(stored->update_time, kNow);
  EXPECT_EQ(stored->expire_time, kNow + absl::Minutes(10));
  EXPECT_EQ(stored->ttl, absl::Minutes(10));

  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read =
      store.Get(kRegion, {kAnna, kBertil});
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_THAT(*read, ElementsAre(Optional(*stored), Eq(absl::nullopt)));
  EXPECT_TRUE(store.available());
}

TEST_F(PresenceStoreTest, PresenceBelongsToItsRegion) {
  PresenceStore store(OptionsFor(redis_));
  ASSERT_TRUE(store.Set(kRegion, Presence(kAnna, kAvailable, "", absl::Minutes(10)), kNow).ok());

  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read =
      store.Get(kOtherRegion, {kAnna});
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_THAT(*read, ElementsAre(Eq(absl::nullopt)));
}

TEST_F(PresenceStoreTest, SetReplacesTheWholePresence) {
  PresenceStore store(OptionsFor(redis_));
  ASSERT_TRUE(store.Set(kRegion, Presence(kAnna, kBusy, "Ronden", absl::Minutes(10)), kNow).ok());

  absl::StatusOr<PresenceRecord> replaced =
      store.Set(kRegion, Presence(kAnna, kAway, "", absl::Minutes(30)), kNow + absl::Minutes(5));
  ASSERT_TRUE(replaced.ok()) << replaced.status();

  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read = store.Get(kRegion, {kAnna});
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_TRUE(read->front().has_value());
  EXPECT_EQ(read->front()->state, kAway);
  EXPECT_EQ(read->front()->note, "");
  EXPECT_EQ(read->front()->update_time, kNow + absl::Minutes(5));
  EXPECT_EQ(read->front()->expire_time, kNow + absl::Minutes(35));
}

TEST_F(PresenceStoreTest, PresenceIsGoneOnceItsTtlRunsOut) {
  PresenceStore store(OptionsFor(redis_));
  ASSERT_TRUE(store.Set(kRegion, Presence(kAnna, kAvailable, "", absl::Seconds(1)), kNow).ok());

  EXPECT_TRUE(Eventually([&] { return Gone(store, kAnna); }));
}

TEST_F(PresenceStoreTest, RefreshMovesOnlyTheExpiry) {
  PresenceStore store(OptionsFor(redis_));
  absl::StatusOr<PresenceRecord> stored =
      store.Set(kRegion, Presence(kAnna, kBusy, "Ronden", absl::Minutes(10)), kNow);
  ASSERT_TRUE(stored.ok()) << stored.status();

  absl::StatusOr<PresenceRecord> kept_ttl =
      store.Refresh(kRegion, kAnna, absl::nullopt, kNow + absl::Minutes(1));
  ASSERT_TRUE(kept_ttl.ok()) << kept_ttl.status();
  EXPECT_EQ(kept_ttl->expire_time, kNow + absl::Minutes(11));
  EXPECT_EQ(kept_ttl->ttl, absl::Minutes(10));
  EXPECT_EQ(kept_ttl->state, kBusy);
  EXPECT_EQ(kept_ttl->note, "Ronden");
  EXPECT_EQ(kept_ttl->update_time, kNow);

  absl::StatusOr<PresenceRecord> new_ttl =
      store.Refresh(kRegion, kAnna, absl::Hours(1), kNow + absl::Minutes(2));
  ASSERT_TRUE(new_ttl.ok()) << new_ttl.status();
  EXPECT_EQ(new_ttl->expire_time, kNow + absl::Minutes(62));
  EXPECT_EQ(new_ttl->ttl, absl::Hours(1));

  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read = store.Get(kRegion, {kAnna});
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_THAT(*read, ElementsAre(Optional(*new_ttl)));
}

TEST_F(PresenceStoreTest, RefreshKeepsThePresenceBeyondItsFirstTtl) {
  PresenceStore store(OptionsFor(redis_));
  ASSERT_TRUE(store.Set(kRegion, Presence(kAnna, kAvailable, "", absl::Seconds(1)), kNow).ok());
  ASSERT_TRUE(store.Refresh(kRegion, kAnna, absl::Minutes(10), kNow).ok());
  // A witness set later with Anna's first ttl: once it is gone, so would
  // Anna's presence be, had the refresh not extended it.
  ASSERT_TRUE(store.Set(kRegion, Presence(kBertil, kAvailable, "", absl::Seconds(1)), kNow).ok());

  ASSERT_TRUE(Eventually([&] { return Gone(store, kBertil); }));
  EXPECT_FALSE(Gone(store, kAnna));
}

TEST_F(PresenceStoreTest, RefreshWithoutPresenceIsPresenceExpired) {
  PresenceStore store(OptionsFor(redis_));

  absl::StatusOr<PresenceRecord> never_set = store.Refresh(kRegion, kAnna, absl::nullopt, kNow);
  EXPECT_EQ(never_set.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(never_set.status()), "PRESENCE_EXPIRED");

  ASSERT_TRUE(store.Set(kRegion, Presence(kAnna, kAvailable, "", absl::Seconds(1)), kNow).ok());
  ASSERT_TRUE(Eventually([&] { return Gone(store, kAnna); }));
  absl::StatusOr<PresenceRecord> expired =
      store.Refresh(kRegion, kAnna, absl::Minutes(10), kNow + absl::Seconds(5));
  EXPECT_EQ(expired.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(expired.status()), "PRESENCE_EXPIRED");
  EXPECT_TRUE(Gone(store, kAnna)) << "a refused refresh must not bring the presence back";
}

TEST_F(PresenceStoreTest, ReadsTwoHundredPractitionersInOneCall) {
  PresenceStore store(OptionsFor(redis_));
  std::vector<std::string> practitioners;
  for (int i = 0; i < 200; ++i) {
    practitioners.push_back(absl::StrCat("SE2321000057-", 2000 + i));
    if (i % 3 == 0) {
      ASSERT_TRUE(store
                      .Set(kRegion,
                           Presence(practitioners.back(), kAvailable, absl::StrCat("nr ", i),
                                    absl::Minutes(10)),
                           kNow)
                      .ok());
    }
  }

  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read =
      store.Get(kRegion, practitioners);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_THAT(*read, SizeIs(200));
  for (int i = 0; i < 200; ++i) {
    const absl::optional<PresenceRecord>& presence = (*read)[i];
    if (i % 3 == 0) {
      ASSERT_TRUE(presence.has_value()) << "practitioner " << i;
      EXPECT_EQ(presence->practitioner, practitioners[i]);
      EXPECT_EQ(presence->note, absl::StrCat("nr ", i));
    } else {
      EXPECT_FALSE(presence.has_value()) << "practitioner " << i;
    }
  }
}

TEST_F(PresenceStoreTest, RefusesWhatCannotBeStored) {
  PresenceStore store(OptionsFor(redis_));
  constexpr int kUnknown = 5;

  absl::StatusOr<PresenceRecord> unknown =
      store.Set(kRegion, Presence(kAnna, kUnknown, "", absl::Minutes(10)), kNow);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(unknown.status()), "state");

  absl::StatusOr<PresenceRecord> no_ttl =
      store.Set(kRegion, Presence(kAnna, kAvailable, "", absl::ZeroDuration()), kNow);
  EXPECT_EQ(no_ttl.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(no_ttl.status()), "ttl");

  EXPECT_TRUE(Gone(store, kAnna));
}

TEST_F(PresenceStoreTest, EightThreadsSetAndGetAtOnce) {
  PresenceStore store(OptionsFor(redis_));
  constexpr int kThreads = 8;
  constexpr int kRounds = 50;
  const int states[] = {kAvailable, kBusy, kAway, kOffline};

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string practitioner = absl::StrCat("SE2321000057-", 3000 + t);
      for (int round = 0; round < kRounds; ++round) {
        PresenceRecord wanted = Presence(practitioner, states[(t + round) % 4],
                                         absl::StrCat("round ", round), absl::Minutes(10));
        absl::StatusOr<PresenceRecord> stored =
            store.Set(kRegion, wanted, kNow + absl::Seconds(round));
        ASSERT_TRUE(stored.ok()) << stored.status();
        absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> read =
            store.Get(kRegion, {practitioner});
        ASSERT_TRUE(read.ok()) << read.status();
        EXPECT_THAT(*read, ElementsAre(Optional(*stored)));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_TRUE(store.available());
}

}  // namespace
}  // namespace samspar::roster
