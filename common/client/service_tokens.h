#ifndef SAMSPAR_COMMON_CLIENT_SERVICE_TOKENS_H_
#define SAMSPAR_COMMON_CLIENT_SERVICE_TOKENS_H_

// The bearer tokens a Samspår service presents when it calls another (the
// consult service asking the roster who is on call, sending events to
// metrics). Tokens are single-use and short-lived, so a service mints one per
// call, as a system, signed with its own key, whose public half the region's
// JWKS carries (as an OAuth client authenticating with its own key pair).

#include <memory>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/client/bearer_token.h"
#include "common/identity/token_signer.h"

namespace samspar::client {

struct ServiceIdentity {
  std::string signing_key_file;  // PEM private key (EC P-256 or RSA)
  std::string key_id;            // its `kid` in the JWKS
  std::string issuer;
  std::string audience;
  std::string client_id;  // e.g. "samspar-consult"
  std::set<std::string> scopes;
  absl::Duration lifetime = absl::Minutes(1);
};

class ServiceTokens : public std::enable_shared_from_this<ServiceTokens> {
 public:
  // The key file is read once; the error names it.
  static absl::StatusOr<std::shared_ptr<const ServiceTokens>> Load(ServiceIdentity identity);

  // A fresh token for calls about `region` (two-digit code).
  absl::StatusOr<std::string> Mint(absl::string_view region) const;

  // Mint for `region`, as per-call credentials take it; keeps this alive.
  TokenSource ForRegion(std::string region) const;

 private:
  ServiceTokens(ServiceIdentity identity, identity::TokenSigner signer)
      : identity_(std::move(identity)), signer_(std::move(signer)) {}

  const ServiceIdentity identity_;
  const identity::TokenSigner signer_;
};

}  // namespace samspar::client

#endif  // SAMSPAR_COMMON_CLIENT_SERVICE_TOKENS_H_
