#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "common/sql/sqlite_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"

namespace samspar::sql {
namespace {

using ::samspar::testing::TempDir;

using ::testing::HasSubstr;

// A service that cannot open its file must say which file and why, once.
void ExpectCannotOpen(const std::string& path, const std::string& reason) {
  absl::StatusOr<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition) << db.status();
  EXPECT_THAT(db.status().message(), HasSubstr("cannot open database file " + path + ": "));
  EXPECT_THAT(db.status().message(), HasSubstr(reason));
}

TEST(SqliteOpenTest, CreatesAMissingFile) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::Open(dir.File("new.db"));
  EXPECT_TRUE(db.ok()) << db.status();
}

TEST(SqliteOpenTest, MissingDirectoryIsNamed) {
  TempDir dir;
  ExpectCannotOpen(dir.File("no-such-dir/store.db"), "No such file or directory");
}

TEST(SqliteOpenTest, DirectoryInPlaceOfTheFileIsNamed) {
  TempDir dir;
  ExpectCannotOpen(dir.File(""), "unable to open database file");
}

TEST(SqliteOpenTest, FileThatIsNotADatabaseIsNamed) {
  TempDir dir;
  std::string path = dir.File("notes.db");
  std::ofstream(path) << "Remisser och konsultationer, vecka 12, inte en databas.\n"
                      << std::string(200, 'x');
  ExpectCannotOpen(path, "file is not a database");
}

TEST(SqliteOpenTest, UnreadableFileIsNamed) {
  if (geteuid() == 0) GTEST_SKIP() << "file permissions do not bind the superuser";
  TempDir dir;
  std::string path = dir.File("locked.db");
  ASSERT_TRUE(SqliteDatabase::Open(path).ok());
  ASSERT_EQ(chmod(path.c_str(), 0), 0);
  ExpectCannotOpen(path, "Permission denied");
}

TEST(SqliteOpenTest, ReadOnlyFileIsNamed) {
  if (geteuid() == 0) GTEST_SKIP() << "file permissions do not bind the superuser";
  TempDir dir;
  std::string path = dir.File("readonly.db");
  ASSERT_TRUE(SqliteDatabase::Open(path).ok());
  ASSERT_EQ(chmod(path.c_str(), 0444), 0);
  ExpectCannotOpen(path, "read-only");
}

}  // namespace
}  // namespace samspar::sql
