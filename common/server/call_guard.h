#ifndef SAMSPAR_COMMON_SERVER_CALL_GUARD_H_
#define SAMSPAR_COMMON_SERVER_CALL_GUARD_H_

// The gate at the start of every handler of the suite: the bearer token of
// the call verified into a Caller, then the caller's rate limit. What the
// caller may then do is decided by the domain with auth::Authorize, from
// this Caller and never from the request body.

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/identity/caller.h"
#include "common/identity/replay_cache.h"
#include "common/identity/token_verifier.h"
#include "common/ratelimit/rate_limiter.h"
#include "common/server/call_workers.h"
#include "common/server/server_options.h"
#include "common/status/grpc_status.h"
#include "grpcpp/server_context.h"

namespace samspar::server {

class CallGuard {
 public:
  // Loads the JWKS of `options`; the error names the file. The file is
  // re-read when it changes (checked every jwks_refresh_interval), because
  // identity providers rotate their signing keys: a key added to the file
  // is trusted, a key removed from it no longer is.
  static absl::StatusOr<std::unique_ptr<CallGuard>> Create(const AccessOptions& options);

  // The verified caller of this call, from its `authorization: Bearer ...`
  // metadata. UNAUTHENTICATED with reason TOKEN_MISSING, TOKEN_INVALID,
  // TOKEN_EXPIRED or TOKEN_REPLAYED; RESOURCE_EXHAUSTED with RATE_LIMITED and
  // a retry delay when the caller is over its limit.
  absl::StatusOr<identity::Caller> Admit(const grpc::ServerContextBase& context);

  // A unary call of a callback service: `handler` runs for the admitted
  // caller, and its status (or the refusal) finishes the call.
  template <typename Handler>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, Handler&& handler) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    absl::StatusOr<identity::Caller> caller = Admit(*context);
    reactor->Finish(ToGrpcStatus(caller.ok() ? handler(*caller) : caller.status()));
    return reactor;
  }

  // The same, with `handler` run on `workers` (call_workers.h) for handlers
  // that wait on another service. `handler` must hold what it uses by value
  // or by pointer: the method that returns the reactor has returned by then.
  template <typename Handler>
  grpc::ServerUnaryReactor* ServeOn(CallWorkers& workers, grpc::CallbackServerContext* context, Handler handler) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    workers.Run([this, context, reactor, handler = std::move(handler)]() mutable {
      absl::StatusOr<identity::Caller> caller = Admit(*context);
      reactor->Finish(ToGrpcStatus(caller.ok() ? handler(*caller) : caller.status()));
    });
    return reactor;
  }

 private:
  CallGuard(AccessOptions options, std::shared_ptr<identity::ReplayGuard> replay_guard,
            std::shared_ptr<const identity::TokenVerifier> verifier, std::string jwks_version);

  // The verifier for the current JWKS file. A file that no longer parses
  // (half written) keeps the keys in use; the next check tries again.
  std::shared_ptr<const identity::TokenVerifier> CurrentVerifier();

  const AccessOptions options_;
  // One replay cache across reloads: a token stays used when the keys change.
  const std::shared_ptr<identity::ReplayGuard> replay_guard_;
  ratelimit::RateLimiter limiter_;
  absl::Mutex mutex_;
  std::shared_ptr<const identity::TokenVerifier> verifier_ ABSL_GUARDED_BY(mutex_);
  std::string jwks_version_ ABSL_GUARDED_BY(mutex_);  // modification time and size
  absl::Time next_check_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace samspar::server

#endif  // SAMSPAR_COMMON_SERVER_CALL_GUARD_H_
