#ifndef SAMSPAR_SERVICES_ROSTER_ROSTER_VERSION_H_
#define SAMSPAR_SERVICES_ROSTER_ROSTER_VERSION_H_

// One number that every change to the roster's data raises, in the change's
// transaction. A replica keeps computed on-call answers while the number
// stays the same, so a change made through any replica is seen by all of
// them at their next read, and reading it costs one indexed row.

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/sql/database.h"

namespace samspar::roster {

absl::Status BumpRosterVersion(sql::Executor& tx);
absl::StatusOr<int64_t> ReadRosterVersion(sql::Executor& executor);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ROSTER_VERSION_H_
