#ifndef SAMSPAR_COMMON_CONFIG_LISTEN_ADDRESS_H_
#define SAMSPAR_COMMON_CONFIG_LISTEN_ADDRESS_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace samspar::config {

// Where a server listens: `host:port`, `[ipv6]:port`. Port 0 asks the
// system for a free port (the bound one is logged).
struct ListenAddress {
  std::string host;  // without brackets
  int port = 0;

  // `host:port`, with brackets around an IPv6 host: the form gRPC takes.
  std::string ToString() const;
};

absl::StatusOr<ListenAddress> ParseListenAddress(absl::string_view text);

}  // namespace samspar::config

#endif  // SAMSPAR_COMMON_CONFIG_LISTEN_ADDRESS_H_
