#include "common/sql/open_database.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"

namespace samspar::sql {
namespace {

TEST(OpenDatabase, AFilePathIsAnSqliteDatabase) {
  samspar::testing::TempDir dir;
  auto database = OpenDatabase(dir.File("service.db"));
  ASSERT_TRUE(database.ok()) << database.status();
  ASSERT_TRUE((*database)->Execute("CREATE TABLE t (v BIGINT)").ok());
  ASSERT_TRUE((*database)->Execute("INSERT INTO t (v) VALUES (?)", {Value(int64_t{7})}).ok());
  auto rows = (*database)->Query("SELECT v FROM t");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(*(*rows)[0].GetInt64(0), 7);
}

TEST(OpenDatabase, APostgresqlUrlIsRefusedWithoutRepeatingIt) {
  auto database = OpenDatabase("postgresql://samspar:secret@db.example:5432/roster");
  ASSERT_FALSE(database.ok());
  EXPECT_EQ(database.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(database.status().message()).find("secret"), std::string::npos);
}

}  // namespace
}  // namespace samspar::sql
