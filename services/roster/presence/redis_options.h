#ifndef SAMSPAR_SERVICES_ROSTER_PRESENCE_REDIS_OPTIONS_H_
#define SAMSPAR_SERVICES_ROSTER_PRESENCE_REDIS_OPTIONS_H_

// Where the presence store's Redis is and how patiently to talk to it.
// Presence is soft state: waiting long for Redis would only delay answers
// that can be given from the roster alone, so every wait is short.

#include <string>

#include "absl/time/time.h"

namespace samspar::roster {

struct RedisOptions {
  // A numeric address is best: a host name is resolved outside the
  // connect timeout.
  std::string host = "127.0.0.1";
  int port = 6379;
  // Sent with AUTH on every new connection when not empty.
  std::string password;
  // How long opening a connection may take.
  absl::Duration connect_timeout = absl::Milliseconds(200);
  // How long a call may wait for Redis's answer.
  absl::Duration command_timeout = absl::Milliseconds(100);
  // While Redis is down, calls fail at once and a new connection is tried
  // at most this often. The watch hub also checks a quiet connection this
  // often, and waits at most this long between reconnection attempts.
  absl::Duration retry_interval = absl::Seconds(1);
  // Connections shared by concurrent callers of one store.
  int pool_size = 8;
  // Put before every key and channel name, so that several deployments can
  // share one Redis.
  std::string key_prefix = "samspar:";
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_PRESENCE_REDIS_OPTIONS_H_
