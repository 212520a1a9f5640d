#include "common/sql/migrations.h"

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace samspar::sql {
namespace {

constexpr absl::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " service TEXT NOT NULL,"
    " version BIGINT NOT NULL,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL,"
    " PRIMARY KEY (service, version))";

absl::Status Prefixed(const absl::Status& status, absl::string_view prefix) {
  return absl::Status(status.code(), absl::StrCat(prefix, status.message()));
}

absl::Status CheckOrder(absl::string_view service, absl::Span<const Migration> migrations) {
  if (service.empty()) return absl::InvalidArgumentError("migrations need a service name");
  int64_t previous = 0;
  for (const Migration& migration : migrations) {
    if (migration.version <= previous) {
      return absl::InvalidArgumentError(
          absl::StrCat("migrations of ", service, " must have increasing positive versions; ",
                       migration.version, " (", migration.name, ") follows ", previous));
    }
    if (migration.name.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("migration ", migration.version, " of ", service, " has no name"));
    }
    previous = migration.version;
  }
  return absl::OkStatus();
}

absl::Status CreateTable(Database& db) {
  absl::StatusOr<int64_t> created = db.Execute(kCreateTable);
  if (created.ok()) return absl::OkStatus();
  // PostgreSQL can fail IF NOT EXISTS when a replica creates the table at the
  // same moment; the table being there is all that matters.
  if (db.Query("SELECT version FROM schema_migrations WHERE version < 0").ok()) {
    return absl::OkStatus();
  }
  return Prefixed(created.status(), "cannot create schema_migrations: ");
}

// Version → name of the migrations recorded for `service`.
absl::StatusOr<std::map<int64_t, std::string>> Applied(Database& db, absl::string_view service) {
  absl::StatusOr<std::vector<Row>> rows =
      db.Query("SELECT version, name FROM schema_migrations WHERE service = ?", {service});
  if (!rows.ok()) return Prefixed(rows.status(), "cannot read schema_migrations: ");
  std::map<int64_t, std::string> applied;
  for (const Row& row : *rows) {
    absl::StatusOr<int64_t> version = row.GetInt64(0);
    absl::StatusOr<std::string> name = row.GetText(1);
    if (!version.ok()) return version.status();
    if (!name.ok()) return name.status();
    applied.emplace(*version, *std::move(name));
  }
  return applied;
}

absl::Status CheckKnown(absl::string_view service, const std::map<int64_t, std::string>& applied,
                        absl::Span<const Migration> migrations) {
  for (const auto& [version, name] : applied) {
    const Migration* known = nullptr;
    for (const Migration& migration : migrations) {
      if (migration.version == version) known = &migration;
    }
    if (known == nullptr) {
      int64_t latest = migrations.empty() ? 0 : migrations.back().version;
      return absl::FailedPreconditionError(absl::StrCat(
          "the database of ", service, " has schema version ", version, " (", name,
          ") which this release does not know (it knows up to ", latest,
          "): it was migrated by a newer release; run that release or restore a backup"));
    }
    if (known->name != name) {
      return absl::FailedPreconditionError(
          absl::StrCat("schema version ", version, " of ", service, " was applied as '", name,
                       "' but this release calls it '", known->name, "'"));
    }
  }
  return absl::OkStatus();
}

// Whether this call ran the migration (false: another replica had).
absl::StatusOr<bool> Apply(Database& db, absl::string_view service, const Migration& migration) {
  bool ran = false;
  absl::Status status = db.RunInTransaction([&](Transaction& tx) -> absl::Status {
    ran = false;  // the body may run more than once
    absl::StatusOr<std::vector<Row>> done =
        tx.Query("SELECT version FROM schema_migrations WHERE service = ? AND version = ?",
                 {service, migration.version});
    if (!done.ok()) return done.status();
    if (!done->empty()) return absl::OkStatus();
    if (absl::Status script = tx.ExecuteScript(migration.sql); !script.ok()) return script;
    absl::StatusOr<int64_t> recorded = tx.Execute(
        "INSERT INTO schema_migrations (service, version, name, applied_at) VALUES (?, ?, ?, ?)",
        {service, migration.version, migration.name, absl::ToUnixMicros(absl::Now())});
    if (!recorded.ok()) return recorded.status();
    ran = true;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return ran;
}

}  // namespace

absl::StatusOr<int> ApplyMigrations(Database& db, absl::string_view service,
                                    absl::Span<const Migration> migrations) {
  if (absl::Status status = CheckOrder(service, migrations); !status.ok()) return status;
  if (absl::Status status = CreateTable(db); !status.ok()) return status;
  absl::StatusOr<std::map<int64_t, std::string>> applied = Applied(db, service);
  if (!applied.ok()) return applied.status();
  if (absl::Status status = CheckKnown(service, *applied, migrations); !status.ok()) {
    return status;
  }

  int count = 0;
  for (const Migration& migration : migrations) {
    if (applied->contains(migration.version)) continue;
    absl::StatusOr<bool> ran = Apply(db, service, migration);
    if (!ran.ok()) {
      // Under PostgreSQL a replica running the same migration at the same
      // moment fails on the tables the other one has just created.
      absl::StatusOr<std::map<int64_t, std::string>> now = Applied(db, service);
      if (now.ok() && now->contains(migration.version)) continue;
      return Prefixed(ran.status(), absl::StrCat("migration ", migration.version, " (",
                                                 migration.name, ") of ", service, " failed: "));
    }
    if (*ran) ++count;
  }
  return count;
}

}  // namespace samspar::sql
