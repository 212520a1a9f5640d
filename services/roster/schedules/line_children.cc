#include "services/roster/schedules/line_children.h"

#include "absl/strings/str_cat.h"
#include "common/ids/resource_id.h"
#include "common/status/macros.h"
#include "services/roster/lines/lines.h"

namespace samspar::roster {

absl::StatusOr<ListScope> ScopeOfLineChildren(sql::Executor& executor, const LineParent& parent) {
  if (parent.line.empty()) return ListScope{"region = ?", {sql::Value(parent.region)}};
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Line> line, Lines::Table().Get(executor, parent.line));
  if (!line.has_value()) return LineNotFound(parent.line);
  return ListScope{"parent = ?", {sql::Value(parent.line)}};
}

std::string NewChildName(const std::string& line, absl::string_view collection, absl::Time now) {
  return absl::StrCat(line, "/", collection, "/", ids::NewResourceId(now));
}

}  // namespace samspar::roster
