#ifndef SAMSPAR_COMMON_SQL_SQLITE_DATABASE_H_
#define SAMSPAR_COMMON_SQL_SQLITE_DATABASE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/sql/database.h"
#include "common/sql/sqlite_connection.h"

namespace samspar::sql {

struct SqliteOptions {
  // How long a statement waits for another process (a second replica on the
  // same file) to release the write lock before reporting busy.
  absl::Duration busy_timeout = absl::Seconds(5);
  // How often a transaction, or a single write, is tried while the database
  // stays busy; after that the caller gets Unavailable.
  int max_attempts = 3;
  // Pause before the second attempt, doubled for each one after it.
  absl::Duration retry_backoff = absl::Milliseconds(20);
  // Idle read connections kept open for reuse; more are opened on demand.
  int max_idle_readers = 4;
};

// The SQLite backend: one file per service.
//
// Connections. SQLite lets one connection write at a time, so all writes and
// all transactions go through a single writer connection guarded by a mutex;
// transactions start with BEGIN IMMEDIATE, taking the write lock up front, so
// two writers never deadlock upgrading a read lock (a read-only transaction
// waits its turn too; a single read needs none). Database::Query runs on a
// pool of read-only connections, unless it writes (RETURNING); in WAL mode
// they read the last committed state without waiting for the writer, so
// reads scale with threads. Another
// process on the same file (a second replica) is held off by SQLite's file
// lock, waited for up to busy_timeout and then retried.
//
// Thread-safe. Must outlive all calls made on it.
class SqliteDatabase final : public Database {
 public:
  // Creates the file if it does not exist (its directory must). Errors name
  // the path: FailedPrecondition when the file cannot be opened, is not a
  // database or is read-only; Unavailable when it stayed locked.
  static absl::StatusOr<std::unique_ptr<SqliteDatabase>> Open(const std::string& path,
                                                              const SqliteOptions& options = {});

  absl::StatusOr<int64_t> Execute(absl::string_view sql,
                                  absl::Span<const Value> params = {}) override;
  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         absl::Span<const Value> params = {}) override;
  absl::Status RunInTransaction(const TransactionBody& body) override;

 private:
  SqliteDatabase(std::string path, const SqliteOptions& options,
                 std::unique_ptr<SqliteConnection> writer);

  // Runs `attempt` until it succeeds, fails for a reason other than a busy
  // database, or max_attempts are used up.
  absl::Status WithRetries(absl::FunctionRef<absl::Status(bool& busy)> attempt);
  // One try of RunInTransaction. Sets `busy` when the database was busy.
  absl::Status TryTransaction(const TransactionBody& body, bool& busy)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mu_);
  // Calls from inside a transaction body on this thread would wait forever
  // for the writer mutex the body's own transaction holds.
  absl::Status CheckNotInTransaction() const;

  absl::StatusOr<std::unique_ptr<SqliteConnection>> TakeReader();
  void ReturnReader(std::unique_ptr<SqliteConnection> reader);

  const std::string path_;
  const SqliteOptions options_;

  absl::Mutex writer_mu_;
  const std::unique_ptr<SqliteConnection> writer_ ABSL_PT_GUARDED_BY(writer_mu_);

  absl::Mutex readers_mu_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_ ABSL_GUARDED_BY(readers_mu_);
};

}  // namespace samspar::sql

#endif  // SAMSPAR_COMMON_SQL_SQLITE_DATABASE_H_
