#include "common/sql/sqlite_database.h"

#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"

namespace samspar::sql {
namespace {

using ::samspar::testing::TempDir;

using ::testing::HasSubstr;

constexpr char kSchema[] =
    "CREATE TABLE units ("
    " hsa_id TEXT PRIMARY KEY,"
    " beds BIGINT,"
    " load DOUBLE PRECISION,"
    " name TEXT,"
    " logo BYTEA)";

std::unique_ptr<SqliteDatabase> OpenOrDie(const std::string& path,
                                          const SqliteOptions& options = {}) {
  absl::StatusOr<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::Open(path, options);
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? *std::move(db) : nullptr;
}

int64_t CountUnits(Database& db) {
  absl::StatusOr<std::vector<Row>> rows = db.Query("SELECT COUNT(*) AS n FROM units");
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? (*rows)[0].GetInt64("n").value() : -1;
}

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenOrDie(path_);
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(db_->Execute(kSchema).ok());
  }

  TempDir dir_;
  std::string path_ = dir_.File("store.db");
  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(SqliteDatabaseTest, RoundTripsEveryValueType) {
  const std::string logo("\x89PNG\0\r\n", 7);
  ASSERT_TRUE(db_->Execute("INSERT INTO units VALUES (?, ?, ?, ?, ?)",
                           {"SE2321000016-15CQ", std::numeric_limits<int64_t>::max(), 0.1,
                            "Vårdcentralen Åre", Blob{logo}})
                  .ok());
  ASSERT_TRUE(
      db_->Execute("INSERT INTO units VALUES (?, ?, ?, ?, ?)",
                   {"SE2321000016-16AB", std::numeric_limits<int64_t>::min(), -1e300, "", Blob{""}})
          .ok());
  ASSERT_TRUE(db_->Execute("INSERT INTO units VALUES (?, ?, ?, ?, ?)",
                           {"SE2321000016-17ZZ", Value(), Value(), Value(), Value()})
                  .ok());

  absl::StatusOr<std::vector<Row>> rows = db_->Query("SELECT * FROM units ORDER BY hsa_id");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u);
  const Row& first = (*rows)[0];
  EXPECT_EQ(first.GetText("hsa_id").value(), "SE2321000016-15CQ");
  EXPECT_EQ(first.GetInt64("beds").value(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(first.GetDouble("load").value(), 0.1);
  EXPECT_EQ(first.GetText("name").value(), "Vårdcentralen Åre");
  EXPECT_EQ(first.GetBlob("logo").value(), logo);

  const Row& second = (*rows)[1];
  EXPECT_EQ(second.GetInt64(1).value(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(second.GetDouble(2).value(), -1e300);
  EXPECT_EQ(second.GetText(3).value(), "");
  EXPECT_EQ(second.GetValue(4).value(), Value(Blob{""}));

  const Row& third = (*rows)[2];
  for (size_t i = 1; i < third.size(); ++i) {
    EXPECT_TRUE(third.GetValue(i)->is_null()) << third.column_name(i);
  }
}

TEST_F(SqliteDatabaseTest, BlobThatLooksLikeANumberStaysBytes) {
  ASSERT_TRUE(
      db_->Execute("INSERT INTO units (hsa_id, logo) VALUES (?, ?)", {"a", Blob{"42"}}).ok());
  absl::StatusOr<std::vector<Row>> rows = db_->Query("SELECT logo FROM units");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].GetBlob(0).value(), "42");
}

TEST_F(SqliteDatabaseTest, ExecuteReportsRowsChanged) {
  for (const char* id : {"a", "b", "c"}) {
    ASSERT_EQ(db_->Execute("INSERT INTO units (hsa_id, beds) VALUES (?, 1)", {id}).value(), 1);
  }
  EXPECT_EQ(db_->Execute("UPDATE units SET beds = beds + 1 WHERE hsa_id <> ?", {"a"}).value(), 2);
  EXPECT_EQ(db_->Execute("DELETE FROM units WHERE beds = ?", {2}).value(), 2);
  EXPECT_EQ(
      db_->Execute("INSERT INTO units (hsa_id) VALUES (?) ON CONFLICT DO NOTHING", {"a"}).value(),
      0);
  EXPECT_EQ(CountUnits(*db_), 1);
}

TEST_F(SqliteDatabaseTest, QueryWithReturningWritesThroughTheWriter) {
  absl::StatusOr<std::vector<Row>> rows =
      db_->Query("INSERT INTO units (hsa_id, beds) VALUES (?, ?) RETURNING beds", {"a", 7});
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0].GetInt64("beds").value(), 7);
  EXPECT_EQ(CountUnits(*db_), 1);
}

TEST_F(SqliteDatabaseTest, UniqueViolationIsAlreadyExists) {
  ASSERT_TRUE(db_->Execute("INSERT INTO units (hsa_id) VALUES (?)", {"a"}).ok());
  absl::StatusOr<int64_t> again = db_->Execute("INSERT INTO units (hsa_id) VALUES (?)", {"a"});
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists) << again.status();

  absl::Status in_transaction = db_->RunInTransaction([](Transaction& tx) {
    return tx.Execute("INSERT INTO units (hsa_id) VALUES (?)", {"a"}).status();
  });
  EXPECT_EQ(in_transaction.code(), absl::StatusCode::kAlreadyExists) << in_transaction;
}

TEST_F(SqliteDatabaseTest, ForeignKeysAreEnforced) {
  ASSERT_TRUE(db_->Execute("CREATE TABLE lines (name TEXT PRIMARY KEY,"
                           " unit TEXT NOT NULL REFERENCES units (hsa_id))")
                  .ok());
  absl::StatusOr<int64_t> orphan =
      db_->Execute("INSERT INTO lines VALUES (?, ?)", {"bakjour", "no-such-unit"});
  EXPECT_EQ(orphan.status().code(), absl::StatusCode::kFailedPrecondition) << orphan.status();
}

TEST_F(SqliteDatabaseTest, MistakesInSqlAreInternalErrors) {
  absl::StatusOr<int64_t> typo = db_->Execute("INSERT INTO unit (hsa_id) VALUES (?)", {"a"});
  EXPECT_EQ(typo.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(typo.status().message(), HasSubstr("no such table: unit"));

  absl::StatusOr<int64_t> missing =
      db_->Execute("INSERT INTO units (hsa_id, beds) VALUES (?, ?)", {"a"});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(missing.status().message(), HasSubstr("2 placeholders but 1 parameters"));

  absl::StatusOr<int64_t> two =
      db_->Execute("DELETE FROM units; DELETE FROM units WHERE hsa_id = 'x'");
  EXPECT_EQ(two.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(two.status().message(), HasSubstr("more than one statement"));
}

TEST_F(SqliteDatabaseTest, CommittedTransactionIsVisible) {
  absl::Status status = db_->RunInTransaction([](Transaction& tx) -> absl::Status {
    if (auto r = tx.Execute("INSERT INTO units (hsa_id) VALUES (?)", {"a"}); !r.ok()) {
      return r.status();
    }
    // The transaction reads its own write.
    absl::StatusOr<std::vector<Row>> rows = tx.Query("SELECT hsa_id FROM units");
    if (!rows.ok()) return rows.status();
    EXPECT_EQ(rows->size(), 1u);
    return absl::OkStatus();
  });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(CountUnits(*db_), 1);
}

TEST_F(SqliteDatabaseTest, FailedTransactionLeavesNothingBehind) {
  int calls = 0;
  absl::Status status = db_->RunInTransaction([&](Transaction& tx) {
    ++calls;
    EXPECT_TRUE(tx.Execute("INSERT INTO units (hsa_id) VALUES (?)", {"a"}).ok());
    EXPECT_TRUE(tx.Execute("INSERT INTO units (hsa_id) VALUES (?)", {"b"}).ok());
    return absl::FailedPreconditionError("line has no coordinator on call");
  });
  EXPECT_EQ(status, absl::FailedPreconditionError("line has no coordinator on call"));
  EXPECT_EQ(calls, 1);  // a refusal by the body is not retried
  EXPECT_EQ(CountUnits(*db_), 0);
  // The connection is usable again afterwards.
  EXPECT_TRUE(db_->RunInTransaction([](Transaction& tx) {
                   return tx.Execute("INSERT INTO units (hsa_id) VALUES (?)", {"c"}).status();
                 })
                  .ok());
  EXPECT_EQ(CountUnits(*db_), 1);
}

TEST_F(SqliteDatabaseTest, UsingTheDatabaseInsideItsOwnTransactionIsAnErrorNotAHang) {
  absl::Status status = db_->RunInTransaction([&](Transaction&) {
    return db_->Execute("INSERT INTO units (hsa_id) VALUES (?)", {"a"}).status();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("use the Transaction"));
  EXPECT_EQ(CountUnits(*db_), 0);
}

// Read-modify-write increments: a lost update would show as a short count.
absl::Status Increment(Database& db) {
  return db.RunInTransaction([](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<Row>> rows =
        tx.Query("SELECT beds FROM units WHERE hsa_id = ?", {"counter"});
    if (!rows.ok()) return rows.status();
    absl::StatusOr<int64_t> beds = (*rows)[0].GetInt64(0);
    if (!beds.ok()) return beds.status();
    return tx.Execute("UPDATE units SET beds = ? WHERE hsa_id = ?", {*beds + 1, "counter"})
        .status();
  });
}

void IncrementFromThreads(const std::vector<Database*>& dbs, int per_thread) {
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (Database* db : dbs) {
    threads.emplace_back([db, per_thread, &failures] {
      for (int i = 0; i < per_thread; ++i) {
        if (!Increment(*db).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
}

TEST_F(SqliteDatabaseTest, ConcurrentTransactionsLoseNoUpdates) {
  ASSERT_TRUE(db_->Execute("INSERT INTO units (hsa_id, beds) VALUES ('counter', 0)").ok());
  IncrementFromThreads({db_.get(), db_.get(), db_.get(), db_.get()}, 200);
  absl::StatusOr<std::vector<Row>> rows = db_->Query("SELECT beds FROM units");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].GetInt64(0).value(), 800);
}

TEST_F(SqliteDatabaseTest, TwoReplicasOnOneFileSeeEachOthersCommits) {
  std::unique_ptr<SqliteDatabase> replica = OpenOrDie(path_);
  ASSERT_NE(replica, nullptr);
  ASSERT_TRUE(db_->Execute("INSERT INTO units (hsa_id, beds) VALUES ('counter', 0)").ok());
  EXPECT_EQ(CountUnits(*replica), 1);

  IncrementFromThreads({db_.get(), db_.get(), replica.get(), replica.get()}, 100);
  for (Database* db : {static_cast<Database*>(db_.get()), static_cast<Database*>(replica.get())}) {
    absl::StatusOr<std::vector<Row>> rows = db->Query("SELECT beds FROM units");
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ((*rows)[0].GetInt64(0).value(), 400);
  }
}

TEST_F(SqliteDatabaseTest, CommittedRowsSurviveReopening) {
  ASSERT_TRUE(db_->Execute("INSERT INTO units (hsa_id) VALUES ('a')").ok());
  db_.reset();
  std::unique_ptr<SqliteDatabase> reopened = OpenOrDie(path_);
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(CountUnits(*reopened), 1);
}

TEST_F(SqliteDatabaseTest, CommitsAreDurableAndConstraintsOn) {
  absl::Status status = db_->RunInTransaction([](Transaction& tx) -> absl::Status {
    EXPECT_EQ(tx.Query("PRAGMA journal_mode")->at(0).GetText(0).value(), "wal");
    EXPECT_EQ(tx.Query("PRAGMA synchronous")->at(0).GetInt64(0).value(), 2);  // FULL
    EXPECT_EQ(tx.Query("PRAGMA foreign_keys")->at(0).GetInt64(0).value(), 1);
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
}

// Another process holding the write lock, as a replica mid-transaction does.
class LockHolder {
 public:
  explicit LockHolder(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  ~LockHolder() { sqlite3_close(db_); }
  void Release() { EXPECT_EQ(sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK); }

 private:
  sqlite3* db_ = nullptr;
};

TEST_F(SqliteDatabaseTest, DatabaseThatStaysBusyIsUnavailable) {
  SqliteOptions options{.busy_timeout = absl::Milliseconds(10),
                        .max_attempts = 3,
                        .retry_backoff = absl::Milliseconds(1)};
  std::unique_ptr<SqliteDatabase> db = OpenOrDie(path_, options);
  ASSERT_NE(db, nullptr);
  LockHolder holder(path_);

  int calls = 0;
  absl::Status status = db->RunInTransaction([&](Transaction&) {
    ++calls;
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_THAT(status.message(), HasSubstr(path_));
  EXPECT_THAT(status.message(), HasSubstr("busy after 3 attempts"));
  EXPECT_EQ(calls, 0);

  EXPECT_EQ(db->Execute("INSERT INTO units (hsa_id) VALUES ('a')").status().code(),
            absl::StatusCode::kUnavailable);
  // Readers are not held up by a writer.
  EXPECT_EQ(CountUnits(*db), 0);
}

TEST_F(SqliteDatabaseTest, TransactionIsRetriedUntilTheDatabaseIsFree) {
  SqliteOptions options{.busy_timeout = absl::Milliseconds(10),
                        .max_attempts = 20,
                        .retry_backoff = absl::Milliseconds(5)};
  std::unique_ptr<SqliteDatabase> db = OpenOrDie(path_, options);
  ASSERT_NE(db, nullptr);
  LockHolder holder(path_);
  std::thread releaser([&] {
    absl::SleepFor(absl::Milliseconds(100));
    holder.Release();
  });

  absl::Status status = db->RunInTransaction([](Transaction& tx) {
    return tx.Execute("INSERT INTO units (hsa_id) VALUES ('a')").status();
  });
  releaser.join();
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(CountUnits(*db), 1);
}

}  // namespace
}  // namespace samspar::sql
