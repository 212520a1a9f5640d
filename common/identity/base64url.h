#ifndef SAMSPAR_COMMON_IDENTITY_BASE64URL_H_
#define SAMSPAR_COMMON_IDENTITY_BASE64URL_H_

// base64url without padding (RFC 7515 §2, RFC 4648 §5), the encoding of every
// part of a JWS and of the numbers in a JWK.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace samspar::identity {

std::string Base64UrlEncode(absl::string_view bytes);

// Strict: only the 64 base64url characters, no padding, no whitespace, and
// the unused low bits of the last character zero. A token therefore has one
// spelling only, and what was signed is exactly what is read.
absl::optional<std::string> Base64UrlDecode(absl::string_view text);

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_BASE64URL_H_
