#ifndef SAMSPAR_COMMON_IDENTITY_TOKEN_SIGNER_H_
#define SAMSPAR_COMMON_IDENTITY_TOKEN_SIGNER_H_

// Mints tokens for the local run and the tests: the `samspar --as <HSA-id>`
// client and the test suites sign short-lived tokens with a local key, and
// the services verify them against PublicJwks() exactly as they verify the
// identity provider's tokens in production. There is no bypass.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/identity/jws_signature.h"
#include "common/identity/openssl_ptr.h"
#include "nlohmann/json.hpp"

namespace samspar::identity {

class TokenSigner final {
 public:
  // A private key in PEM (PKCS #8 or the traditional forms; not encrypted):
  // EC on P-256 signs ES256, RSA of at least 2048 bits RS256. `kid` names it
  // in the tokens and in the public JWKS.
  static absl::StatusOr<TokenSigner> FromPem(absl::string_view private_key_pem, std::string kid);
  // As FromPem, from a file; errors name the path.
  static absl::StatusOr<TokenSigner> LoadPemFile(const std::string& path, std::string kid);

  // The compact JWS of `claims` (see token_profile.h for claim sets), with
  // header {"alg", "typ": "at+jwt", "kid"}.
  absl::StatusOr<std::string> Sign(const nlohmann::json& claims) const;

  // {"keys": [the public JWK]}: what the services load to verify this
  // signer's tokens.
  const nlohmann::json& PublicJwks() const { return public_jwks_; }

  SignatureAlgorithm algorithm() const { return algorithm_; }
  const std::string& kid() const { return kid_; }

 private:
  TokenSigner(EvpPkeyPtr key, SignatureAlgorithm algorithm, std::string kid,
              nlohmann::json public_jwks);

  EvpPkeyPtr key_;
  SignatureAlgorithm algorithm_;
  std::string kid_;
  nlohmann::json public_jwks_;
};

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_TOKEN_SIGNER_H_
