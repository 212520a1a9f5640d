#include "services/roster/roster_version.h"

#include <vector>

namespace samspar::roster {

absl::Status BumpRosterVersion(sql::Executor& tx) {
  return tx.Execute("UPDATE roster_version SET version = version + 1 WHERE id = 1").status();
}

absl::StatusOr<int64_t> ReadRosterVersion(sql::Executor& executor) {
  absl::StatusOr<std::vector<sql::Row>> rows = executor.Query("SELECT version FROM roster_version WHERE id = 1");
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InternalError("roster_version has no row");
  return rows->front().GetInt64("version");
}

}  // namespace samspar::roster
