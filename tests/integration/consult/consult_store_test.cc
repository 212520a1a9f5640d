// The consult store on a real SQLite file with the consult service's
// migrations: a consult comes back as stored; of two changes from the same
// version exactly one is written; due timers are found, soonest first;
// participants are only ever added.

#include "services/consult/store/consult_store.h"

#include <memory>

#include "common/api/proto_time.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/consult/consult_schema.h"
#include "tests/support/temp_dir.h"

namespace samspar::consult {
namespace {

using ::testing::ElementsAre;

const absl::Time kNoon = absl::FromUnixSeconds(1'795'000'000);
constexpr char kRequester[] = "regions/06/practitioners/SE2321000057-1001";
constexpr char kDoctor[] = "regions/06/practitioners/SE2321000057-D001";
constexpr char kOtherDoctor[] = "regions/06/practitioners/SE2321000057-D002";

class ConsultStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = sql::OpenDatabase(dir_.File("consult.db"));
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    ASSERT_TRUE(sql::ApplyMigrations(*database_, "consult", kConsultMigrations).ok());
  }

  StoredConsult Offered(const std::string& id, absl::Time due) {
    StoredConsult stored;
    v1::Consult& consult = stored.consult;
    consult.set_name("regions/06/consults/" + id);
    consult.set_state(v1::CONSULT_STATE_OFFERED);
    consult.set_etag("e1");
    consult.set_question("Bröstsmärta sedan i morse, EKG bifogat?");
    consult.mutable_requester()->set_name(kRequester);
    consult.mutable_current_offer()->mutable_practitioner()->set_name(kDoctor);
    consult.set_routed_line("regions/06/lines/bakjour");
    *consult.mutable_create_time() = api::ToProto(kNoon);
    *consult.mutable_update_time() = api::ToProto(kNoon);
    stored.escalation = {.step = 0, .round = 0, .offered_in_round = {kDoctor}};
    stored.due_time = due;
    stored.participants = {kRequester, kDoctor};
    return stored;
  }

  absl::Status Insert(const StoredConsult& stored) {
    return database_->RunInTransaction([&](sql::Transaction& tx) { return InsertConsult(tx, stored); });
  }

  absl::Status Replace(const StoredConsult& stored, const std::string& expected_etag) {
    return database_->RunInTransaction([&](sql::Transaction& tx) { return ReplaceConsult(tx, stored, expected_etag); });
  }

  StoredConsult Read(const std::string& name) {
    absl::StatusOr<absl::optional<StoredConsult>> stored = GetConsult(*database_, name);
    EXPECT_TRUE(stored.ok()) << stored.status();
    EXPECT_TRUE(stored.ok() && stored->has_value());
    return stored.ok() && stored->has_value() ? **stored : StoredConsult{};
  }

  samspar::testing::TempDir dir_;
  std::unique_ptr<sql::Database> database_;
};

TEST_F(ConsultStoreTest, AConsultComesBackAsStored) {
  const StoredConsult offered = Offered("c1", kNoon + absl::Minutes(5));
  ASSERT_TRUE(Insert(offered).ok());
  const StoredConsult read = Read("regions/06/consults/c1");
  EXPECT_EQ(read.consult.SerializeAsString(), offered.consult.SerializeAsString());
  EXPECT_EQ(read.escalation.step, 0);
  EXPECT_THAT(read.escalation.offered_in_round, ElementsAre(kDoctor));
  EXPECT_EQ(read.due_time, kNoon + absl::Minutes(5));
  EXPECT_THAT(read.participants, ElementsAre(kRequester, kDoctor));

  absl::StatusOr<absl::optional<StoredConsult>> missing = GetConsult(*database_, "regions/06/consults/nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(Insert(offered).code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(ConsultStoreTest, OfTwoChangesFromOneVersionExactlyOneIsWritten) {
  ASSERT_TRUE(Insert(Offered("c1", kNoon + absl::Minutes(5))).ok());
  // Two doctors accept the same offer at the same moment.
  StoredConsult first = Read("regions/06/consults/c1");
  StoredConsult second = first;
  first.consult.set_state(v1::CONSULT_STATE_ACCEPTED);
  first.consult.mutable_assignee()->set_name(kDoctor);
  first.consult.set_etag("e2");
  first.due_time = absl::nullopt;
  second.consult.set_state(v1::CONSULT_STATE_ACCEPTED);
  second.consult.mutable_assignee()->set_name(kOtherDoctor);
  second.consult.set_etag("e3");
  second.participants.push_back(kOtherDoctor);
  ASSERT_TRUE(Replace(first, "e1").ok());
  absl::Status lost = Replace(second, "e1");
  EXPECT_EQ(lost.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ReasonOf(lost), "CONCURRENT_MODIFICATION");

  const StoredConsult read = Read("regions/06/consults/c1");
  EXPECT_EQ(read.consult.assignee().name(), kDoctor);
  EXPECT_EQ(read.consult.etag(), "e2");
  EXPECT_FALSE(read.due_time.has_value());
  EXPECT_THAT(read.participants, ElementsAre(kRequester, kDoctor));  // the loser left no trace
}

TEST_F(ConsultStoreTest, DueTimersAreFoundSoonestFirst) {
  ASSERT_TRUE(Insert(Offered("later", kNoon + absl::Minutes(10))).ok());
  ASSERT_TRUE(Insert(Offered("sooner", kNoon + absl::Minutes(5))).ok());
  StoredConsult settled = Offered("settled", kNoon);
  settled.due_time = absl::nullopt;
  ASSERT_TRUE(Insert(settled).ok());

  EXPECT_THAT(*DueConsults(*database_, kNoon + absl::Minutes(4), 10), ElementsAre());
  EXPECT_THAT(*DueConsults(*database_, kNoon + absl::Minutes(5), 10), ElementsAre("regions/06/consults/sooner"));
  EXPECT_THAT(*DueConsults(*database_, kNoon + absl::Hours(1), 10),
              ElementsAre("regions/06/consults/sooner", "regions/06/consults/later"));
  EXPECT_THAT(*DueConsults(*database_, kNoon + absl::Hours(1), 1), ElementsAre("regions/06/consults/sooner"));
}

TEST_F(ConsultStoreTest, ParticipantsAreOnlyEverAdded) {
  ASSERT_TRUE(Insert(Offered("c1", kNoon)).ok());
  StoredConsult handed_over = Read("regions/06/consults/c1");
  handed_over.participants = {kOtherDoctor};  // the new assignee; the others stay
  handed_over.consult.set_etag("e2");
  ASSERT_TRUE(Replace(handed_over, "e1").ok());
  EXPECT_THAT(Read("regions/06/consults/c1").participants, ElementsAre(kRequester, kDoctor, kOtherDoctor));
}

}  // namespace
}  // namespace samspar::consult
