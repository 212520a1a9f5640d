#include "common/sql/migrations.h"

#include <array>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "common/sql/sqlite_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"

namespace samspar::sql {
namespace {

using ::samspar::testing::TempDir;

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

// Plain CREATE TABLE, not IF NOT EXISTS: running a migration twice fails.
constexpr Migration kUnits{1, "create_units",
                           "CREATE TABLE units (hsa_id TEXT PRIMARY KEY, name TEXT NOT NULL);"
                           "CREATE INDEX units_by_name ON units (name);"};
constexpr Migration kLines{2, "create_lines",
                           "CREATE TABLE lines (name TEXT PRIMARY KEY,"
                           " unit TEXT NOT NULL REFERENCES units (hsa_id))"};
constexpr Migration kShifts{3, "create_shifts",
                            "CREATE TABLE shifts (line TEXT NOT NULL REFERENCES lines (name),"
                            " starts_at BIGINT NOT NULL)"};

std::unique_ptr<SqliteDatabase> OpenOrDie(const std::string& path) {
  absl::StatusOr<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::Open(path);
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? *std::move(db) : nullptr;
}

// (version, name) rows recorded for `service`.
std::vector<std::pair<int64_t, std::string>> Recorded(Database& db, absl::string_view service) {
  std::vector<std::pair<int64_t, std::string>> recorded;
  absl::StatusOr<std::vector<Row>> rows = db.Query(
      "SELECT version, name FROM schema_migrations WHERE service = ? ORDER BY version", {service});
  EXPECT_TRUE(rows.ok()) << rows.status();
  if (!rows.ok()) return recorded;
  for (const Row& row : *rows) recorded.emplace_back(*row.GetInt64(0), *row.GetText(1));
  return recorded;
}

bool TableExists(Database& db, absl::string_view table) {
  return db.Query("SELECT COUNT(*) FROM " + std::string(table)).ok();
}

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NE(db_, nullptr); }

  TempDir dir_;
  std::string path_ = dir_.File("roster.db");
  std::unique_ptr<SqliteDatabase> db_ = OpenOrDie(path_);
};

TEST_F(MigrationsTest, AppliesEachMigrationOnceInOrder) {
  const std::array migrations{kUnits, kLines};
  EXPECT_EQ(ApplyMigrations(*db_, "roster", migrations).value(), 2);
  EXPECT_THAT(Recorded(*db_, "roster"),
              ElementsAre(Pair(1, "create_units"), Pair(2, "create_lines")));
  EXPECT_TRUE(db_->Execute("INSERT INTO units VALUES ('SE2321000016-15CQ', 'VC Åre')").ok());
  EXPECT_TRUE(db_->Execute("INSERT INTO lines VALUES ('bakjour', 'SE2321000016-15CQ')").ok());

  EXPECT_EQ(ApplyMigrations(*db_, "roster", migrations).value(), 0);
  EXPECT_EQ(Recorded(*db_, "roster").size(), 2u);
}

TEST_F(MigrationsTest, NewReleaseAppliesOnlyItsNewMigrations) {
  ASSERT_EQ(ApplyMigrations(*db_, "roster", std::array{kUnits}).value(), 1);
  EXPECT_EQ(ApplyMigrations(*db_, "roster", std::array{kUnits, kLines, kShifts}).value(), 2);
  EXPECT_TRUE(TableExists(*db_, "shifts"));
}

TEST_F(MigrationsTest, RefusesADatabaseMigratedByANewerRelease) {
  ASSERT_TRUE(ApplyMigrations(*db_, "roster", std::array{kUnits, kLines}).ok());
  absl::StatusOr<int> older = ApplyMigrations(*db_, "roster", std::array{kUnits});
  EXPECT_EQ(older.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(older.status().message(), HasSubstr("schema version 2 (create_lines)"));
  EXPECT_THAT(older.status().message(), HasSubstr("newer release"));
}

TEST_F(MigrationsTest, RefusesAVersionRecordedUnderAnotherName) {
  ASSERT_TRUE(ApplyMigrations(*db_, "roster", std::array{kUnits}).ok());
  constexpr Migration kOtherBranch{1, "create_practitioners", "CREATE TABLE practitioners (x)"};
  absl::StatusOr<int> applied = ApplyMigrations(*db_, "roster", std::array{kOtherBranch});
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(applied.status().message(), HasSubstr("create_practitioners"));
  EXPECT_FALSE(TableExists(*db_, "practitioners"));
}

TEST_F(MigrationsTest, FailingMigrationLeavesItsVersionUnapplied) {
  constexpr Migration kBroken{2, "create_lines",
                              "CREATE TABLE lines (name TEXT PRIMARY KEY);"
                              "INSERT INTO no_such_table VALUES (1);"};
  absl::StatusOr<int> applied = ApplyMigrations(*db_, "roster", std::array{kUnits, kBroken});
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(applied.status().message(), HasSubstr("migration 2 (create_lines) of roster"));
  EXPECT_THAT(applied.status().message(), HasSubstr("no_such_table"));
  // The first statement of the broken migration was rolled back with it.
  EXPECT_FALSE(TableExists(*db_, "lines"));
  EXPECT_THAT(Recorded(*db_, "roster"), ElementsAre(Pair(1, "create_units")));

  // The fixed release picks up where it stopped.
  EXPECT_EQ(ApplyMigrations(*db_, "roster", std::array{kUnits, kLines}).value(), 1);
}

TEST_F(MigrationsTest, RefusesMigrationsOutOfOrder) {
  absl::StatusOr<int> applied = ApplyMigrations(*db_, "roster", std::array{kLines, kUnits});
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(TableExists(*db_, "units"));
}

TEST_F(MigrationsTest, ServicesSharingAFileKeepTheirOwnVersions) {
  ASSERT_TRUE(ApplyMigrations(*db_, "roster", std::array{kUnits, kLines}).ok());
  constexpr Migration kRequests{1, "create_requests", "CREATE TABLE requests (id TEXT)"};
  EXPECT_EQ(ApplyMigrations(*db_, "consult", std::array{kRequests}).value(), 1);
  EXPECT_THAT(Recorded(*db_, "consult"), ElementsAre(Pair(1, "create_requests")));
}

TEST_F(MigrationsTest, ReplicasStartingTogetherApplyEachMigrationOnce) {
  const std::array migrations{kUnits, kLines, kShifts};
  std::unique_ptr<SqliteDatabase> replica = OpenOrDie(path_);
  ASSERT_NE(replica, nullptr);
  absl::StatusOr<int> first = 0;
  absl::StatusOr<int> second = 0;
  std::thread a([&] { first = ApplyMigrations(*db_, "roster", migrations); });
  std::thread b([&] { second = ApplyMigrations(*replica, "roster", migrations); });
  a.join();
  b.join();
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*first + *second, 3);
  EXPECT_EQ(Recorded(*db_, "roster").size(), 3u);
}

}  // namespace
}  // namespace samspar::sql
