#ifndef SAMSPAR_COMMON_SQL_OPEN_DATABASE_H_
#define SAMSPAR_COMMON_SQL_OPEN_DATABASE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/sql/database.h"

namespace samspar::sql {

// Opens a service's database from the location an operator configured
// (--database): the one place that chooses the backend, so that service code
// sees only Database. A file path is an SQLite database. PostgreSQL, for
// deployments at scale, will be named by a `postgresql://` URL; until that
// backend exists such a URL is refused with FailedPrecondition.
absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const std::string& location);

}  // namespace samspar::sql

#endif  // SAMSPAR_COMMON_SQL_OPEN_DATABASE_H_
