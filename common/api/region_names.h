#ifndef SAMSPAR_COMMON_API_REGION_NAMES_H_
#define SAMSPAR_COMMON_API_REGION_NAMES_H_

// The names every service's resources share: the region, `regions/{region}`,
// and resources directly in it, parsed with INVALID_NAME naming the field.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace samspar::api {

// INVALID_ARGUMENT (INVALID_NAME) for `field`, which must match `pattern`.
absl::Status InvalidNameError(absl::string_view field, absl::string_view pattern);

// `regions/{region}` -> the region code.
absl::StatusOr<std::string> ParseRegion(absl::string_view parent, absl::string_view field);

// A name of a resource that lives directly in a region, e.g.
// `regions/06/units/SE2321000057-E7RT` for collection "units".
struct RegionalName {
  std::string region;
  std::string id;
};
absl::StatusOr<RegionalName> ParseRegional(absl::string_view name, absl::string_view collection,
                                           absl::string_view field);

std::string RegionName(absl::string_view region);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_REGION_NAMES_H_
