#ifndef SAMSPAR_TOOLS_SAMSPAR_CLI_OPTIONS_H_
#define SAMSPAR_TOOLS_SAMSPAR_CLI_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/client/channel.h"

namespace samspar::cli {

// One of the suite's services as the client reaches it.
struct Endpoint {
  std::string service;    // "roster"
  std::string grpc_name;  // "samspar.v1.RosterService"
  std::string address;    // "127.0.0.1:50051"
};

// What every command shares, from the global flags (each also settable as
// SAMSPAR_<FLAG>, e.g. SAMSPAR_ROSTER_ADDRESS).
struct CliOptions {
  std::vector<Endpoint> endpoints;  // roster, consult, conference, metrics
  client::ChannelOptions channel;
  absl::Duration timeout;
  std::string region;  // the caller's region: --region
};

CliOptions CliOptionsFromFlags();

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_CLI_OPTIONS_H_
