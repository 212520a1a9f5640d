#include "common/sql/sqlite_connection.h"

#include <sqlite3.h>

#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/sql/sqlite_status.h"

namespace samspar::sql {
namespace {

struct StatementDeleter {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// Runs one setup statement; a failure names the file, since at start-up the
// usual cause is the path (not a database, read-only, locked).
absl::Status SetUp(sqlite3* db, const std::string& path, const char* sql,
                   std::string* first_value = nullptr) {
  char* error = nullptr;
  int code = sqlite3_exec(
      db, sql,
      [](void* out, int columns, char** values, char**) {
        if (out != nullptr && columns > 0 && values[0] != nullptr) {
          *static_cast<std::string*>(out) = values[0];
        }
        return 0;
      },
      first_value, &error);
  if (code == SQLITE_OK) return absl::OkStatus();
  absl::Status status =
      SqliteOpenStatus(path, sqlite3_extended_errcode(db),
                       error != nullptr ? error : sqlite3_errstr(code), sqlite3_system_errno(db));
  sqlite3_free(error);
  return status;
}

absl::Status SetUpWriter(sqlite3* db, const std::string& path) {
  if (sqlite3_db_readonly(db, "main") == 1) {
    return SqliteOpenStatus(path, SQLITE_READONLY, "the file is read-only", 0);
  }
  // journal_mode answers with the mode it ended up in: a file system without
  // shared memory keeps another one, and readers would then block the writer.
  std::string mode;
  if (absl::Status status = SetUp(db, path, "PRAGMA journal_mode=WAL", &mode); !status.ok()) {
    return status;
  }
  if (absl::AsciiStrToLower(mode) != "wal") {
    return SqliteOpenStatus(path, SQLITE_ERROR,
                            absl::StrCat("WAL journal mode is not available (got '", mode, "')"),
                            0);
  }
  if (absl::Status status = SetUp(db, path, "PRAGMA synchronous=FULL"); !status.ok()) {
    return status;
  }
  return SetUp(db, path, "PRAGMA foreign_keys=ON");
}

int Bind(sqlite3_stmt* stmt, int index, const Value& value) {
  // SQLITE_STATIC is safe: the values outlive the statement's run.
  return value.Visit([&](const auto& v) {
    using T = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<T, std::monostate>) {
      return sqlite3_bind_null(stmt, index);
    } else if constexpr (std::is_same_v<T, int64_t>) {
      return sqlite3_bind_int64(stmt, index, v);
    } else if constexpr (std::is_same_v<T, double>) {
      return sqlite3_bind_double(stmt, index, v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
    } else {
      static_assert(std::is_same_v<T, Blob>);
      // data() of an empty string is still non-null, so an empty blob stays a
      // blob rather than turning into NULL.
      return sqlite3_bind_blob64(stmt, index, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
    }
  });
}

Value ReadColumn(sqlite3_stmt* stmt, int index) {
  switch (sqlite3_column_type(stmt, index)) {
    case SQLITE_INTEGER:
      return Value(static_cast<int64_t>(sqlite3_column_int64(stmt, index)));
    case SQLITE_FLOAT:
      return Value(sqlite3_column_double(stmt, index));
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, index));
      return Value(std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, index))));
    }
    case SQLITE_BLOB: {
      // A zero-length blob comes back as a null pointer.
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, index));
      size_t size = static_cast<size_t>(sqlite3_column_bytes(stmt, index));
      return Value(Blob{bytes != nullptr ? std::string(bytes, size) : std::string()});
    }
    default:
      return Value();
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& path, Role role, absl::Duration busy_timeout) {
  int flags =
      role == Role::kWriter ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READWRITE;
  sqlite3* db = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // Even a failed open allocates a handle; the connection owns it from here.
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  if (db == nullptr) return SqliteOpenStatus(path, code, sqlite3_errstr(code), 0);
  if (code != SQLITE_OK) {
    return SqliteOpenStatus(path, sqlite3_extended_errcode(db), sqlite3_errmsg(db),
                            sqlite3_system_errno(db));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(absl::ToInt64Milliseconds(busy_timeout)));
  absl::Status status =
      role == Role::kWriter ? SetUpWriter(db, path) : SetUp(db, path, "PRAGMA query_only=ON");
  if (!status.ok()) return status;
  return connection;
}

SqliteConnection::~SqliteConnection() { sqlite3_close_v2(db_); }

absl::Status SqliteConnection::LastError(absl::string_view sql) const {
  return SqliteStatus(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), sql);
}

absl::StatusOr<int64_t> SqliteConnection::Run(absl::string_view sql, absl::Span<const Value> params,
                                              std::vector<Row>* rows) {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail) != SQLITE_OK) {
    return LastError(sql);
  }
  Statement stmt(raw);
  if (stmt == nullptr) return absl::InternalError(absl::StrCat("no statement in SQL: ", sql));
  absl::string_view rest(tail, static_cast<size_t>(sql.data() + sql.size() - tail));
  if (!absl::StripAsciiWhitespace(rest).empty()) {
    return absl::InternalError(absl::StrCat("more than one statement in SQL: ", sql));
  }
  int expected = sqlite3_bind_parameter_count(stmt.get());
  if (static_cast<size_t>(expected) != params.size()) {
    return absl::InternalError(absl::StrCat("SQL has ", expected, " placeholders but ",
                                            params.size(), " parameters were given: ", sql));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    if (Bind(stmt.get(), static_cast<int>(i) + 1, params[i]) != SQLITE_OK) return LastError(sql);
  }

  std::shared_ptr<std::vector<std::string>> names;
  if (rows != nullptr) {
    names = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < sqlite3_column_count(stmt.get()); ++i) {
      names->emplace_back(sqlite3_column_name(stmt.get(), i));
    }
  }
  for (;;) {
    int code = sqlite3_step(stmt.get());
    if (code == SQLITE_DONE) break;
    if (code != SQLITE_ROW) return LastError(sql);
    if (rows == nullptr) continue;
    std::vector<Value> values;
    values.reserve(names->size());
    for (size_t i = 0; i < names->size(); ++i) {
      values.push_back(ReadColumn(stmt.get(), static_cast<int>(i)));
    }
    rows->emplace_back(names, std::move(values));
  }
  // sqlite3_changes64 keeps the count of the last write, so a read must not
  // report it.
  return sqlite3_stmt_readonly(stmt.get()) != 0 ? 0 : sqlite3_changes64(db_);
}

absl::StatusOr<int64_t> SqliteConnection::Execute(absl::string_view sql,
                                                  absl::Span<const Value> params) {
  return Run(sql, params, nullptr);
}

absl::StatusOr<std::vector<Row>> SqliteConnection::Query(absl::string_view sql,
                                                         absl::Span<const Value> params) {
  std::vector<Row> rows;
  absl::StatusOr<int64_t> changed = Run(sql, params, &rows);
  if (!changed.ok()) return changed.status();
  return rows;
}

absl::Status SqliteConnection::ExecuteScript(absl::string_view sql) {
  std::string script(sql);  // sqlite3_exec wants a terminated string
  char* error = nullptr;
  if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &error) == SQLITE_OK) {
    return absl::OkStatus();
  }
  absl::Status status = SqliteStatus(sqlite3_extended_errcode(db_),
                                     error != nullptr ? error : sqlite3_errmsg(db_), sql);
  sqlite3_free(error);
  return status;
}

absl::StatusOr<bool> SqliteConnection::IsReadOnly(absl::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    return LastError(sql);
  }
  Statement stmt(raw);
  return stmt == nullptr || sqlite3_stmt_readonly(stmt.get()) != 0;
}

void SqliteConnection::RollbackIfOpen() {
  // ROLLBACK only fails with statements still running, and Run finishes
  // each before returning; the caller is already reporting a failure.
  if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace samspar::sql
