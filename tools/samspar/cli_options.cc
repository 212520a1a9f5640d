#include "tools/samspar/cli_options.h"

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"

// The defaults are the addresses of the local run (deploy/run.sh).
ABSL_FLAG(std::string, roster_address, "127.0.0.1:50051", "roster service host:port");
ABSL_FLAG(std::string, consult_address, "127.0.0.1:50052", "consult service host:port");
ABSL_FLAG(std::string, conference_address, "127.0.0.1:50053", "conference service host:port");
ABSL_FLAG(std::string, metrics_address, "127.0.0.1:50054", "metrics service host:port");
ABSL_FLAG(bool, plaintext, false, "talk to servers started with --plaintext");
ABSL_FLAG(std::string, tls_ca_file, "", "PEM file of the CA that signed the servers' certificates");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(5), "deadline of each call");
ABSL_DECLARE_FLAG(std::string, region);

namespace samspar::cli {

CliOptions CliOptionsFromFlags() {
  CliOptions options;
  options.endpoints = {
      {"roster", "samspar.v1.RosterService", absl::GetFlag(FLAGS_roster_address)},
      {"consult", "samspar.v1.ConsultService", absl::GetFlag(FLAGS_consult_address)},
      {"conference", "samspar.v1.ConferenceService", absl::GetFlag(FLAGS_conference_address)},
      {"metrics", "samspar.v1.MetricsService", absl::GetFlag(FLAGS_metrics_address)},
  };
  options.channel.plaintext = absl::GetFlag(FLAGS_plaintext);
  options.channel.tls_ca_file = absl::GetFlag(FLAGS_tls_ca_file);
  options.timeout = absl::GetFlag(FLAGS_timeout);
  options.region = absl::GetFlag(FLAGS_region);
  return options;
}

}  // namespace samspar::cli
