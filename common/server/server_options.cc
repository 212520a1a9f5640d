#include "common/server/server_options.h"

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/logging/log.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "gRPC listen address host:port (port 0: any free port, which is logged)");
ABSL_FLAG(std::string, http_listen, "127.0.0.1:9090",
          "HTTP side port for /metrics and /healthz, host:port (port 0: any free port)");
ABSL_FLAG(std::string, tls_cert_file, "", "PEM certificate chain of this server");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of this server");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "PEM CA certificates that sign client certificates (mutual TLS between services)");
ABSL_FLAG(bool, tls_require_client_cert, false,
          "refuse clients without a certificate signed by --tls_client_ca_file");
ABSL_FLAG(absl::Duration, tls_refresh_interval, absl::Seconds(60),
          "how often the TLS files are checked for a rotated certificate");
ABSL_FLAG(bool, plaintext, false,
          "serve without TLS; for local development only, and logged as a warning");
ABSL_FLAG(int, max_message_bytes, 4 * 1024 * 1024,
          "largest gRPC message received or sent, in bytes");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(20),
          "how long in-flight calls may finish after SIGTERM before they are cancelled");
ABSL_FLAG(std::string, jwks_file, "",
          "the identity provider's public keys (a JWKS file) that bearer tokens are verified "
          "against (required)");
ABSL_FLAG(std::string, token_issuer, "samspar-local", "the `iss` every bearer token must carry");
ABSL_FLAG(std::string, token_audience, "samspar",
          "the `aud` every bearer token must carry (or contain)");
ABSL_FLAG(absl::Duration, jwks_refresh_interval, absl::Minutes(1),
          "how often --jwks_file is checked for rotated keys");
ABSL_FLAG(double, rate_limit_per_second, 50, "calls a second allowed to each caller");
ABSL_FLAG(double, rate_limit_burst, 100, "calls each caller may make at once after a pause");
ABSL_FLAG(std::string, database, "",
          "the service's database: the path of its SQLite file (required)");
ABSL_FLAG(std::string, log_format, "json", "log line format: json (one object a line) or text");
ABSL_FLAG(std::string, log_level, "info", "least severe log level written: debug, info, warn, error");

namespace samspar::server {
namespace {

absl::Status Flagged(absl::string_view flag, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat("--", flag, ": ", status.message()));
}

}  // namespace

absl::StatusOr<ServerOptions> ServerOptionsFromFlags() {
  ServerOptions options;
  auto grpc_address = config::ParseListenAddress(absl::GetFlag(FLAGS_listen));
  if (!grpc_address.ok()) return Flagged("listen", grpc_address.status());
  auto http_address = config::ParseListenAddress(absl::GetFlag(FLAGS_http_listen));
  if (!http_address.ok()) return Flagged("http_listen", http_address.status());
  options.grpc_address = *grpc_address;
  options.http_address = *http_address;
  options.tls_cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  options.tls_key_file = absl::GetFlag(FLAGS_tls_key_file);
  options.plaintext = absl::GetFlag(FLAGS_plaintext);
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert_file and --tls_key_file must be given together");
  }
  if (options.tls_cert_file.empty() && !options.plaintext) {
    return absl::InvalidArgumentError(
        "no TLS certificate: give --tls_cert_file and --tls_key_file, or --plaintext for "
        "local development");
  }
  if (!options.tls_cert_file.empty() && options.plaintext) {
    return absl::InvalidArgumentError("--plaintext and --tls_cert_file exclude each other");
  }
  options.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file);
  options.require_client_cert = absl::GetFlag(FLAGS_tls_require_client_cert);
  if (options.require_client_cert && options.tls_client_ca_file.empty()) {
    return absl::InvalidArgumentError("--tls_require_client_cert needs --tls_client_ca_file");
  }
  if (!options.tls_client_ca_file.empty() && options.tls_cert_file.empty()) {
    return absl::InvalidArgumentError("--tls_client_ca_file needs --tls_cert_file");
  }
  options.tls_refresh_interval = absl::GetFlag(FLAGS_tls_refresh_interval);
  if (options.tls_refresh_interval < absl::Seconds(1)) {
    return absl::InvalidArgumentError("--tls_refresh_interval must be at least 1s");
  }
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  if (options.max_message_bytes < 1024) {
    return absl::InvalidArgumentError("--max_message_bytes must be at least 1024");
  }
  options.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  if (options.shutdown_grace < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--shutdown_grace must not be negative");
  }
  return options;
}

absl::StatusOr<AccessOptions> AccessOptionsFromFlags() {
  AccessOptions options;
  options.jwks_file = absl::GetFlag(FLAGS_jwks_file);
  if (options.jwks_file.empty()) {
    return absl::InvalidArgumentError(
        "--jwks_file is required: the public keys that bearer tokens are verified against");
  }
  options.token_issuer = absl::GetFlag(FLAGS_token_issuer);
  options.token_audience = absl::GetFlag(FLAGS_token_audience);
  if (options.token_issuer.empty() || options.token_audience.empty()) {
    return absl::InvalidArgumentError("--token_issuer and --token_audience must not be empty");
  }
  options.jwks_refresh_interval = absl::GetFlag(FLAGS_jwks_refresh_interval);
  if (options.jwks_refresh_interval < absl::Seconds(1)) {
    return absl::InvalidArgumentError("--jwks_refresh_interval must be at least 1s");
  }
  options.calls_per_second = absl::GetFlag(FLAGS_rate_limit_per_second);
  options.burst = absl::GetFlag(FLAGS_rate_limit_burst);
  if (!(options.calls_per_second > 0) || !(options.burst >= 1)) {
    return absl::InvalidArgumentError(
        "--rate_limit_per_second must be positive and --rate_limit_burst at least 1");
  }
  return options;
}

absl::StatusOr<std::string> DatabasePathFromFlags() {
  std::string path = absl::GetFlag(FLAGS_database);
  if (path.empty()) {
    return absl::InvalidArgumentError(
        "--database is required: the path of the service's SQLite file");
  }
  return path;
}

absl::Status ConfigureLoggingFromFlags(const std::string& service) {
  auto format = log::ParseFormat(absl::GetFlag(FLAGS_log_format));
  if (!format.ok()) return Flagged("log_format", format.status());
  auto level = log::ParseLevel(absl::GetFlag(FLAGS_log_level));
  if (!level.ok()) return Flagged("log_level", level.status());
  log::Configure({.service = service, .format = *format, .level = *level, .sink = nullptr});
  return absl::OkStatus();
}

}  // namespace samspar::server
