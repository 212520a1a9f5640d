#ifndef SAMSPAR_SERVICES_ROSTER_DIRECTORY_PRACTITIONERS_H_
#define SAMSPAR_SERVICES_ROSTER_DIRECTORY_PRACTITIONERS_H_

// The region's practitioners (roster.proto, "Directory: practitioners"):
// checked, stored and listed. Callers are authorised before these are called.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "common/store/message_table.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

class Practitioners {
 public:
  explicit Practitioners(sql::Database& database);

  absl::StatusOr<v1::Practitioner> Create(const std::string& region, const v1::CreatePractitionerRequest& request,
                                          absl::Time now);
  absl::StatusOr<v1::Practitioner> Get(const std::string& name);
  absl::StatusOr<v1::ListPractitionersResponse> List(const std::string& region,
                                                     const v1::ListPractitionersRequest& request);
  absl::StatusOr<v1::Practitioner> Update(const v1::UpdatePractitionerRequest& request, absl::Time now);

  // The checks and the write of one practitioner in `tx`, for Create and
  // the bulk import alike. `existing` is the stored one when updating.
  static absl::Status Check(const v1::Practitioner& practitioner, absl::string_view field);
  static absl::Status Write(sql::Transaction& tx, const std::string& region, v1::Practitioner& practitioner,
                            const absl::optional<v1::Practitioner>& existing, absl::Time now);

  static const store::MessageTable<v1::Practitioner>& Table();

 private:
  sql::Database& database_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_DIRECTORY_PRACTITIONERS_H_
