#ifndef SAMSPAR_COMMON_SQL_SQLITE_CONNECTION_H_
#define SAMSPAR_COMMON_SQL_SQLITE_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/sql/row.h"
#include "common/sql/value.h"

struct sqlite3;

namespace samspar::sql {

// One SQLite connection: opening it with the store's settings, binding
// values and reading rows. Not thread-safe; SqliteDatabase hands each
// connection to one thread at a time.
class SqliteConnection {
 public:
  enum class Role {
    // Creates the file if missing and sets it up for durable commits: WAL
    // journal, synchronous=FULL (the WAL is synced on every commit, so a
    // commit that returned survives a power cut), foreign keys enforced.
    kWriter,
    // Opens an existing file and refuses writes (query_only), so that every
    // write goes through the one writer connection and its lock.
    kReader,
  };

  static absl::StatusOr<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Role role,
                                                                absl::Duration busy_timeout);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Value> params);
  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql, absl::Span<const Value> params);
  absl::Status ExecuteScript(absl::string_view sql);

  // Whether `sql` leaves the database unchanged (so a reader may run it).
  absl::StatusOr<bool> IsReadOnly(absl::string_view sql);

  // Ends an open transaction, if any, without committing. A failed COMMIT
  // may or may not have ended the transaction already.
  void RollbackIfOpen();

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  // Runs one statement, appending its rows to `rows` when given; returns the
  // number of rows changed.
  absl::StatusOr<int64_t> Run(absl::string_view sql, absl::Span<const Value> params,
                              std::vector<Row>* rows);
  absl::Status LastError(absl::string_view sql) const;

  sqlite3* db_;
};

}  // namespace samspar::sql

#endif  // SAMSPAR_COMMON_SQL_SQLITE_CONNECTION_H_
