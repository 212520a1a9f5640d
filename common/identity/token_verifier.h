#ifndef SAMSPAR_COMMON_IDENTITY_TOKEN_VERIFIER_H_
#define SAMSPAR_COMMON_IDENTITY_TOKEN_VERIFIER_H_

// Why JOSE is written here on OpenSSL 3 (EVP) and nlohmann-json rather than
// taken from a JWT library: Debian 12's libjwt 1.10 takes the algorithm from
// the token header (the classic algorithm-confusion hole) and reads no JWKS;
// cpp-jwt 1.4 reads no JWKS either; and turning a JWK into a key needs
// OpenSSL anyway. The framing that remains (base64url, three parts, two
// algorithms) is small enough to own.

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/identity/caller.h"
#include "common/identity/jwks.h"
#include "common/identity/replay_cache.h"

namespace samspar::identity {

struct TokenVerifierOptions {
  std::string issuer;    // `iss` must equal it
  std::string audience;  // `aud` must be or contain it, e.g. "samspar-roster"
  // How far the identity provider's clock may be off ours.
  absl::Duration clock_skew = absl::Seconds(30);
  // The longest exp − iat accepted: a stolen token is useful only this long.
  absl::Duration max_lifetime = absl::Minutes(5);
  std::function<absl::Time()> now = absl::Now;
};

// Turns a bearer token into the Caller it names, or refuses it.
//
// The token must be a compact JWS (three base64url parts without padding)
// whose header names, by `kid`, a key of the configured key set, and whose
// `alg` is the one algorithm that key is pinned to (RS256 or ES256): `none`,
// HMAC with the public key as secret and RS256 on an EC key are all refused
// by that one rule. A header that brings its own key (jwk, jku, x5u, x5c) or
// critical extensions (crit) is refused; `typ`, when present, is JWT or
// at+jwt. Claims are read only after the signature verifies; they follow the
// token profile of token_profile.h. The token's id is recorded in the replay
// guard last, so that only tokens that are otherwise valid use up an id.
//
// Errors are UNAUTHENTICATED with a reason (token_errors.h): TOKEN_MISSING
// for an empty token, TOKEN_EXPIRED, TOKEN_REPLAYED, and TOKEN_INVALID for
// everything else; and UNAVAILABLE when the replay guard cannot tell. The
// messages never contain the token, nor a claim value other than an HSA-id.
//
// Thread-safe.
class TokenVerifier final {
 public:
  // The longest token read: far beyond any real token, short enough that a
  // huge header is refused before it is decoded.
  static constexpr size_t kMaxTokenBytes = 16 * 1024;

  // INVALID_ARGUMENT when the options cannot verify anything safely (no
  // issuer or audience, a negative skew, a lifetime that is not positive, no
  // clock or no replay guard).
  static absl::StatusOr<TokenVerifier> Create(Jwks keys, TokenVerifierOptions options,
                                              std::shared_ptr<ReplayGuard> replay_guard);

  absl::StatusOr<Caller> Verify(absl::string_view bearer_token) const;

 private:
  TokenVerifier(Jwks keys, TokenVerifierOptions options, std::shared_ptr<ReplayGuard> replay_guard);

  Jwks keys_;
  TokenVerifierOptions options_;
  std::shared_ptr<ReplayGuard> replay_guard_;
};

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_TOKEN_VERIFIER_H_
