#ifndef SAMSPAR_COMMON_SQL_SQLITE_STATUS_H_
#define SAMSPAR_COMMON_SQL_SQLITE_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

// How SQLite's result codes become absl::Status codes: the one place that
// decides what a caller of the SQL store sees.
namespace samspar::sql {

// `code` is an extended SQLite result code, `message` SQLite's text for it;
// `sql` is quoted only in Internal errors, where it is what one needs to fix.
absl::Status SqliteStatus(int code, absl::string_view message, absl::string_view sql);

// For failures while opening `path`: names the path and, where SQLite saw
// one, the operating system's reason.
absl::Status SqliteOpenStatus(absl::string_view path, int code, absl::string_view message,
                              int system_errno);

// Whether `status` (from SqliteStatus) means another connection held the
// database for longer than the busy timeout, so that trying again may work.
bool IsSqliteBusy(const absl::Status& status);

}  // namespace samspar::sql

#endif  // SAMSPAR_COMMON_SQL_SQLITE_STATUS_H_
