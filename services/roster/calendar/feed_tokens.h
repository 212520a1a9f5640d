#ifndef SAMSPAR_SERVICES_ROSTER_CALENDAR_FEED_TOKENS_H_
#define SAMSPAR_SERVICES_ROSTER_CALENDAR_FEED_TOKENS_H_

// The `token` of a calendar feed URL (roster.proto, ExportCalendar): calendar
// apps fetch a feed without a bearer token, so the URL itself carries a
// credential for that one feed and nothing else. It is an HMAC-SHA256, under
// the deployment's feed key, of the feed's subject and expiry: every replica
// with the key accepts it, and it reveals nothing but its expiry.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace samspar::roster {

class FeedTokens {
 public:
  // `key`: at least 32 bytes of secret (the file of --calendar_feed_key_file).
  static absl::StatusOr<FeedTokens> FromKey(std::string key);
  static absl::StatusOr<FeedTokens> LoadKeyFile(const std::string& path);

  // A token for the feed of `subject` (a line's or practitioner's resource
  // name) that expires at `expire_time` (whole seconds).
  std::string Issue(absl::string_view subject, absl::Time expire_time) const;

  // UNAUTHENTICATED (TOKEN_INVALID) for a token not issued for
  // `subject` under this key, or expired at `now`.
  absl::Status Verify(absl::string_view token, absl::string_view subject, absl::Time now) const;

 private:
  explicit FeedTokens(std::string key) : key_(std::move(key)) {}
  std::string Mac(absl::string_view subject, int64_t expire_seconds) const;

  std::string key_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_CALENDAR_FEED_TOKENS_H_
