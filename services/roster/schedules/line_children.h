#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULES_LINE_CHILDREN_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULES_LINE_CHILDREN_H_

// What rotations, shifts, overrides and swap requests share as children of
// a line: how a List is scoped (one line, or every line of the region with
// `lines/-`), and how a stored instant is kept in a column.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "services/roster/api/resource_names.h"

namespace samspar::roster {

struct ListScope {
  std::string where;
  std::vector<sql::Value> params;
};

// NOT_FOUND (LINE_NOT_FOUND) when `parent` names a line that does not exist.
absl::StatusOr<ListScope> ScopeOfLineChildren(sql::Executor& executor, const LineParent& parent);

// The name of a new child of `line` in `collection`, e.g.
// `regions/06/lines/{line}/rotations/{id}`.
std::string NewChildName(const std::string& line, absl::string_view collection, absl::Time now);

inline int64_t InstantColumn(absl::Time time) { return absl::ToUnixMicros(time); }

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULES_LINE_CHILDREN_H_
