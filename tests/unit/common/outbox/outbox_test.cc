// The outbox on a real SQLite file: a message exists exactly when the
// transaction that wrote it committed, reaches the receiver oldest first and
// in batches, survives a receiver that is away (with backoff, across
// restarts of the relay), and reaches it at least once when several replicas
// relay from one database. Nothing of a payload is ever stored outside its
// row or logged.

#include "common/outbox/outbox.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/logging/log.h"
#include "common/outbox/outbox_relay.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spdlog/sinks/ostream_sink.h"
#include "tests/support/temp_dir.h"

namespace samspar::outbox {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAreArray;
using Outcome = DeliveryResult::Outcome;

constexpr char kTopic[] = "metrics.events";

constexpr sql::Migration kMigrations[] = {
    {1, kOutboxMigrationName, kOutboxMigrationSql},
};

const absl::Time kStart =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 8, 0, 0), absl::UTCTimeZone());

// A receiver that records what it is sent and answers as told: by default
// it takes every message.
class Receiver {
 public:
  using Answer = std::function<absl::StatusOr<std::vector<DeliveryResult>>(
      const std::vector<OutboxMessage>& batch)>;

  OutboxRelay::Deliver AsDeliver() {
    return [this](const std::vector<OutboxMessage>& batch)
               -> absl::StatusOr<std::vector<DeliveryResult>> {
      Answer answer;
      {
        absl::MutexLock lock(&mu_);
        batches_.push_back(batch);
        answer = answer_;
      }
      if (answer) return answer(batch);
      return std::vector<DeliveryResult>(batch.size(), {Outcome::kDelivered, ""});
    };
  }

  void AnswerWith(Answer answer) {
    absl::MutexLock lock(&mu_);
    answer_ = std::move(answer);
  }

  std::vector<std::vector<OutboxMessage>> batches() const {
    absl::MutexLock lock(&mu_);
    return batches_;
  }

  // Every message received, in the order received, duplicates included.
  std::vector<OutboxMessage> messages() const {
    std::vector<OutboxMessage> all;
    for (const auto& batch : batches()) all.insert(all.end(), batch.begin(), batch.end());
    return all;
  }

  std::vector<std::string> ids() const {
    std::vector<std::string> ids;
    for (const OutboxMessage& message : messages()) ids.push_back(message.id);
    return ids;
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<std::vector<OutboxMessage>> batches_ ABSL_GUARDED_BY(mu_);
  Answer answer_ ABSL_GUARDED_BY(mu_);
};

absl::StatusOr<std::vector<DeliveryResult>> Unavailable(const std::vector<OutboxMessage>&) {
  return RetryableError(absl::StatusCode::kUnavailable, "DATABASE_UNAVAILABLE",
                        "metrics could not store the events", absl::Seconds(1));
}

// Waits, polling, until `condition` holds; false when it did not within a
// generous time.
bool Eventually(const std::function<bool()>& condition) {
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (!condition()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

struct RowState {
  int64_t attempts;
  absl::Time next_attempt_time;
  std::optional<std::string> last_error;
};

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override { database_ = OpenReplica(); }

  // Another connection to the same file, as a second replica has.
  std::unique_ptr<sql::Database> OpenReplica() {
    absl::StatusOr<std::unique_ptr<sql::Database>> database =
        sql::OpenDatabase(dir_.File("consult.db"));
    EXPECT_TRUE(database.ok()) << database.status();
    if (!database.ok()) return nullptr;
    absl::StatusOr<int> applied = sql::ApplyMigrations(**database, "consult", kMigrations);
    EXPECT_TRUE(applied.ok()) << applied.status();
    return *std::move(database);
  }

  std::string EnqueueCommitted(const std::string& payload, absl::Time time,
                               absl::string_view topic = kTopic) {
    std::string id;
    absl::Status status = database_->RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::string> enqueued = Enqueue(tx, topic, payload, time);
      if (!enqueued.ok()) return enqueued.status();
      id = *enqueued;
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return id;
  }

  std::vector<std::string> EnqueueMany(int count, absl::Time time) {
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i)
      ids.push_back(EnqueueCommitted(absl::StrCat("event ", i), time));
    return ids;
  }

  RowState StateOf(const std::string& id) {
    absl::StatusOr<std::vector<sql::Row>> rows = database_->Query(
        "SELECT attempts, next_attempt_time, last_error FROM outbox WHERE id = ?", {id});
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok() || rows->size() != 1) {
      ADD_FAILURE() << "no outbox row " << id;
      return {};
    }
    const sql::Row& row = (*rows)[0];
    return {*row.GetInt64("attempts"), absl::FromUnixMicros(*row.GetInt64("next_attempt_time")),
            *row.GetOptionalText("last_error")};
  }

  int64_t Pending(OutboxRelay& relay) {
    absl::StatusOr<int64_t> pending = relay.Pending();
    EXPECT_TRUE(pending.ok()) << pending.status();
    return pending.value_or(-1);
  }

  RelayCounts Run(OutboxRelay& relay, absl::Time now) {
    absl::StatusOr<RelayCounts> counts = relay.RunOnce(now);
    EXPECT_TRUE(counts.ok()) << counts.status();
    return counts.value_or(RelayCounts{});
  }

  samspar::testing::TempDir dir_;
  std::unique_ptr<sql::Database> database_;
  Receiver receiver_;
};

TEST_F(OutboxTest, IdsAreDistinctLowercaseVersion4Uuids) {
  std::vector<std::string> ids = EnqueueMany(200, kStart);
  for (const std::string& id : ids) {
    EXPECT_THAT(
        id, MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  }
  EXPECT_THAT(std::set<std::string>(ids.begin(), ids.end()), SizeIs(ids.size()));
}

TEST_F(OutboxTest, EnqueueInARolledBackTransactionLeavesNothing) {
  absl::Status status = database_->RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    absl::StatusOr<std::string> id = Enqueue(tx, kTopic, "event", kStart);
    if (!id.ok()) return id.status();
    return absl::FailedPreconditionError("the change itself failed");
  });
  ASSERT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);

  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());
  EXPECT_EQ(Pending(relay), 0);
  EXPECT_EQ(Run(relay, kStart + absl::Hours(1)).total(), 0);
  EXPECT_THAT(receiver_.batches(), IsEmpty()) << "an empty batch must not be sent";
}

TEST_F(OutboxTest, EnqueueRefusesAnEmptyTopic) {
  absl::Status status = database_->RunInTransaction(
      [&](sql::Transaction& tx) { return Enqueue(tx, "", "event", kStart).status(); });
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(OutboxTest, CommittedMessagesAreDeliveredOnceAndRemoved) {
  const std::string binary("\x00\xff\x0a payload", 11);
  std::string first = EnqueueCommitted(binary, kStart);
  std::string second = EnqueueCommitted("second", kStart + absl::Seconds(1));
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());
  ASSERT_EQ(Pending(relay), 2);

  RelayCounts counts = Run(relay, kStart + absl::Seconds(2));
  EXPECT_EQ(counts.delivered, 2);
  EXPECT_EQ(counts.total(), 2);
  std::vector<OutboxMessage> received = receiver_.messages();
  ASSERT_THAT(received, SizeIs(2));
  EXPECT_EQ(received[0].id, first);
  EXPECT_EQ(received[0].payload, binary);
  EXPECT_EQ(received[1].id, second);
  EXPECT_EQ(received[1].payload, "second");
  EXPECT_EQ(Pending(relay), 0);

  EXPECT_EQ(Run(relay, kStart + absl::Hours(1)).total(), 0);
  EXPECT_THAT(receiver_.batches(), SizeIs(1));
  EXPECT_EQ(relay.totals().delivered, 2);
}

TEST_F(OutboxTest, RelayTakesOnlyItsOwnTopic) {
  std::string event = EnqueueCommitted("event", kStart);
  EnqueueCommitted("mail", kStart, "mail");
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());
  Run(relay, kStart);
  EXPECT_THAT(receiver_.ids(), ElementsAre(event));
  EXPECT_EQ(Pending(relay), 0);
  OutboxRelay mail(*database_, "mail", receiver_.AsDeliver());
  EXPECT_EQ(Pending(mail), 1);
}

TEST_F(OutboxTest, MessagesAreDueFromTheirCreationTime) {
  EnqueueCommitted("event", kStart);
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());
  EXPECT_EQ(Run(relay, kStart - absl::Seconds(1)).total(), 0);
  EXPECT_EQ(Run(relay, kStart).delivered, 1);
}

TEST_F(OutboxTest, UnavailableReceiverKeepsTheRowsAndBacksOff) {
  std::vector<std::string> ids = EnqueueMany(2, kStart);
  receiver_.AnswerWith(Unavailable);
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());

  RelayCounts failed = Run(relay, kStart);
  EXPECT_EQ(failed.retried, 2);
  EXPECT_EQ(failed.delivered, 0);
  EXPECT_EQ(Pending(relay), 2);
  for (const std::string& id : ids) {
    RowState state = StateOf(id);
    EXPECT_EQ(state.attempts, 1);
    EXPECT_EQ(state.last_error, "DATABASE_UNAVAILABLE");
    // One second, shortened by up to half for jitter.
    EXPECT_GE(state.next_attempt_time, kStart + absl::Milliseconds(500));
    EXPECT_LE(state.next_attempt_time, kStart + absl::Seconds(1));
  }

  receiver_.AnswerWith(nullptr);
  EXPECT_EQ(Run(relay, kStart + absl::Milliseconds(499)).total(), 0);
  EXPECT_THAT(receiver_.batches(), SizeIs(1));

  RelayCounts delivered = Run(relay, kStart + absl::Seconds(1));
  EXPECT_EQ(delivered.delivered, 2);
  EXPECT_EQ(Pending(relay), 0);
  EXPECT_THAT(receiver_.batches().back(), SizeIs(2));
}

TEST_F(OutboxTest, BackoffDoublesUpToFiveMinutes) {
  std::string id = EnqueueCommitted("event", kStart);
  receiver_.AnswerWith(Unavailable);
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());

  absl::Time now = kStart;
  absl::Duration full = absl::Seconds(1);
  for (int attempt = 1; attempt <= 12; ++attempt) {
    ASSERT_EQ(Run(relay, now).retried, 1) << "attempt " << attempt;
    RowState state = StateOf(id);
    EXPECT_EQ(state.attempts, attempt);
    EXPECT_GE(state.next_attempt_time - now, full / 2) << "attempt " << attempt;
    EXPECT_LE(state.next_attempt_time - now, full) << "attempt " << attempt;
    now = state.next_attempt_time;
    full = std::min(full * 2, absl::Minutes(5));
  }
  EXPECT_EQ(full, absl::Minutes(5)) << "the cap was reached within the loop";
}

TEST_F(OutboxTest, EachMessageIsDeliveredRejectedOrRetriedOnItsOwn) {
  std::string delivered = EnqueueCommitted("good", kStart);
  std::string rejected = EnqueueCommitted("bad", kStart + absl::Microseconds(1));
  std::string retried = EnqueueCommitted("later", kStart + absl::Microseconds(2));
  receiver_.AnswerWith(
      [](const std::vector<OutboxMessage>&) -> absl::StatusOr<std::vector<DeliveryResult>> {
        return std::vector<DeliveryResult>{{Outcome::kDelivered, ""},
                                           {Outcome::kRejected, "PATIENT_IDENTITY_DETECTED"},
                                           {Outcome::kRetry, "DATABASE_UNAVAILABLE"}};
      });
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());

  RelayCounts counts = Run(relay, kStart + absl::Seconds(1));
  EXPECT_EQ(counts.delivered, 1);
  EXPECT_EQ(counts.rejected, 1);
  EXPECT_EQ(counts.retried, 1);
  EXPECT_EQ(Pending(relay), 1);
  RowState state = StateOf(retried);
  EXPECT_EQ(state.attempts, 1);
  EXPECT_EQ(state.last_error, "DATABASE_UNAVAILABLE");

  receiver_.AnswerWith(nullptr);
  EXPECT_EQ(Run(relay, kStart + absl::Seconds(2)).delivered, 1);
  EXPECT_THAT(receiver_.batches().back(), SizeIs(1));
  EXPECT_EQ(receiver_.batches().back()[0].id, retried);
  EXPECT_EQ(Pending(relay), 0);

  RelayCounts totals = relay.totals();
  EXPECT_EQ(totals.delivered, 2);
  EXPECT_EQ(totals.rejected, 1);
  EXPECT_EQ(totals.retried, 1);
}

TEST_F(OutboxTest, AnswerOfTheWrongLengthRetriesTheWholeBatch) {
  std::vector<std::string> ids = EnqueueMany(2, kStart);
  receiver_.AnswerWith(
      [](const std::vector<OutboxMessage>&) -> absl::StatusOr<std::vector<DeliveryResult>> {
        return std::vector<DeliveryResult>{{Outcome::kDelivered, ""}};
      });
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());
  EXPECT_EQ(Run(relay, kStart).retried, 2);
  EXPECT_EQ(Pending(relay), 2);
  EXPECT_EQ(StateOf(ids[0]).last_error, "INTERNAL");
}

TEST_F(OutboxTest, OldestMessagesGoFirst) {
  std::string third = EnqueueCommitted("third", kStart + absl::Seconds(3));
  std::string first = EnqueueCommitted("first", kStart + absl::Seconds(1));
  std::string second = EnqueueCommitted("second", kStart + absl::Seconds(2));
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());
  Run(relay, kStart + absl::Seconds(10));
  EXPECT_THAT(receiver_.ids(), ElementsAre(first, second, third));
}

TEST_F(OutboxTest, BatchesHoldAtMostTheBatchSize) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(EnqueueCommitted("event", kStart + absl::Seconds(i)));
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver(), {.batch_size = 2});
  const absl::Time now = kStart + absl::Minutes(1);
  EXPECT_EQ(Run(relay, now).delivered, 2);
  EXPECT_EQ(Run(relay, now).delivered, 2);
  EXPECT_EQ(Run(relay, now).delivered, 1);
  EXPECT_EQ(Run(relay, now).total(), 0);
  std::vector<std::vector<OutboxMessage>> batches = receiver_.batches();
  ASSERT_THAT(batches, SizeIs(3));
  EXPECT_THAT(batches[0], SizeIs(2));
  EXPECT_THAT(batches[1], SizeIs(2));
  EXPECT_THAT(batches[2], SizeIs(1));
  EXPECT_THAT(receiver_.ids(), ElementsAreArray(ids));
}

TEST_F(OutboxTest, RestartedRelayContinuesWhereTheLastOneStopped) {
  std::string id = EnqueueCommitted("event", kStart);
  receiver_.AnswerWith(Unavailable);
  {
    OutboxRelay before(*database_, kTopic, receiver_.AsDeliver());
    ASSERT_EQ(Run(before, kStart).retried, 1);
  }
  database_ = OpenReplica();
  OutboxRelay after(*database_, kTopic, receiver_.AsDeliver());
  EXPECT_EQ(Run(after, kStart + absl::Milliseconds(499)).total(), 0) << "the backoff holds";
  ASSERT_EQ(Run(after, kStart + absl::Seconds(1)).retried, 1);
  RowState state = StateOf(id);
  EXPECT_EQ(state.attempts, 2);
  EXPECT_GE(state.next_attempt_time, kStart + absl::Seconds(2));

  receiver_.AnswerWith(nullptr);
  EXPECT_EQ(Run(after, kStart + absl::Seconds(3)).delivered, 1);
  EXPECT_EQ(Pending(after), 0);
  EXPECT_THAT(receiver_.ids(), ElementsAre(id, id, id));
}

TEST_F(OutboxTest, RowsBeingDeliveredAreLeftAloneUntilTheClaimTimesOut) {
  std::vector<std::string> ids = EnqueueMany(3, kStart);
  std::unique_ptr<sql::Database> replica = OpenReplica();
  Receiver other_receiver;
  OutboxRelay other(*replica, kTopic, other_receiver.AsDeliver());
  RelayCounts while_claimed;
  RelayCounts after_timeout;
  // While this relay's Deliver runs (and holds no transaction), the other
  // replica's relay can write: it skips the claimed rows, and once the claim
  // has timed out, as for a relay that died, takes them.
  receiver_.AnswerWith(
      [&](const std::vector<OutboxMessage>& batch) -> absl::StatusOr<std::vector<DeliveryResult>> {
        while_claimed = Run(other, kStart + absl::Seconds(59));
        after_timeout = Run(other, kStart + absl::Minutes(1));
        return std::vector<DeliveryResult>(batch.size(), {Outcome::kDelivered, ""});
      });
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver(), {.claim_timeout = absl::Minutes(1)});

  EXPECT_EQ(Run(relay, kStart).delivered, 3);
  EXPECT_EQ(while_claimed.total(), 0);
  EXPECT_EQ(after_timeout.delivered, 3);
  EXPECT_THAT(other_receiver.ids(), UnorderedElementsAreArray(ids));
  EXPECT_EQ(Pending(relay), 0);
}

TEST_F(OutboxTest, TwoReplicasDeliverEveryMessageAtLeastOnce) {
  std::vector<std::string> ids = EnqueueMany(300, absl::Now());
  std::unique_ptr<sql::Database> replica = OpenReplica();
  const RelayOptions options = {.batch_size = 7, .poll_interval = absl::Milliseconds(5)};
  OutboxRelay first(*database_, kTopic, receiver_.AsDeliver(), options);
  OutboxRelay second(*replica, kTopic, receiver_.AsDeliver(), options);
  first.Start();
  second.Start();
  ASSERT_TRUE(Eventually([&] { return Pending(first) == 0; }));
  first.Stop();
  second.Stop();

  std::vector<std::string> received = receiver_.ids();
  std::set<std::string> distinct(received.begin(), received.end());
  EXPECT_EQ(distinct, std::set<std::string>(ids.begin(), ids.end()));
  // Duplicates are allowed (the receiver de-duplicates by id); counted for
  // the record.
  RecordProperty("duplicates", static_cast<int>(received.size() - distinct.size()));
}

TEST_F(OutboxTest, BackgroundThreadDeliversAndStopsPromptly) {
  EnqueueMany(5, kStart);
  // An hour between polls: all five arrive only because a full batch is
  // followed at once by the next, and Stop must not wait for the poll.
  OutboxRelay relay(
      *database_, kTopic, receiver_.AsDeliver(),
      {.batch_size = 2, .poll_interval = absl::Hours(1), .clock = [] { return kStart; }});
  relay.Start();
  ASSERT_TRUE(Eventually([&] { return receiver_.messages().size() == 5; }));
  relay.Stop();
  relay.Stop();
  EXPECT_EQ(Pending(relay), 0);
  EXPECT_THAT(receiver_.batches(), SizeIs(3));
}

TEST_F(OutboxTest, BackgroundThreadPicksUpMessagesEnqueuedLater) {
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver(),
                    {.poll_interval = absl::Milliseconds(10), .clock = [] { return kStart; }});
  relay.Start();
  std::string id = EnqueueCommitted("event", kStart);
  ASSERT_TRUE(Eventually([&] { return receiver_.ids() == std::vector<std::string>{id}; }));
}

class OutboxLogTest : public OutboxTest {
 protected:
  void SetUp() override {
    OutboxTest::SetUp();
    log::Configure(
        {.service = "consult", .sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_)});
  }
  void TearDown() override { log::Configure(log::Options{}); }

  std::ostringstream log_;
};

TEST_F(OutboxLogTest, NothingOfThePayloadIsStoredOrLogged) {
  const std::string payload = "akut bröstsmärta, remiss till kardiologen";
  std::vector<std::string> ids = {EnqueueCommitted(payload, kStart),
                                  EnqueueCommitted(payload, kStart + absl::Microseconds(1))};
  // A careless receiver that repeats the payload in its error message.
  receiver_.AnswerWith(
      [&](const std::vector<OutboxMessage>& batch) -> absl::StatusOr<std::vector<DeliveryResult>> {
        return absl::UnavailableError(absl::StrCat("could not take ", batch[0].payload));
      });
  OutboxRelay relay(*database_, kTopic, receiver_.AsDeliver());
  ASSERT_EQ(Run(relay, kStart + absl::Seconds(1)).retried, 2);
  EXPECT_EQ(StateOf(ids[0]).last_error, "UNAVAILABLE");

  receiver_.AnswerWith(
      [](const std::vector<OutboxMessage>&) -> absl::StatusOr<std::vector<DeliveryResult>> {
        return std::vector<DeliveryResult>{{Outcome::kRejected, "FIELD_INVALID"},
                                           {Outcome::kRetry, "DATABASE_UNAVAILABLE"}};
      });
  ASSERT_EQ(Run(relay, kStart + absl::Seconds(2)).rejected, 1);

  const std::string logged = log_.str();
  EXPECT_THAT(logged, HasSubstr("outbox.delivery_failed"));
  EXPECT_THAT(logged, HasSubstr("outbox.message_rejected"));
  EXPECT_THAT(logged, HasSubstr(ids[0]));
  EXPECT_THAT(logged, Not(HasSubstr("bröstsmärta")));
  EXPECT_EQ(StateOf(ids[1]).last_error, "DATABASE_UNAVAILABLE");
}

}  // namespace
}  // namespace samspar::outbox
