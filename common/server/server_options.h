#ifndef SAMSPAR_COMMON_SERVER_SERVER_OPTIONS_H_
#define SAMSPAR_COMMON_SERVER_SERVER_OPTIONS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/listen_address.h"

namespace samspar::server {

// How a server of the suite listens and behaves, from the flags every
// service binary shares (each also settable as SAMSPAR_<FLAG>).
struct ServerOptions {
  config::ListenAddress grpc_address;  // --listen
  config::ListenAddress http_address;  // --http_listen
  // TLS: a certificate chain and key in PEM files, re-read when they change
  // (Kubernetes rotates mounted secrets). Without them the server refuses to
  // start unless plaintext was asked for explicitly.
  std::string tls_cert_file;
  std::string tls_key_file;
  // Mutual TLS: the CA that signs client certificates (the suite's services
  // calling each other). A client certificate, when presented, must be
  // signed by it; with require_client_cert every client must present one.
  std::string tls_client_ca_file;
  bool require_client_cert = false;
  absl::Duration tls_refresh_interval = absl::Seconds(60);
  bool plaintext = false;
  int max_message_bytes = 4 * 1024 * 1024;
  int max_metadata_bytes = 16 * 1024;
  // How long in-flight calls may run on after SIGTERM before they are cancelled.
  absl::Duration shutdown_grace = absl::Seconds(20);
};

// Who may call: bearer tokens verified against the region's keys, and a
// rate limit per caller.
struct AccessOptions {
  std::string jwks_file;  // the identity provider's public keys (JWKS)
  std::string token_issuer;
  std::string token_audience;
  // How often the JWKS file is checked for rotated keys.
  absl::Duration jwks_refresh_interval = absl::Minutes(1);
  double calls_per_second = 50;
  double burst = 100;
};

// Reads the shared server flags; the error names the flag.
absl::StatusOr<ServerOptions> ServerOptionsFromFlags();

// The token and rate-limit settings from --jwks_file (required),
// --token_issuer, --token_audience and --rate_limit_*.
absl::StatusOr<AccessOptions> AccessOptionsFromFlags();

// The database location from --database (required).
absl::StatusOr<std::string> DatabasePathFromFlags();

// Applies --log_format and --log_level for `service`.
absl::Status ConfigureLoggingFromFlags(const std::string& service);

}  // namespace samspar::server

#endif  // SAMSPAR_COMMON_SERVER_SERVER_OPTIONS_H_
