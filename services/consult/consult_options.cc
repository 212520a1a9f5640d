#include "services/consult/consult_options.h"

#include <utility>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/contact_codes.h"
#include "common/client/channel.h"
#include "common/client/service_tokens.h"

ABSL_FLAG(std::string, roster_address, "127.0.0.1:50051", "host:port of the roster service that consults route with");
ABSL_FLAG(std::string, metrics_address, "127.0.0.1:50054", "host:port of the metrics service that events go to");
ABSL_FLAG(std::string, upstream_tls_ca_file, "",
          "PEM file of the CA that signed the roster's and metrics' certificates (the system's roots when empty)");
ABSL_FLAG(std::string, upstream_tls_cert_file, "",
          "PEM client certificate this service presents to roster and metrics");
ABSL_FLAG(std::string, upstream_tls_key_file, "", "PEM private key of --upstream_tls_cert_file");
ABSL_FLAG(std::string, service_signing_key_file, "",
          "PEM private key that signs this service's own tokens to roster and metrics (its public half in their JWKS)");
ABSL_FLAG(std::string, service_key_id, "samspar-consult", "the key id (kid) of --service_signing_key_file");
ABSL_FLAG(std::string, subject_key_file, "",
          "the regions' subject-key secrets, one `NN <secret>` line each: consults are pseudonymous in metrics");
ABSL_FLAG(std::string, switchboard_phones, "",
          "the regions' switchboard numbers given when routing cannot name a line's, e.g. 06=+46101010000,07=+4647...");
ABSL_FLAG(absl::Duration, roster_timeout, absl::Seconds(3), "how long one call to the roster may take");
ABSL_FLAG(absl::Duration, routing_deadline, absl::Minutes(10),
          "how long a consult waits for an unreachable roster before it is UNANSWERED");

ABSL_DECLARE_FLAG(bool, plaintext);
ABSL_DECLARE_FLAG(std::string, token_issuer);
ABSL_DECLARE_FLAG(std::string, token_audience);

namespace samspar::consult {
namespace {

absl::Status FlagError(absl::string_view flag, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", message));
}

absl::StatusOr<std::map<std::string, std::string>> Switchboards(const std::string& text) {
  std::map<std::string, std::string> phones;
  for (absl::string_view pair : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    std::vector<std::string> parts = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].size() != 2 || !api::CheckPhone(parts[1], "switchboard_phones").ok()) {
      return FlagError("switchboard_phones", "expected NN=+46... pairs separated by commas");
    }
    phones[parts[0]] = parts[1];
  }
  return phones;
}

}  // namespace

absl::StatusOr<ConsultOptions> ConsultOptionsFromFlags() {
  ConsultOptions options;
  const std::string key_file = absl::GetFlag(FLAGS_service_signing_key_file);
  if (key_file.empty()) return FlagError("service_signing_key_file", "required: calls to the roster carry a token");
  absl::StatusOr<std::shared_ptr<const client::ServiceTokens>> tokens =
      client::ServiceTokens::Load({.signing_key_file = key_file,
                                   .key_id = absl::GetFlag(FLAGS_service_key_id),
                                   .issuer = absl::GetFlag(FLAGS_token_issuer),
                                   .audience = absl::GetFlag(FLAGS_token_audience),
                                   .client_id = "samspar-consult",
                                   .scopes = {"roster.read", "directory.read", "metrics.ingest"}});
  if (!tokens.ok()) return FlagError("service_signing_key_file", tokens.status().message());
  const std::string subject_key_file = absl::GetFlag(FLAGS_subject_key_file);
  if (subject_key_file.empty()) return FlagError("subject_key_file", "required: metrics events name consults by it");
  absl::StatusOr<events::SubjectKeys> keys = events::SubjectKeys::LoadKeyFile(subject_key_file);
  if (!keys.ok()) return FlagError("subject_key_file", keys.status().message());
  options.subject_keys = *std::move(keys);
  absl::StatusOr<std::map<std::string, std::string>> switchboards =
      Switchboards(absl::GetFlag(FLAGS_switchboard_phones));
  if (!switchboards.ok()) return switchboards.status();
  options.switchboards = *std::move(switchboards);

  const client::ChannelOptions channel{.plaintext = absl::GetFlag(FLAGS_plaintext),
                                       .tls_ca_file = absl::GetFlag(FLAGS_upstream_tls_ca_file),
                                       .tls_cert_file = absl::GetFlag(FLAGS_upstream_tls_cert_file),
                                       .tls_key_file = absl::GetFlag(FLAGS_upstream_tls_key_file)};
  absl::StatusOr<std::shared_ptr<grpc::Channel>> roster =
      client::MakeChannel(absl::GetFlag(FLAGS_roster_address), channel);
  if (!roster.ok()) return FlagError("roster_address", roster.status().message());
  absl::StatusOr<std::shared_ptr<grpc::Channel>> metrics =
      client::MakeChannel(absl::GetFlag(FLAGS_metrics_address), channel);
  if (!metrics.ok()) return FlagError("metrics_address", metrics.status().message());
  options.roster = *std::move(roster);
  options.metrics = *std::move(metrics);
  const std::shared_ptr<const client::ServiceTokens> signer = *std::move(tokens);
  options.roster_tokens = [signer](const std::string& region) { return signer->ForRegion(region); };
  options.metrics_tokens = options.roster_tokens;
  options.roster_timeout = absl::GetFlag(FLAGS_roster_timeout);
  options.routing_deadline = absl::GetFlag(FLAGS_routing_deadline);
  return options;
}

}  // namespace samspar::consult
