#include "common/sql/open_database.h"

#include "absl/strings/match.h"
#include "common/sql/sqlite_database.h"

namespace samspar::sql {

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const std::string& location) {
  if (absl::StartsWith(location, "postgresql://") || absl::StartsWith(location, "postgres://")) {
    // The URL may carry a password: it is not repeated.
    return absl::FailedPreconditionError(
        "PostgreSQL databases are not supported by this build: give the path of an SQLite file");
  }
  absl::StatusOr<std::unique_ptr<SqliteDatabase>> sqlite = SqliteDatabase::Open(location);
  if (!sqlite.ok()) return sqlite.status();
  return std::unique_ptr<Database>(std::move(*sqlite));
}

}  // namespace samspar::sql
