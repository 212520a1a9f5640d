#ifndef SAMSPAR_SERVICES_ROSTER_DIRECTORY_DIRECTORY_REFS_H_
#define SAMSPAR_SERVICES_ROSTER_DIRECTORY_DIRECTORY_REFS_H_

// References from lines and schedules into the directory: a reference names
// a unit or practitioner of the same region, and is stored with the HSA-id
// and display name the server fills in, so answers need no second read.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/sql/database.h"
#include "samspar/v1/common.pb.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

enum class RequireActive { kNo, kYes };

// NOT_FOUND (UNIT_NOT_FOUND) for a unit that is not in `region`.
absl::Status FillUnitRef(sql::Executor& tx, const std::string& region, v1::UnitRef& ref, absl::string_view field);

// The practitioner named `name` in `region`'s directory: INVALID_NAME
// (naming `field`) for a malformed name, NOT_FOUND (PRACTITIONER_NOT_FOUND)
// for one not there.
absl::StatusOr<v1::Practitioner> FindPractitioner(sql::Executor& executor, const std::string& region,
                                                  const std::string& name, absl::string_view field);

// NOT_FOUND (PRACTITIONER_NOT_FOUND) for a practitioner not in `region`;
// with kYes, FAILED_PRECONDITION (PRACTITIONER_INACTIVE) for one who left.
absl::Status FillPractitionerRef(sql::Executor& tx, const std::string& region, v1::PractitionerRef& ref,
                                 RequireActive require_active, absl::string_view field);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_DIRECTORY_DIRECTORY_REFS_H_
