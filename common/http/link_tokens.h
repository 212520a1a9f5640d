#ifndef SAMSPAR_COMMON_HTTP_LINK_TOKENS_H_
#define SAMSPAR_COMMON_HTTP_LINK_TOKENS_H_

// The `token` of a link served on the HTTP side port to clients that cannot
// carry a bearer token (a calendar app subscribing to a feed, a browser
// opening the KPI dashboard): the URL itself carries a credential for that
// one subject and nothing else. It is an HMAC-SHA256, under the deployment's
// key for the purpose, of the purpose, the subject and the expiry: every
// replica with the key accepts it, and it reveals nothing but its expiry.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace samspar::http {

class LinkTokens {
 public:
  // `key`: at least 32 bytes of secret. `purpose` (e.g.
  // "samspar-calendar-feed") keeps tokens of one kind of link from opening
  // another even under the same key.
  static absl::StatusOr<LinkTokens> FromKey(std::string key, std::string purpose);
  static absl::StatusOr<LinkTokens> LoadKeyFile(const std::string& path, std::string purpose);

  // A token for `subject` (e.g. a line's resource name) that expires at
  // `expire_time` (whole seconds).
  std::string Issue(absl::string_view subject, absl::Time expire_time) const;

  // UNAUTHENTICATED (TOKEN_INVALID) for a token not issued for `subject`
  // under this key and purpose, or expired at `now`.
  absl::Status Verify(absl::string_view token, absl::string_view subject, absl::Time now) const;

 private:
  LinkTokens(std::string key, std::string purpose) : key_(std::move(key)), purpose_(std::move(purpose)) {}
  std::string Mac(absl::string_view subject, int64_t expire_seconds) const;

  std::string key_;
  std::string purpose_;
};

}  // namespace samspar::http

#endif  // SAMSPAR_COMMON_HTTP_LINK_TOKENS_H_
