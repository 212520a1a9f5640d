#include "common/server/call_guard.h"

#include <sys/stat.h>

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/identity/jwks.h"
#include "common/identity/replay_cache.h"
#include "common/logging/log.h"
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

// The file's modification time and size: what changes when it is replaced.
std::string FileVersion(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return "";
  return absl::StrCat(info.st_mtim.tv_sec, ".", info.st_mtim.tv_nsec, ":", info.st_size);
}

absl::StatusOr<std::shared_ptr<const identity::TokenVerifier>> LoadVerifier(
    const AccessOptions& options, std::shared_ptr<identity::ReplayGuard> replay_guard) {
  auto keys = identity::Jwks::LoadFile(options.jwks_file);
  if (!keys.ok()) return keys.status();
  auto verifier = identity::TokenVerifier::Create(
      std::move(*keys), {.issuer = options.token_issuer, .audience = options.token_audience},
      std::move(replay_guard));
  if (!verifier.ok()) return verifier.status();
  return std::make_shared<const identity::TokenVerifier>(std::move(*verifier));
}

}  // namespace

absl::StatusOr<std::unique_ptr<CallGuard>> CallGuard::Create(const AccessOptions& options) {
  auto replay_guard = std::make_shared<identity::ReplayCache>();
  std::string version = FileVersion(options.jwks_file);
  auto verifier = LoadVerifier(options, replay_guard);
  if (!verifier.ok()) return verifier.status();
  return std::unique_ptr<CallGuard>(
      new CallGuard(options, std::move(replay_guard), *std::move(verifier), version));
}

CallGuard::CallGuard(AccessOptions options, std::shared_ptr<identity::ReplayGuard> replay_guard,
                     std::shared_ptr<const identity::TokenVerifier> verifier,
                     std::string jwks_version)
    : options_(std::move(options)),
      replay_guard_(std::move(replay_guard)),
      limiter_(ratelimit::RateLimit{.calls_per_second = options_.calls_per_second,
                                    .burst = options_.burst}),
      verifier_(std::move(verifier)),
      jwks_version_(std::move(jwks_version)),
      next_check_(absl::Now() + options_.jwks_refresh_interval) {}

std::shared_ptr<const identity::TokenVerifier> CallGuard::CurrentVerifier() {
  {
    absl::MutexLock lock(&mutex_);
    if (absl::Now() < next_check_) return verifier_;
    next_check_ = absl::Now() + options_.jwks_refresh_interval;
    if (FileVersion(options_.jwks_file) == jwks_version_) return verifier_;
  }
  std::string version = FileVersion(options_.jwks_file);
  auto reloaded = LoadVerifier(options_, replay_guard_);
  absl::MutexLock lock(&mutex_);
  if (reloaded.ok()) {
    verifier_ = *std::move(reloaded);
    jwks_version_ = version;
    log::Info("tokens.keys_reloaded", {{"jwks_file", options_.jwks_file}});
  } else {
    log::Warn("tokens.keys_not_reloaded", {{"jwks_file", options_.jwks_file},
                                           {"error", std::string(reloaded.status().message())}});
  }
  return verifier_;
}

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
  absl::StatusOr<identity::Caller> caller =
      CurrentVerifier()->Verify(value.substr(kBearer.size()));
  if (!caller.ok()) return caller.status();
  if (absl::Status admitted = limiter_.Admit(RateLimitKey(*caller)); !admitted.ok()) {
    return admitted;
  }
  return caller;
}

}  // namespace samspar::server
