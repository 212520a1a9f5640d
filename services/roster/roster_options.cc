#include "services/roster/roster_options.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/calendar/stockholm_time.h"
#include "common/config/listen_address.h"
#include "services/roster/calendar/calendar_feeds.h"

ABSL_FLAG(std::string, redis, "127.0.0.1:6379", "host:port of the Redis server that keeps presence");
ABSL_FLAG(std::string, redis_password_file, "", "a file holding the Redis password (AUTH), when Redis needs one");
ABSL_FLAG(std::string, redis_key_prefix,
          "samspar:", "put before every Redis key and channel, so that deployments can share one Redis");

ABSL_FLAG(std::string, calendar_feed_key_file, "",
          "a file of at least 32 random bytes that signs calendar feed URLs (feeds are off without it)");
ABSL_FLAG(std::string, calendar_feed_base_url, "",
          "how calendar apps reach this service's HTTP side port, e.g. https://roster.example.se:9091");

namespace samspar::roster {

absl::StatusOr<RosterOptions> RosterOptionsFromFlags() {
  RosterOptions options;
  absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
  if (!zone.ok()) return zone.status();
  options.zone = *zone;
  absl::StatusOr<config::ListenAddress> address = config::ParseListenAddress(absl::GetFlag(FLAGS_redis));
  if (!address.ok() || address->port == 0) {
    return absl::InvalidArgumentError("--redis: expected host:port of the Redis server, e.g. 127.0.0.1:6379");
  }
  options.redis.host = address->host;
  options.redis.port = address->port;
  options.redis.key_prefix = absl::GetFlag(FLAGS_redis_key_prefix);
  if (const std::string key = absl::GetFlag(FLAGS_calendar_feed_key_file); !key.empty()) {
    absl::StatusOr<http::LinkTokens> tokens = http::LinkTokens::LoadKeyFile(key, kCalendarFeedPurpose);
    if (!tokens.ok())
      return absl::InvalidArgumentError(absl::StrCat("--calendar_feed_key_file: ", tokens.status().message()));
    options.feed_tokens = *std::move(tokens);
  }
  options.calendar_feed_base_url = absl::GetFlag(FLAGS_calendar_feed_base_url);
  if (const std::string path = absl::GetFlag(FLAGS_redis_password_file); !path.empty()) {
    std::ifstream file(path);
    if (!file) return absl::InvalidArgumentError(absl::StrCat("--redis_password_file: cannot read ", path));
    std::stringstream password;
    password << file.rdbuf();
    options.redis.password = std::string(absl::StripAsciiWhitespace(password.str()));
  }
  return options;
}

}  // namespace samspar::roster
