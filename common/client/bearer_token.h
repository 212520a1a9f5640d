#ifndef SAMSPAR_COMMON_CLIENT_BEARER_TOKEN_H_
#define SAMSPAR_COMMON_CLIENT_BEARER_TOKEN_H_

// Per-call credentials: every call gets `authorization: Bearer <token>`
// from a token source asked afresh for each call, so that short-lived tokens
// (five minutes, each accepted once) never go stale or get replayed. gRPC
// sends call credentials only over a secure channel.

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"

namespace samspar::client {

using TokenSource = std::function<absl::StatusOr<std::string>()>;

std::shared_ptr<grpc::CallCredentials> BearerTokenCredentials(TokenSource source);

}  // namespace samspar::client

#endif  // SAMSPAR_COMMON_CLIENT_BEARER_TOKEN_H_
