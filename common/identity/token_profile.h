#ifndef SAMSPAR_COMMON_IDENTITY_TOKEN_PROFILE_H_
#define SAMSPAR_COMMON_IDENTITY_TOKEN_PROFILE_H_

// The token profile: what a Samspår bearer token says about its caller, and
// how it becomes a Caller. Both directions live here, reading (for the
// verifier) and writing (for the local signer), so they cannot drift apart.
//
// A token is a JWT (RFC 7519) signed as a compact JWS with RS256 or ES256.
// Every token carries:
//   iss     the configured issuer, exactly.
//   aud     the audience of the service called: a string, or an array that
//           contains it.
//   exp     required; refused from exp + clock skew on (TOKEN_EXPIRED).
//   iat     required; not after now + clock skew; exp − iat is at most the
//           maximum lifetime (default 5 minutes, as for SMART backend
//           services).
//   nbf     optional; not after now + clock skew.
//   jti     required, 1 to 255 characters; a token is accepted once only.
//   region  required: the caller's region (the tenant), a two-digit county
//           code such as "06".
//   sub     required; what it names depends on the kind of caller.
// The kind of caller, told by `client_id` as in RFC 9068 (a token issued to
// a client for itself has client_id = sub):
//   system      client_id equal to sub: the system's client id. `scope`
//               (required) holds its OAuth scopes, space-separated, e.g.
//               "consult.read consult.write". No `roles`, no `act`.
//   person      otherwise. sub is the person's HSA-id; `unit` (required) the
//               HSA-id of the unit they act for; `roles` (required, may be
//               empty) an array of role names:
//                 clinician, ambulance_clinician, municipal_nurse,
//                 care_coordinator, region_admin, analyst, auditor.
//               A client_id other than sub names the app the person uses and
//               is not part of the caller; `scope` is ignored.
//   delegation  a person token that also has `act` (RFC 8693 §4.1):
//               {"sub": "<client id of the system>"}, and `scope` (required)
//               with the system's scopes. The call is authorised as the
//               person within those scopes. A chain of actors (`act` inside
//               `act`) is refused.
// A client id is 1 to 255 printable ASCII characters without spaces.
// HSA-ids are held in the canonical (upper case) form of ids::HsaId.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/identity/caller.h"
#include "nlohmann/json.hpp"

namespace samspar::identity {

// The role's name in the `roles` claim, e.g. "ambulance_clinician".
absl::string_view RoleName(Role role);
absl::optional<Role> RoleFromName(absl::string_view name);

// The caller the identity claims (sub, client_id, unit, roles, act, scope,
// region) name; token_id is left empty: the registered claims (iss, aud,
// times, jti) are the verifier's. Errors are UNAUTHENTICATED, TOKEN_INVALID.
absl::StatusOr<Caller> CallerFromClaims(const nlohmann::json& claims);

// What a minted token says besides who the caller is.
struct TokenTerms {
  std::string issuer;
  std::string audience;
  std::string region;
  absl::Time issued_at;
  absl::Duration lifetime = absl::Minutes(5);
};

// Claim sets of the profile, with iat and exp from `terms` and a fresh
// random jti (128 bits, hex). Errors only when no random bytes are to be had.
absl::StatusOr<nlohmann::json> PersonClaims(const TokenTerms& terms, const Person& person);
absl::StatusOr<nlohmann::json> SystemClaims(const TokenTerms& terms, const System& system);
absl::StatusOr<nlohmann::json> DelegationClaims(const TokenTerms& terms, const Person& person,
                                                const System& actor);

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_TOKEN_PROFILE_H_
