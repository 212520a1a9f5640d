#ifndef SAMSPAR_TOOLS_SAMSPAR_HEALTH_COMMAND_H_
#define SAMSPAR_TOOLS_SAMSPAR_HEALTH_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tools/samspar/cli_options.h"

namespace samspar::cli {

// The answer of one service to the standard gRPC health check.
struct HealthResult {
  Endpoint endpoint;
  std::string status;  // SERVING, NOT_SERVING, UNKNOWN, SERVICE_UNKNOWN or UNREACHABLE
  std::string detail;  // why, when not SERVING
  absl::Duration latency;
};

// Asks every endpoint for the health of the server and of its own service.
std::vector<HealthResult> CheckHealth(const CliOptions& options);

// `samspar health`: prints one line per service; exit status 0 only when
// all are SERVING.
int RunHealthCommand(const CliOptions& options, std::ostream& out);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_HEALTH_COMMAND_H_
