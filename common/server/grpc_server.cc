#include "common/server/grpc_server.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/logging/log.h"
#include "common/tls/certificate_files.h"
#include "common/tls/grpc_credentials.h"
#include "grpc/grpc.h"
#include "grpc/support/log.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace samspar::server {
namespace {

tls::TlsFiles TlsFilesOf(const ServerOptions& options) {
  return {.cert_file = options.tls_cert_file,
          .key_file = options.tls_key_file,
          .ca_file = options.tls_client_ca_file,
          .refresh_interval = options.tls_refresh_interval};
}

// The TLS hook: certificate, key and client CA from PEM files that are
// watched for rotation, or plaintext when asked for explicitly.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const ServerOptions& options) {
  if (options.plaintext) {
    log::Warn("server.plaintext", {{"detail", "serving without TLS (--plaintext): local "
                                              "development only"}});
    return grpc::InsecureServerCredentials();
  }
  return tls::ServerCredentials(TlsFilesOf(options), options.require_client_cert);
}

// gRPC reports a busy port only in its own log lines. Trying the bind first
// gives the operator one clear sentence instead.
absl::Status CheckCanListen(const config::ListenAddress& address) {
  if (address.port == 0) return absl::OkStatus();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string port = absl::StrCat(address.port);
  if (int error = getaddrinfo(address.host.c_str(), port.c_str(), &hints, &found); error != 0) {
    return absl::InvalidArgumentError(absl::StrCat("cannot listen on ", address.ToString(),
                                                   ": ", gai_strerror(error)));
  }
  absl::Status status = absl::OkStatus();
  for (addrinfo* candidate = found; candidate != nullptr; candidate = candidate->ai_next) {
    int fd = socket(candidate->ai_family, candidate->ai_socktype, candidate->ai_protocol);
    if (fd < 0) continue;
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (bind(fd, candidate->ai_addr, candidate->ai_addrlen) != 0) {
      status = absl::UnavailableError(absl::StrCat(
          "cannot listen on ", address.ToString(), ": ",
          errno == EADDRINUSE ? "address already in use" : std::strerror(errno)));
    }
    close(fd);
    if (!status.ok()) break;
  }
  freeaddrinfo(found);
  return status;
}

void ForwardGrpcLog(gpr_log_func_args* args) {
  // gRPC's informational chatter is for debugging the transport; its errors
  // are worth an operator's look.
  log::Level level = args->severity == GPR_LOG_SEVERITY_ERROR ? log::Level::kWarn
                                                                : log::Level::kDebug;
  log::Write(level, "grpc.internal", {{"file", args->file == nullptr ? "" : args->file},
                                      {"line", args->line},
                                      {"detail", args->message == nullptr ? "" : args->message}});
}

}  // namespace

void RouteGrpcLogsToLog() { gpr_set_log_function(ForwardGrpcLog); }

absl::StatusOr<std::unique_ptr<GrpcServer>> GrpcServer::Start(
    const ServerOptions& options, const std::vector<HostedService>& services,
    http::MetricsRegistry& registry) {
  if (absl::Status status = CheckCanListen(options.grpc_address); !status.ok()) return status;
  auto credentials = ServerCredentialsFor(options);
  if (!credentials.ok()) return credentials.status();

  std::unique_ptr<GrpcServer> server(new GrpcServer());
  server->rpc_metrics_ = std::make_unique<RpcMetrics>(registry);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.grpc_address.ToString(), *credentials, &server->grpc_port_);
  for (const HostedService& hosted : services) {
    builder.RegisterService(hosted.service);
    server->service_names_.push_back(hosted.name);
  }
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  // Two servers on one port would split the traffic silently.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddChannelArgument(GRPC_ARG_MAX_METADATA_SIZE, options.max_metadata_bytes);
  // Keepalive: find dead peers (a phone that lost its network) within a
  // minute, and allow clients to ping an idle connection every 10 s.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 30'000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20'000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10'000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(server->rpc_metrics_->InterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(creators));

  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->grpc_port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.grpc_address.ToString()));
  }
  std::shared_ptr<tls::CertificateFiles> side_port_certificate;
  if (!options.plaintext) {
    auto loaded = tls::CertificateFiles::Load(TlsFilesOf(options));
    if (!loaded.ok()) return loaded.status();
    side_port_certificate = *loaded;
  }
  GrpcServer* raw = server.get();
  std::vector<http::HttpRoute> routes;
  for (const HostedService& hosted : services) {
    routes.insert(routes.end(), hosted.http_routes.begin(), hosted.http_routes.end());
  }
  auto side_port = http::SidePort::Start(
      options.http_address, registry, [raw] { return raw->serving(); }, side_port_certificate, std::move(routes));
  if (!side_port.ok()) return side_port.status();  // the destructor stops the gRPC server
  server->side_port_ = std::move(*side_port);
  server->SetServing(true);
  return server;
}

void GrpcServer::SetServing(bool serving) {
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  // The service names first: the server's own entry ("") then covers them.
  for (const std::string& name : service_names_) health->SetServingStatus(name, serving);
  health->SetServingStatus(serving);
  serving_ = serving;
}

GrpcServer::~GrpcServer() { Shutdown(absl::ZeroDuration()); }

void GrpcServer::Shutdown(absl::Duration grace) {
  if (server_ == nullptr) return;
  SetServing(false);
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  server_->Wait();
  server_.reset();
  if (side_port_ != nullptr) side_port_->Stop();
}

}  // namespace samspar::server
