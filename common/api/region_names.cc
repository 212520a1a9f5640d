#include "common/api/region_names.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "common/audit/resource_name.h"
#include "common/status/errors.h"

namespace samspar::api {

absl::Status InvalidNameError(absl::string_view field, absl::string_view pattern) {
  return FieldError(field, "INVALID_NAME", absl::StrCat("must have the form ", pattern));
}

absl::StatusOr<std::string> ParseRegion(absl::string_view parent, absl::string_view field) {
  absl::optional<std::vector<std::string>> parts = audit::MatchName(parent, "regions/{region}");
  if (!parts.has_value() || !audit::IsRegionCode((*parts)[0])) return InvalidNameError(field, "regions/{region}");
  return (*parts)[0];
}

absl::StatusOr<RegionalName> ParseRegional(absl::string_view name, absl::string_view collection,
                                           absl::string_view field) {
  std::string pattern = absl::StrCat("regions/{region}/", collection, "/{id}");
  absl::optional<std::vector<std::string>> parts = audit::MatchName(name, pattern);
  if (!parts.has_value() || !audit::IsRegionCode((*parts)[0])) return InvalidNameError(field, pattern);
  return RegionalName{(*parts)[0], (*parts)[1]};
}

std::string RegionName(absl::string_view region) { return absl::StrCat("regions/", region); }

}  // namespace samspar::api
