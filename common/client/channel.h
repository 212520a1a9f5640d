#ifndef SAMSPAR_COMMON_CLIENT_CHANNEL_H_
#define SAMSPAR_COMMON_CLIENT_CHANNEL_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace samspar::client {

struct ChannelOptions {
  // Plaintext only where the server was started with --plaintext.
  bool plaintext = false;
  // PEM file of the certificate authority that signed the servers'
  // certificates; the system's roots when empty.
  std::string tls_ca_file;
  // This client's own certificate and key, for mutual TLS (the suite's
  // services calling each other); none when empty.
  std::string tls_cert_file;
  std::string tls_key_file;
  int max_message_bytes = 4 * 1024 * 1024;
};

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(const std::string& address,
                                                           const ChannelOptions& options);

// A context whose call gives up after `timeout`: every outgoing call of the
// suite has a deadline.
std::unique_ptr<grpc::ClientContext> ContextWithTimeout(absl::Duration timeout);

// The same, carrying `authorization: Bearer <token>` as plain metadata rather
// than call credentials, which gRPC drops on a plaintext channel (a
// deployment started with --plaintext): how one service calls another.
std::unique_ptr<grpc::ClientContext> ContextWithToken(absl::Duration timeout, absl::string_view token);

}  // namespace samspar::client

#endif  // SAMSPAR_COMMON_CLIENT_CHANNEL_H_
