#ifndef SAMSPAR_COMMON_IDENTITY_JWS_SIGNATURE_H_
#define SAMSPAR_COMMON_IDENTITY_JWS_SIGNATURE_H_

// The two JWS signature algorithms the suite accepts (RFC 7518 §3), on
// OpenSSL's EVP interface. Nothing else is offered: an algorithm that cannot
// be named here cannot be chosen by a token.

#include <openssl/evp.h>

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"

namespace samspar::identity {

enum class SignatureAlgorithm {
  kRs256,  // RSASSA-PKCS1-v1_5 with SHA-256
  kEs256,  // ECDSA on P-256 with SHA-256
};

// "RS256" or "ES256", as written in a JWS header and a JWK.
absl::string_view AlgorithmName(SignatureAlgorithm algorithm);

// The algorithm named `name` exactly, if it is one of the two.
absl::optional<SignatureAlgorithm> AlgorithmFromName(absl::string_view name);

// True if `signature` (JWS form: for ES256 the 64-byte R || S of RFC 7518
// §3.4, not DER) is `key`'s signature of `signing_input` under `algorithm`.
// False for any other signature, including one of the wrong length, and for
// a key of the wrong type.
bool VerifySignature(EVP_PKEY* key, SignatureAlgorithm algorithm, absl::string_view signing_input,
                     absl::string_view signature);

// The JWS-form signature of `signing_input` with the private `key`.
absl::StatusOr<std::string> CreateSignature(EVP_PKEY* key, SignatureAlgorithm algorithm,
                                            absl::string_view signing_input);

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_JWS_SIGNATURE_H_
