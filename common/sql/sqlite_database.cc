#include "common/sql/sqlite_database.h"

#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "common/sql/sqlite_status.h"

namespace samspar::sql {
namespace {

// The database whose transaction body is running on this thread, if any.
thread_local const SqliteDatabase* transaction_owner = nullptr;

// A transaction on the writer connection. After a busy error every later
// statement fails with it too, as in PostgreSQL after a serialization
// failure, so the body cannot go on as if the lost statement had run.
class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(SqliteConnection& connection) : connection_(connection) {}

  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Value> params) override {
    if (!busy_.ok()) return busy_;
    return Note(connection_.Execute(sql, params));
  }

  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         absl::Span<const Value> params) override {
    if (!busy_.ok()) return busy_;
    return Note(connection_.Query(sql, params));
  }

  absl::Status ExecuteScript(absl::string_view sql) override {
    if (!busy_.ok()) return busy_;
    absl::Status status = connection_.ExecuteScript(sql);
    if (IsSqliteBusy(status)) busy_ = status;
    return status;
  }

  // OK unless a statement found the database busy.
  const absl::Status& busy() const { return busy_; }

 private:
  template <typename T>
  absl::StatusOr<T> Note(absl::StatusOr<T> result) {
    if (IsSqliteBusy(result.status())) busy_ = result.status();
    return result;
  }

  SqliteConnection& connection_;
  absl::Status busy_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                                     const SqliteOptions& options) {
  absl::StatusOr<std::unique_ptr<SqliteConnection>> writer =
      SqliteConnection::Open(path, SqliteConnection::Role::kWriter, options.busy_timeout);
  if (!writer.ok()) return writer.status();
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(path, options, *std::move(writer)));
}

SqliteDatabase::SqliteDatabase(std::string path, const SqliteOptions& options,
                               std::unique_ptr<SqliteConnection> writer)
    : path_(std::move(path)), options_(options), writer_(std::move(writer)) {}

absl::Status SqliteDatabase::CheckNotInTransaction() const {
  if (transaction_owner != this) return absl::OkStatus();
  return absl::InternalError(
      "the database was used inside its own transaction; use the Transaction passed to the body");
}

absl::Status SqliteDatabase::WithRetries(absl::FunctionRef<absl::Status(bool& busy)> attempt) {
  absl::Duration pause = options_.retry_backoff;
  absl::Status status;
  for (int tries = 1;; ++tries) {
    bool busy = false;
    status = attempt(busy);
    if (!busy) return status;
    if (tries >= options_.max_attempts) break;
    absl::SleepFor(pause);
    pause *= 2;
  }
  return absl::UnavailableError(absl::StrCat("database ", path_, " stayed busy after ",
                                             options_.max_attempts,
                                             " attempts: ", status.message()));
}

absl::StatusOr<int64_t> SqliteDatabase::Execute(absl::string_view sql,
                                                absl::Span<const Value> params) {
  if (absl::Status status = CheckNotInTransaction(); !status.ok()) return status;
  // A statement on its own is atomic, so retrying it after busy is safe.
  absl::StatusOr<int64_t> changed;
  absl::Status status = WithRetries([&](bool& busy) {
    absl::MutexLock lock(&writer_mu_);
    changed = writer_->Execute(sql, params);
    busy = IsSqliteBusy(changed.status());
    return changed.status();
  });
  if (!status.ok()) return status;
  return changed;
}

absl::StatusOr<std::vector<Row>> SqliteDatabase::Query(absl::string_view sql,
                                                       absl::Span<const Value> params) {
  absl::StatusOr<std::unique_ptr<SqliteConnection>> reader = TakeReader();
  if (!reader.ok()) return reader.status();
  absl::Cleanup give_back = [&] { ReturnReader(*std::move(reader)); };

  absl::StatusOr<bool> read_only = (*reader)->IsReadOnly(sql);
  if (!read_only.ok()) return read_only.status();
  absl::StatusOr<std::vector<Row>> rows;
  absl::Status status;
  if (*read_only) {
    status = WithRetries([&](bool& busy) {
      rows = (*reader)->Query(sql, params);
      busy = IsSqliteBusy(rows.status());
      return rows.status();
    });
  } else {
    // A write with RETURNING.
    if (status = CheckNotInTransaction(); !status.ok()) return status;
    status = WithRetries([&](bool& busy) {
      absl::MutexLock lock(&writer_mu_);
      rows = writer_->Query(sql, params);
      busy = IsSqliteBusy(rows.status());
      return rows.status();
    });
  }
  if (!status.ok()) return status;
  return rows;
}

absl::Status SqliteDatabase::RunInTransaction(const TransactionBody& body) {
  if (absl::Status status = CheckNotInTransaction(); !status.ok()) return status;
  return WithRetries([&](bool& busy) {
    absl::MutexLock lock(&writer_mu_);
    return TryTransaction(body, busy);
  });
}

absl::Status SqliteDatabase::TryTransaction(const TransactionBody& body, bool& busy) {
  if (absl::StatusOr<int64_t> begun = writer_->Execute("BEGIN IMMEDIATE", {}); !begun.ok()) {
    busy = IsSqliteBusy(begun.status());
    return begun.status();
  }
  // Also covers a body that throws: the next transaction must not find this
  // one still open.
  absl::Cleanup end = [this] { writer_->RollbackIfOpen(); };

  SqliteTransaction transaction(*writer_);
  transaction_owner = this;
  absl::Cleanup body_done = [] { transaction_owner = nullptr; };
  absl::Status status = body(transaction);

  if (!transaction.busy().ok()) {
    busy = true;
    return transaction.busy();
  }
  if (!status.ok()) return status;
  absl::StatusOr<int64_t> committed = writer_->Execute("COMMIT", {});
  busy = IsSqliteBusy(committed.status());
  return committed.status();
}

absl::StatusOr<std::unique_ptr<SqliteConnection>> SqliteDatabase::TakeReader() {
  {
    absl::MutexLock lock(&readers_mu_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<SqliteConnection> reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  return SqliteConnection::Open(path_, SqliteConnection::Role::kReader, options_.busy_timeout);
}

void SqliteDatabase::ReturnReader(std::unique_ptr<SqliteConnection> reader) {
  absl::MutexLock lock(&readers_mu_);
  if (idle_readers_.size() < static_cast<size_t>(options_.max_idle_readers)) {
    idle_readers_.push_back(std::move(reader));
  }
}

}  // namespace samspar::sql
