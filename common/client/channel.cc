#include "common/client/channel.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/tls/grpc_credentials.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/support/channel_arguments.h"

namespace samspar::client {

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(const std::string& address,
                                                           const ChannelOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options.plaintext) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    auto tls_credentials = tls::ChannelCredentials({.cert_file = options.tls_cert_file,
                                                    .key_file = options.tls_key_file,
                                                    .ca_file = options.tls_ca_file});
    if (!tls_credentials.ok()) return tls_credentials.status();
    credentials = *tls_credentials;
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(options.max_message_bytes);
  arguments.SetMaxSendMessageSize(options.max_message_bytes);
  return grpc::CreateCustomChannel(address, credentials, arguments);
}

std::unique_ptr<grpc::ClientContext> ContextWithTimeout(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

std::unique_ptr<grpc::ClientContext> ContextWithToken(absl::Duration timeout, absl::string_view token) {
  std::unique_ptr<grpc::ClientContext> context = ContextWithTimeout(timeout);
  context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  return context;
}

}  // namespace samspar::client
