#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULES_LINE_OVERRIDES_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULES_LINE_OVERRIDES_H_

// Overrides of a line (roster.proto, "Schedules: overrides"): checked,
// stored and listed, with who made each one. Like shifts, a begun override
// is shortened rather than deleted, and an ended one no longer changes.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "common/store/message_table.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

class Overrides {
 public:
  explicit Overrides(sql::Database& database);

  absl::StatusOr<v1::Override> Create(const v1::CreateOverrideRequest& request, const v1::Actor& creator,
                                      absl::Time now);
  absl::StatusOr<v1::Override> Get(const std::string& name);
  absl::StatusOr<v1::ListOverridesResponse> List(const v1::ListOverridesRequest& request);
  absl::StatusOr<v1::Override> Update(const v1::UpdateOverrideRequest& request, absl::Time now);
  absl::Status Delete(const v1::DeleteOverrideRequest& request, absl::Time now);

  // Checks `override_`, fills its practitioners and stores it under `line`,
  // for CreateOverride and applied swap requests alike.
  static absl::Status Write(sql::Transaction& tx, const std::string& region, const std::string& line,
                            v1::Override& override_, const absl::optional<v1::Override>& existing, absl::Time now);

  static const store::MessageTable<v1::Override>& Table();

 private:
  sql::Database& database_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULES_LINE_OVERRIDES_H_
