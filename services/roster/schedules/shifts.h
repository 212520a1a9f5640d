#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULES_SHIFTS_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULES_SHIFTS_H_

// Explicit shifts of a line (roster.proto, "Schedules: explicit shifts"):
// checked, stored and listed. A shift that has begun is shortened, not
// deleted; one that has ended is history and no longer changes.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "common/store/message_table.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

class Shifts {
 public:
  explicit Shifts(sql::Database& database);

  absl::StatusOr<v1::Shift> Create(const v1::CreateShiftRequest& request, absl::Time now);
  absl::StatusOr<v1::Shift> Get(const std::string& name);
  absl::StatusOr<v1::ListShiftsResponse> List(const v1::ListShiftsRequest& request);
  absl::StatusOr<v1::Shift> Update(const v1::UpdateShiftRequest& request, absl::Time now);
  absl::Status Delete(const v1::DeleteShiftRequest& request, absl::Time now);

  // Checks `shift`, fills its practitioner and stores it under `line`, for
  // CreateShift and the iCalendar import alike.
  static absl::Status Write(sql::Transaction& tx, const std::string& region, const std::string& line, v1::Shift& shift,
                            const absl::optional<v1::Shift>& existing, absl::Time now);

  static const store::MessageTable<v1::Shift>& Table();

 private:
  sql::Database& database_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULES_SHIFTS_H_
