#ifndef SAMSPAR_COMMON_IDENTITY_JWKS_H_
#define SAMSPAR_COMMON_IDENTITY_JWKS_H_

// The identity provider's public keys, from a JSON Web Key Set (RFC 7517).
//
// Each key is bound at load time to the one algorithm it may verify: an RSA
// key (at least 2048 bits) to RS256, an EC key on P-256 to ES256. A token's
// header can only select a key by its `kid`, never choose how it is used.
// Anything else is refused when the set is loaded, naming the kid: other key
// types ("oct" secrets above all) and curves, short RSA keys, a JWK whose
// "alg" disagrees with its key or whose "use" is not "sig", private key
// material, a missing or repeated kid, and an empty set.

#include <functional>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/identity/jws_signature.h"
#include "common/identity/openssl_ptr.h"

namespace samspar::identity {

// One public key of the set.
struct VerificationKey {
  std::string kid;
  SignatureAlgorithm algorithm;  // the only algorithm the key verifies
  EvpPkeyPtr key;
};

class Jwks final {
 public:
  static constexpr int kMinRsaBits = 2048;

  // Errors are INVALID_ARGUMENT, saying which key (by kid, or by position
  // when it has none) and what is wrong with it.
  static absl::StatusOr<Jwks> Parse(absl::string_view json);

  // As Parse, from a file; every error names the path.
  static absl::StatusOr<Jwks> LoadFile(const std::string& path);

  // The key with this kid, or nullptr.
  const VerificationKey* Find(absl::string_view kid) const;

  size_t size() const { return keys_.size(); }

 private:
  Jwks() = default;

  std::map<std::string, VerificationKey, std::less<>> keys_;
};

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_JWKS_H_
