#ifndef SAMSPAR_COMMON_SERVER_CALL_GUARD_H_
#define SAMSPAR_COMMON_SERVER_CALL_GUARD_H_

// The gate at the start of every handler of the suite: the bearer token of
// the call verified into a Caller, then the caller's rate limit. What the
// caller may then do is decided by the domain with auth::Authorize, from
// this Caller and never from the request body.

#include <memory>

#include "absl/status/statusor.h"
#include "common/identity/caller.h"
#include "common/identity/token_verifier.h"
#include "common/ratelimit/rate_limiter.h"
#include "common/server/server_options.h"
#include "grpcpp/server_context.h"

namespace samspar::server {

class CallGuard {
 public:
  // Loads the JWKS of `options`; the error names the file.
  static absl::StatusOr<std::unique_ptr<CallGuard>> Create(const AccessOptions& options);
  CallGuard(identity::TokenVerifier verifier, ratelimit::RateLimit limit);

  // The verified caller of this call, from its `authorization: Bearer ...`
  // metadata. UNAUTHENTICATED with reason TOKEN_MISSING, TOKEN_INVALID,
  // TOKEN_EXPIRED or TOKEN_REPLAYED; RESOURCE_EXHAUSTED with RATE_LIMITED and
  // a retry delay when the caller is over its limit.
  absl::StatusOr<identity::Caller> Admit(const grpc::ServerContextBase& context);

 private:
  identity::TokenVerifier verifier_;
  ratelimit::RateLimiter limiter_;
};

}  // namespace samspar::server

#endif  // SAMSPAR_COMMON_SERVER_CALL_GUARD_H_
