#include "common/server/call_guard.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/identity/jwks.h"
#include "common/identity/replay_cache.h"
#include "common/status/errors.h"

namespace samspar::server {
namespace {

constexpr absl::string_view kBearer = "bearer ";

// The key a caller's rate limit is kept under: the person, whoever acts for
// them, or the system.
std::string RateLimitKey(const identity::Caller& caller) {
  if (caller.person.has_value()) return absl::StrCat("person:", caller.person->hsa_id);
  return absl::StrCat("system:", caller.system->client_id);
}

}  // namespace

absl::StatusOr<std::unique_ptr<CallGuard>> CallGuard::Create(const AccessOptions& options) {
  auto keys = identity::Jwks::LoadFile(options.jwks_file);
  if (!keys.ok()) return keys.status();
  auto verifier = identity::TokenVerifier::Create(
      std::move(*keys),
      {.issuer = options.token_issuer, .audience = options.token_audience},
      std::make_shared<identity::ReplayCache>());
  if (!verifier.ok()) return verifier.status();
  return std::make_unique<CallGuard>(
      std::move(*verifier),
      ratelimit::RateLimit{.calls_per_second = options.calls_per_second, .burst = options.burst});
}

CallGuard::CallGuard(identity::TokenVerifier verifier, ratelimit::RateLimit limit)
    : verifier_(std::move(verifier)), limiter_(limit) {}

absl::StatusOr<identity::Caller> CallGuard::Admit(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto header = metadata.find("authorization");
  if (header == metadata.end()) {
    return Error(absl::StatusCode::kUnauthenticated, "TOKEN_MISSING",
                 "no bearer token: send `authorization: Bearer <token>`");
  }
  absl::string_view value(header->second.data(), header->second.size());
  if (value.size() <= kBearer.size() ||
      !absl::EqualsIgnoreCase(value.substr(0, kBearer.size()), kBearer)) {
    return Error(absl::StatusCode::kUnauthenticated, "TOKEN_MISSING",
                 "the authorization metadata is not `Bearer <token>`");
  }
  absl::StatusOr<identity::Caller> caller = verifier_.Verify(value.substr(kBearer.size()));
  if (!caller.ok()) return caller.status();
  if (absl::Status admitted = limiter_.Admit(RateLimitKey(*caller)); !admitted.ok()) {
    return admitted;
  }
  return caller;
}

}  // namespace samspar::server
