#ifndef SAMSPAR_SERVICES_ROSTER_API_RESOURCE_NAMES_H_
#define SAMSPAR_SERVICES_ROSTER_API_RESOURCE_NAMES_H_

// The roster's resource names (roster.proto): parsing what clients send,
// with INVALID_NAME naming the field, and writing what the server returns.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/api/region_names.h"

namespace samspar::roster {

using api::ParseRegion;
using api::ParseRegional;
using api::RegionalName;
using api::RegionName;

// A name under a line, e.g. `regions/06/lines/{line}/rotations/{rotation}`.
struct LineChildName {
  std::string region;
  std::string line;  // the line's resource name
  std::string id;
};
absl::StatusOr<LineChildName> ParseLineChild(absl::string_view name, absl::string_view collection,
                                             absl::string_view field);

// `regions/{region}/lines/{line}` or, where `allow_all_lines`, the wildcard
// `regions/{region}/lines/-`. `line` is empty for the wildcard.
struct LineParent {
  std::string region;
  std::string line;
};
absl::StatusOr<LineParent> ParseLineParent(absl::string_view parent, bool allow_all_lines, absl::string_view field);

// `regions/{region}/practitioners/{practitioner}/presence` -> the region and
// the practitioner's HSA-id.
absl::StatusOr<RegionalName> ParsePresenceName(absl::string_view name, absl::string_view field);

std::string UnitName(absl::string_view region, absl::string_view hsa_id);
std::string PractitionerName(absl::string_view region, absl::string_view hsa_id);
std::string LineName(absl::string_view region, absl::string_view id);
std::string PresenceName(absl::string_view region, absl::string_view hsa_id);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_API_RESOURCE_NAMES_H_
