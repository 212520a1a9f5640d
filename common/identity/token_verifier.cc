#include "common/identity/token_verifier.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/optional.h"
#include "common/identity/base64url.h"
#include "common/identity/strict_json.h"
#include "common/identity/token_errors.h"
#include "common/identity/token_profile.h"
#include "nlohmann/json.hpp"

namespace samspar::identity {
namespace {

using nlohmann::json;

constexpr size_t kMaxTokenIdLength = 255;

// 9999-12-31T23:59:59Z: later NumericDates are nonsense, and refusing them
// keeps the time arithmetic finite.
constexpr double kLatestNumericDate = 253402300799.0;

// Header members that would let the token choose the key that verifies it.
constexpr const char* kSelfKeyHeaders[] = {"jwk", "jku", "x5u", "x5c"};

// The registered JWS algorithm names (RFC 7518 §3.1, RFC 8037, RFC 8812):
// the only `alg` values a refusal repeats, since any other text could be
// anything at all.
constexpr absl::string_view kRegisteredAlgorithms[] = {
    "none",  "HS256", "HS384", "HS512", "RS256", "RS384", "RS512",  "ES256",
    "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA", "ES256K",
};

std::string Seconds(absl::Duration duration) {
  return absl::StrCat(absl::ToInt64Seconds(duration), " s");
}

absl::StatusOr<json> DecodeJsonPart(absl::string_view part, absl::string_view what) {
  absl::optional<std::string> bytes = Base64UrlDecode(part);
  if (!bytes.has_value()) {
    return TokenInvalid(absl::StrCat("token ", what, " is not base64url without padding"));
  }
  absl::optional<json> object = ParseJsonObject(*bytes);
  if (!object.has_value()) {
    return TokenInvalid(
        absl::StrCat("token ", what, " is not a JSON object (or names a member twice)"));
  }
  return *std::move(object);
}

absl::Status AlgorithmNotAllowed(absl::string_view name) {
  const bool registered =
      std::find(std::begin(kRegisteredAlgorithms), std::end(kRegisteredAlgorithms), name) !=
      std::end(kRegisteredAlgorithms);
  return TokenInvalid(absl::StrCat("token algorithm ", registered ? name : "(unregistered)",
                                   " is not allowed (only RS256 and ES256)"));
}

// The key the header names, provided the header's algorithm is the one the
// key is pinned to.
absl::StatusOr<const VerificationKey*> KeyFor(const Jwks& keys, absl::string_view encoded_header) {
  absl::StatusOr<json> header = DecodeJsonPart(encoded_header, "header");
  if (!header.ok()) return header.status();
  for (const char* member : kSelfKeyHeaders) {
    if (Member(*header, member) != nullptr) {
      return TokenInvalid(absl::StrCat("token header carries its own key (", member,
                                       "); keys come only from the configured key set"));
    }
  }
  if (Member(*header, "crit") != nullptr) {
    return TokenInvalid("token header has critical extensions (crit), which are not supported");
  }
  if (Member(*header, "typ") != nullptr) {
    const std::string* type = StringMember(*header, "typ");
    if (type == nullptr ||
        !(absl::EqualsIgnoreCase(*type, "JWT") || absl::EqualsIgnoreCase(*type, "at+jwt"))) {
      return TokenInvalid("token type (typ) is neither JWT nor at+jwt");
    }
  }
  const std::string* name = StringMember(*header, "alg");
  if (name == nullptr) return TokenInvalid("token header has no algorithm (alg)");
  absl::optional<SignatureAlgorithm> algorithm = AlgorithmFromName(*name);
  if (!algorithm.has_value()) return AlgorithmNotAllowed(*name);
  const std::string* kid = StringMember(*header, "kid");
  if (kid == nullptr) return TokenInvalid("token header has no key id (kid)");
  const VerificationKey* key = keys.Find(*kid);
  if (key == nullptr) return TokenInvalid("token key id (kid) is not in the configured key set");
  if (key->algorithm != *algorithm) {
    return TokenInvalid(absl::StrCat("token algorithm ", *name,
                                     " does not match its key, which is for ",
                                     AlgorithmName(key->algorithm)));
  }
  return key;
}

// The NumericDate claim `name` (RFC 7519 §2), or nullopt when it is absent.
absl::StatusOr<absl::optional<absl::Time>> NumericDate(const json& claims, const char* name) {
  const json* claim = Member(claims, name);
  if (claim == nullptr) return absl::optional<absl::Time>();
  if (!claim->is_number()) {
    return TokenInvalid(absl::StrCat("token ", name, " is not a number of seconds"));
  }
  const double seconds = claim->get<double>();
  if (!(seconds >= 0 && seconds <= kLatestNumericDate)) {
    return TokenInvalid(absl::StrCat("token ", name, " is out of range"));
  }
  return absl::optional<absl::Time>(absl::UnixEpoch() + absl::Seconds(seconds));
}

bool NamesAudience(const json& audience, const std::string& expected) {
  if (audience.is_string()) return audience == expected;
  const json::array_t* audiences = ArrayOf(audience);
  return audiences != nullptr &&
         std::any_of(audiences->begin(), audiences->end(),
                     [&expected](const json& one) { return one.is_string() && one == expected; });
}

absl::Status CheckIssuerAndAudience(const json& claims, const TokenVerifierOptions& options) {
  const json* issuer = Member(claims, "iss");
  if (issuer == nullptr) return TokenInvalid("token has no issuer (iss)");
  if (*issuer != options.issuer) {
    return TokenInvalid(absl::StrCat("token issuer is not ", options.issuer));
  }
  const json* audience = Member(claims, "aud");
  if (audience == nullptr) return TokenInvalid("token has no audience (aud)");
  if (!NamesAudience(*audience, options.audience)) {
    return TokenInvalid(absl::StrCat("token audience does not include ", options.audience));
  }
  return absl::OkStatus();
}

// Checks exp, iat, nbf and the lifetime; returns when the token stops being
// accepted (exp + skew).
absl::StatusOr<absl::Time> CheckTimes(const json& claims, const TokenVerifierOptions& options,
                                      absl::Time now) {
  const absl::Duration skew = options.clock_skew;
  absl::StatusOr<absl::optional<absl::Time>> expires = NumericDate(claims, "exp");
  if (!expires.ok()) return expires.status();
  if (!expires->has_value()) return TokenInvalid("token has no expiry (exp)");
  const absl::Time exp = **expires;
  if (exp + skew <= now) {
    return TokenError(kTokenExpired, absl::StrCat("token expired ", Seconds(now - exp), " ago"));
  }

  absl::StatusOr<absl::optional<absl::Time>> issued = NumericDate(claims, "iat");
  if (!issued.ok()) return issued.status();
  if (!issued->has_value()) return TokenInvalid("token has no issue time (iat)");
  const absl::Time iat = **issued;
  if (iat > now + skew) {
    return TokenInvalid(absl::StrCat("token issued ", Seconds(iat - now), " in the future"));
  }
  absl::StatusOr<absl::optional<absl::Time>> not_before = NumericDate(claims, "nbf");
  if (!not_before.ok()) return not_before.status();
  if (not_before->has_value() && **not_before > now + skew) {
    return TokenInvalid(
        absl::StrCat("token is not valid until ", Seconds(**not_before - now), " from now"));
  }
  if (exp <= iat) return TokenInvalid("token expires before it is issued (exp not after iat)");
  if (exp - iat > options.max_lifetime) {
    return TokenInvalid(absl::StrCat("token lifetime of ", Seconds(exp - iat),
                                     " exceeds the maximum of ", Seconds(options.max_lifetime)));
  }
  return exp + skew;
}

absl::StatusOr<std::string> TokenId(const json& claims) {
  const std::string* id = StringMember(claims, "jti");
  if (id == nullptr || id->empty()) return TokenInvalid("token has no id (jti)");
  if (id->size() > kMaxTokenIdLength) {
    return TokenInvalid(
        absl::StrCat("token id (jti) is longer than ", kMaxTokenIdLength, " characters"));
  }
  return *id;
}

}  // namespace

absl::StatusOr<TokenVerifier> TokenVerifier::Create(Jwks keys, TokenVerifierOptions options,
                                                    std::shared_ptr<ReplayGuard> replay_guard) {
  if (options.issuer.empty()) return absl::InvalidArgumentError("token verifier: no issuer");
  if (options.audience.empty()) return absl::InvalidArgumentError("token verifier: no audience");
  if (options.clock_skew < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("token verifier: clock skew is negative");
  }
  if (options.max_lifetime <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("token verifier: maximum lifetime is not positive");
  }
  if (!options.now) return absl::InvalidArgumentError("token verifier: no clock");
  if (replay_guard == nullptr) {
    return absl::InvalidArgumentError("token verifier: no replay guard");
  }
  return TokenVerifier(std::move(keys), std::move(options), std::move(replay_guard));
}

TokenVerifier::TokenVerifier(Jwks keys, TokenVerifierOptions options,
                             std::shared_ptr<ReplayGuard> replay_guard)
    : keys_(std::move(keys)),
      options_(std::move(options)),
      replay_guard_(std::move(replay_guard)) {}

absl::StatusOr<Caller> TokenVerifier::Verify(absl::string_view bearer_token) const {
  if (bearer_token.empty()) return TokenError(kTokenMissing, "no bearer token");
  if (bearer_token.size() > kMaxTokenBytes) {
    return TokenInvalid(absl::StrCat("token is longer than ", kMaxTokenBytes, " bytes"));
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(bearer_token, '.');
  if (parts.size() != 3) {
    return TokenInvalid("token is not a compact JWS (three base64url parts separated by dots)");
  }
  absl::StatusOr<const VerificationKey*> key = KeyFor(keys_, parts[0]);
  if (!key.ok()) return key.status();
  absl::optional<std::string> signature = Base64UrlDecode(parts[2]);
  if (!signature.has_value()) {
    return TokenInvalid("token signature is not base64url without padding");
  }
  const absl::string_view signing_input =
      bearer_token.substr(0, parts[0].size() + 1 + parts[1].size());
  if (!VerifySignature((*key)->key.get(), (*key)->algorithm, signing_input, *signature)) {
    return TokenInvalid("token signature does not verify");
  }

  // Only now, with the signature verified, are the claims worth reading.
  absl::StatusOr<json> claims = DecodeJsonPart(parts[1], "payload");
  if (!claims.ok()) return claims.status();
  if (absl::Status status = CheckIssuerAndAudience(*claims, options_); !status.ok()) {
    return status;
  }
  const absl::Time now = options_.now();
  absl::StatusOr<absl::Time> accepted_until = CheckTimes(*claims, options_, now);
  if (!accepted_until.ok()) return accepted_until.status();
  absl::StatusOr<std::string> token_id = TokenId(*claims);
  if (!token_id.ok()) return token_id.status();
  absl::StatusOr<Caller> caller = CallerFromClaims(*claims);
  if (!caller.ok()) return caller.status();

  absl::StatusOr<bool> first_use = replay_guard_->CheckAndInsert(*token_id, *accepted_until, now);
  if (!first_use.ok()) return first_use.status();
  if (!*first_use) return TokenError(kTokenReplayed, "token was used before (its jti is known)");
  caller->token_id = *std::move(token_id);
  caller->accepted_until = *accepted_until;
  return caller;
}

}  // namespace samspar::identity
