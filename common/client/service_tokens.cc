#include "common/client/service_tokens.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/identity/token_profile.h"

namespace samspar::client {

absl::StatusOr<std::shared_ptr<const ServiceTokens>> ServiceTokens::Load(ServiceIdentity identity) {
  absl::StatusOr<identity::TokenSigner> signer =
      identity::TokenSigner::LoadPemFile(identity.signing_key_file, identity.key_id);
  if (!signer.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the service's signing key ", identity.signing_key_file, ": ", signer.status().message()));
  }
  return std::shared_ptr<const ServiceTokens>(new ServiceTokens(std::move(identity), *std::move(signer)));
}

absl::StatusOr<std::string> ServiceTokens::Mint(absl::string_view region) const {
  const identity::TokenTerms terms{.issuer = identity_.issuer,
                                   .audience = identity_.audience,
                                   .region = std::string(region),
                                   .issued_at = absl::Now(),
                                   .lifetime = identity_.lifetime};
  absl::StatusOr<nlohmann::json> claims =
      identity::SystemClaims(terms, {.client_id = identity_.client_id, .scopes = identity_.scopes});
  if (!claims.ok()) return claims.status();
  return signer_.Sign(*claims);
}

TokenSource ServiceTokens::ForRegion(std::string region) const {
  return [tokens = shared_from_this(), region = std::move(region)] { return tokens->Mint(region); };
}

}  // namespace samspar::client
