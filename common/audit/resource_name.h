#ifndef SAMSPAR_COMMON_AUDIT_RESOURCE_NAME_H_
#define SAMSPAR_COMMON_AUDIT_RESOURCE_NAME_H_

// Resource names of the API (`regions/{region}/...`) as the access log reads
// them from requests.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace samspar::audit {

// The variable segments of `name` when it has the shape of `pattern`, e.g.
// {"06", "consult"} for "regions/06/services/consult" and
// "regions/{region}/services/{service}"; nullopt when the literal segments
// differ or a variable one is empty.
absl::optional<std::vector<std::string>> MatchName(absl::string_view name,
                                                   absl::string_view pattern);

// A two-digit county code, such as "06".
bool IsRegionCode(absl::string_view text);

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_RESOURCE_NAME_H_
