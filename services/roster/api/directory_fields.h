#ifndef SAMSPAR_SERVICES_ROSTER_API_DIRECTORY_FIELDS_H_
#define SAMSPAR_SERVICES_ROSTER_API_DIRECTORY_FIELDS_H_

// Checks of the fields units, practitioners and lines share: display names,
// specialty codes, phone numbers and other contact points.

#include "absl/status/status.h"
#include "common/api/contact_codes.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "samspar/v1/common.pb.h"

namespace samspar::roster {

// FIELD_REQUIRED when empty (if `required`), FIELD_INVALID when longer than
// `max_chars` characters.
absl::Status CheckText(const std::string& text, bool required, size_t max_chars, absl::string_view field);

using api::CheckPhone;
using api::CheckSpecialty;

absl::Status CheckSpecialties(const google::protobuf::RepeatedPtrField<std::string>& codes, absl::string_view field);

absl::Status CheckContactPoints(const google::protobuf::RepeatedPtrField<v1::ContactPoint>& points,
                                absl::string_view field);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_API_DIRECTORY_FIELDS_H_
