#ifndef SAMSPAR_COMMON_IDENTITY_KEY_FILE_H_
#define SAMSPAR_COMMON_IDENTITY_KEY_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace samspar::identity {

// The whole content of the key file at `path`; the error names `what` (e.g.
// "JWKS file") and the path, so that a misconfigured deployment says which
// file it could not read.
absl::StatusOr<std::string> ReadKeyFile(const std::string& path, absl::string_view what);

// `status` with "<what> <path>: " before its message, keeping its code.
absl::Status InKeyFile(const absl::Status& status, const std::string& path, absl::string_view what);

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_KEY_FILE_H_
