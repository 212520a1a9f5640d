#ifndef SAMSPAR_SERVICES_ROSTER_DIRECTORY_UNITS_H_
#define SAMSPAR_SERVICES_ROSTER_DIRECTORY_UNITS_H_

// The region's care units (roster.proto, "Directory: care units"): checked,
// stored and listed. Callers are authorised before these are called.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "common/store/message_table.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

class Units {
 public:
  explicit Units(sql::Database& database);

  absl::StatusOr<v1::Unit> Create(const std::string& region, const v1::CreateUnitRequest& request, absl::Time now);
  absl::StatusOr<v1::Unit> Get(const std::string& name);
  absl::StatusOr<v1::ListUnitsResponse> List(const std::string& region, const v1::ListUnitsRequest& request);
  absl::StatusOr<v1::Unit> Update(const v1::UpdateUnitRequest& request, absl::Time now);

  // The checks and the write of one unit in `tx`, for Create and the bulk
  // import alike. `existing` is the stored unit when updating.
  absl::Status Check(const v1::Unit& unit, absl::string_view field);
  absl::Status Write(sql::Transaction& tx, const std::string& region, v1::Unit& unit,
                     const absl::optional<v1::Unit>& existing, absl::Time now, absl::string_view field);

  static store::Columns ColumnsOf(const v1::Unit& unit);
  static const store::MessageTable<v1::Unit>& Table();

 private:
  // FAILED_PRECONDITION (PARENT_CYCLE) when `unit`'s parent chain leads back
  // to it; NOT_FOUND (UNIT_NOT_FOUND) for a parent that does not exist.
  absl::Status CheckParent(sql::Executor& tx, const v1::Unit& unit, absl::string_view field);

  sql::Database& database_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_DIRECTORY_UNITS_H_
