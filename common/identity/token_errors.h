#ifndef SAMSPAR_COMMON_IDENTITY_TOKEN_ERRORS_H_
#define SAMSPAR_COMMON_IDENTITY_TOKEN_ERRORS_H_

// The UNAUTHENTICATED reasons of samspar.v1.ErrorReason (TOKEN_*). Messages
// say what is wrong with the token and never repeat the token or a claim
// value that could identify a person other than by HSA-id.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/status/errors.h"

namespace samspar::identity {

inline constexpr absl::string_view kTokenMissing = "TOKEN_MISSING";
inline constexpr absl::string_view kTokenInvalid = "TOKEN_INVALID";
inline constexpr absl::string_view kTokenExpired = "TOKEN_EXPIRED";
inline constexpr absl::string_view kTokenReplayed = "TOKEN_REPLAYED";

inline absl::Status TokenError(absl::string_view reason, absl::string_view message) {
  return Error(absl::StatusCode::kUnauthenticated, reason, message);
}

inline absl::Status TokenInvalid(absl::string_view message) {
  return TokenError(kTokenInvalid, message);
}

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_TOKEN_ERRORS_H_
