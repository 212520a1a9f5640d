#ifndef SAMSPAR_TESTS_E2E_E2E_PATHS_H_
#define SAMSPAR_TESTS_E2E_E2E_PATHS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace samspar::testing {

// A binary of this build, by its path under the build directory.
inline std::string BuiltBinary(absl::string_view relative) {
  return absl::StrCat(SAMSPAR_BINARY_DIR, "/", relative);
}

inline std::string ServiceBinary(absl::string_view service) {
  return BuiltBinary(absl::StrCat("services/", service, "/samspar-", service));
}

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_E2E_E2E_PATHS_H_
