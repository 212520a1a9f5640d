#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULES_ROTATIONS_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULES_ROTATIONS_H_

// Rotations of a line (roster.proto, "Schedules: rotations"): checked,
// stored and listed. A rotation that has begun is ended by its end_date,
// not deleted, so that "who was on call" stays answerable.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "common/store/message_table.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

class Rotations {
 public:
  explicit Rotations(sql::Database& database);

  absl::StatusOr<v1::Rotation> Create(const v1::CreateRotationRequest& request, absl::Time now);
  absl::StatusOr<v1::Rotation> Get(const std::string& name);
  absl::StatusOr<v1::ListRotationsResponse> List(const v1::ListRotationsRequest& request, absl::Time now);
  absl::StatusOr<v1::Rotation> Update(const v1::UpdateRotationRequest& request, absl::Time now);
  absl::Status Delete(const v1::DeleteRotationRequest& request, absl::Time now);

  static const store::MessageTable<v1::Rotation>& Table();

 private:
  sql::Database& database_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULES_ROTATIONS_H_
