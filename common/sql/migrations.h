#ifndef SAMSPAR_COMMON_SQL_MIGRATIONS_H_
#define SAMSPAR_COMMON_SQL_MIGRATIONS_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/sql/database.h"

namespace samspar::sql {

// One step of a service's schema. A service lists its migrations in a
// constant array, in increasing version order, and only ever appends: a
// released migration is never edited, renumbered or removed.
//
// `sql` may hold several statements separated by ';' (see
// Transaction::ExecuteScript), written in the portable subset of database.h,
// without BEGIN/COMMIT.
struct Migration {
  int64_t version;
  absl::string_view name;
  absl::string_view sql;
};

// Brings `service`'s schema up to date at start-up and returns how many
// migrations this call applied (0 when there was nothing to do).
//
// Bookkeeping lives in a schema_migrations table (service, version, name,
// applied_at in microseconds since the Unix epoch). Each missing migration
// runs in its own transaction together with its bookkeeping row, so a
// failing one leaves nothing behind and is tried again at the next start.
//
// Refuses (FailedPrecondition) a database holding a version this binary does
// not list (it was migrated by a newer release), or one recorded under a
// different name (two branches used the same number). Replicas starting
// together are safe: each migration re-checks its row inside its
// transaction, and a migration that failed because another replica just ran
// it counts as done.
absl::StatusOr<int> ApplyMigrations(Database& db, absl::string_view service,
                                    absl::Span<const Migration> migrations);

}  // namespace samspar::sql

#endif  // SAMSPAR_COMMON_SQL_MIGRATIONS_H_
