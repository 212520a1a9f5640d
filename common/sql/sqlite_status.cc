#include "common/sql/sqlite_status.h"

#include <sqlite3.h>

#include <string>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace samspar::sql {

absl::Status SqliteStatus(int code, absl::string_view message, absl::string_view sql) {
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return absl::AlreadyExistsError(message);
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return absl::FailedPreconditionError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(absl::StrCat("database is busy: ", message));
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(absl::StrCat("disk is full: ", message));
    case SQLITE_READONLY:
      return absl::FailedPreconditionError(absl::StrCat("database is read-only: ", message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(absl::StrCat("database file is damaged: ", message));
    default:
      return absl::InternalError(absl::StrCat(message, " in SQL: ", sql));
  }
}

absl::Status SqliteOpenStatus(absl::string_view path, int code, absl::string_view message,
                              int system_errno) {
  std::string reason(message);
  if (system_errno != 0) {
    absl::StrAppend(&reason, " (", std::generic_category().message(system_errno), ")");
  }
  std::string text = absl::StrCat("cannot open database file ", path, ": ", reason);
  // A busy file at start-up is worth retrying; everything else (missing
  // directory, no permission, not a database) needs someone to fix the setup.
  if ((code & 0xff) == SQLITE_BUSY) return absl::UnavailableError(text);
  return absl::FailedPreconditionError(text);
}

bool IsSqliteBusy(const absl::Status& status) { return absl::IsUnavailable(status); }

}  // namespace samspar::sql
