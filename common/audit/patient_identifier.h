#ifndef SAMSPAR_COMMON_AUDIT_PATIENT_IDENTIFIER_H_
#define SAMSPAR_COMMON_AUDIT_PATIENT_IDENTIFIER_H_

// A patient identifier of a request (samspar.v1.PatientIdentifier), checked
// as common.proto says, into the PatientId the log stores. Errors name the
// field and what is wrong, never the value.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "common/audit/access_record.h"

namespace samspar::audit {

// As the request gives it, before any check.
struct RequestedPatient {
  absl::optional<PatientKind> kind = {};  // unset when the request leaves it unspecified
  std::string value = {};
  std::string issuing_region = {};  // a region's name, "regions/06"
  std::string issuing_unit = {};    // a unit's name, "regions/06/units/SE2321000057-E7RT"
};

// The identifier at request field `field` (e.g. "patient"):
// - PERSONNUMMER, SAMORDNINGSNUMMER: parsed in any form Skatteverket writes
//   and kept canonical (YYYYMMDDNNNC); the kind must be what the number is.
//   INVALID_PATIENT_IDENTIFIER at "<field>.value" otherwise.
// - RESERVNUMMER: its format is the issuing region's, so only its shape is
//   checked (1 to 32 ASCII letters, digits or hyphens) and it is kept exactly
//   as given, letter case included; "<field>.issuing_region" is required and
//   "<field>.issuing_unit", when given, must be a unit of that region.
absl::StatusOr<PatientId> CheckPatient(const RequestedPatient& requested, absl::string_view field);

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_PATIENT_IDENTIFIER_H_
