#ifndef SAMSPAR_COMMON_API_CONTACT_CODES_H_
#define SAMSPAR_COMMON_API_CONTACT_CODES_H_

// Checks of the short codes every service takes from clients: specialty
// codes (lines, consult targets) and phone numbers (contact points, a
// requester's callback numbers).

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace samspar::api {

// INVALID_ARGUMENT (FIELD_INVALID) unless a specialty code: a lowercase slug
// such as `internal-medicine`, 1–60 letters, digits and inner '-'.
absl::Status CheckSpecialty(absl::string_view code, absl::string_view field);

// INVALID_ARGUMENT (INVALID_PHONE_NUMBER) unless E.164 (`+46361234567`):
// '+', then 7 to 15 digits, the first not 0.
absl::Status CheckPhone(absl::string_view phone, absl::string_view field);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_CONTACT_CODES_H_
