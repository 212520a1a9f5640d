#include "services/roster/api/resource_names.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "common/audit/resource_name.h"
#include "common/status/errors.h"

namespace samspar::roster {

absl::StatusOr<LineChildName> ParseLineChild(absl::string_view name, absl::string_view collection,
                                             absl::string_view field) {
  std::string pattern = absl::StrCat("regions/{region}/lines/{line}/", collection, "/{id}");
  absl::optional<std::vector<std::string>> parts = audit::MatchName(name, pattern);
  if (!parts.has_value() || !audit::IsRegionCode((*parts)[0]) || (*parts)[1] == "-") {
    return api::InvalidNameError(field, pattern);
  }
  return LineChildName{(*parts)[0], LineName((*parts)[0], (*parts)[1]), (*parts)[2]};
}

absl::StatusOr<LineParent> ParseLineParent(absl::string_view parent, bool allow_all_lines, absl::string_view field) {
  absl::optional<std::vector<std::string>> parts = audit::MatchName(parent, "regions/{region}/lines/{line}");
  if (!parts.has_value() || !audit::IsRegionCode((*parts)[0]) || ((*parts)[1] == "-" && !allow_all_lines)) {
    return api::InvalidNameError(field, allow_all_lines ? "regions/{region}/lines/{line} or regions/{region}/lines/-"
                                                        : "regions/{region}/lines/{line}");
  }
  if ((*parts)[1] == "-") return LineParent{(*parts)[0], ""};
  return LineParent{(*parts)[0], std::string(parent)};
}

absl::StatusOr<RegionalName> ParsePresenceName(absl::string_view name, absl::string_view field) {
  constexpr absl::string_view kPattern = "regions/{region}/practitioners/{practitioner}/presence";
  absl::optional<std::vector<std::string>> parts = audit::MatchName(name, kPattern);
  if (!parts.has_value() || !audit::IsRegionCode((*parts)[0])) return api::InvalidNameError(field, kPattern);
  return RegionalName{(*parts)[0], (*parts)[1]};
}

std::string UnitName(absl::string_view region, absl::string_view hsa_id) {
  return absl::StrCat("regions/", region, "/units/", hsa_id);
}

std::string PractitionerName(absl::string_view region, absl::string_view hsa_id) {
  return absl::StrCat("regions/", region, "/practitioners/", hsa_id);
}

std::string LineName(absl::string_view region, absl::string_view id) {
  return absl::StrCat("regions/", region, "/lines/", id);
}

std::string PresenceName(absl::string_view region, absl::string_view hsa_id) {
  return absl::StrCat(PractitionerName(region, hsa_id), "/presence");
}

}  // namespace samspar::roster
