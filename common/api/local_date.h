#ifndef SAMSPAR_COMMON_API_LOCAL_DATE_H_
#define SAMSPAR_COMMON_API_LOCAL_DATE_H_

// A LocalDate of a request (common.proto, "Time in Swedish civil time") as a
// civil day, for every service that takes dates: rotations' start dates,
// report periods.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "samspar/v1/common.pb.h"

namespace samspar::api {

// INVALID_ARGUMENT (FIELD_INVALID, naming `field`) unless a real date in the
// years 2000-2199.
absl::StatusOr<absl::CivilDay> ReadLocalDate(const v1::LocalDate& date, absl::string_view field);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_LOCAL_DATE_H_
