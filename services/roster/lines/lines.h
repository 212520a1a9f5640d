#ifndef SAMSPAR_SERVICES_ROSTER_LINES_LINES_H_
#define SAMSPAR_SERVICES_ROSTER_LINES_LINES_H_

// The region's on-call lines (roster.proto, "On-call lines"): checked,
// stored and listed. Lines are never deleted, because consults and metrics
// refer to them; they are retired. Callers are authorised before these are
// called.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "common/store/message_table.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

class Lines {
 public:
  explicit Lines(sql::Database& database);

  absl::StatusOr<v1::Line> Create(const std::string& region, const v1::CreateLineRequest& request, absl::Time now);
  absl::StatusOr<v1::Line> Get(const std::string& name);
  absl::StatusOr<v1::ListLinesResponse> List(const std::string& region, const v1::ListLinesRequest& request);
  absl::StatusOr<v1::Line> Update(const v1::UpdateLineRequest& request, absl::Time now);

  static const store::MessageTable<v1::Line>& Table();

  // The names of `region`'s lines that `filter` (a ListLines filter)
  // selects, in `states`, by display name: for the answers that span lines
  // (FindOnCall, coverage, duties of `lines/-`).
  static absl::StatusOr<std::vector<std::string>> NamesMatching(sql::Executor& executor, const std::string& region,
                                                                absl::string_view filter,
                                                                const std::vector<v1::LineState>& states);

  // The line whose schedules are about to change: NOT_FOUND (LINE_NOT_FOUND),
  // or FAILED_PRECONDITION (LINE_RETIRED) once it is out of service.
  static absl::StatusOr<v1::Line> OpenForSchedules(sql::Executor& executor, const std::string& name);

 private:
  sql::Database& database_;
};

absl::Status LineNotFound(absl::string_view name);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_LINES_LINES_H_
