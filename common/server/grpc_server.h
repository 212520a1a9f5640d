#ifndef SAMSPAR_COMMON_SERVER_GRPC_SERVER_H_
#define SAMSPAR_COMMON_SERVER_GRPC_SERVER_H_

// A gRPC server as every service of the suite runs it: the service's
// implementations plus grpc.health.v1 health checking, server reflection,
// keepalive, message and metadata size limits, per-RPC metrics, and the HTTP
// side port; shut down gracefully. Tests start it in process on port 0.

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/http/metrics_registry.h"
#include "common/http/side_port.h"
#include "common/server/rpc_metrics.h"
#include "common/server/server_options.h"
#include "grpcpp/server.h"

namespace samspar::server {

// A service implementation with its full API name
// ("samspar.v1.RosterService"), under which health checks ask for it.
struct HostedService {
  grpc::Service* service;
  std::string name;
  // GET routes the service serves on the HTTP side port.
  std::vector<http::HttpRoute> http_routes = {};
};

class GrpcServer {
 public:
  // Starts serving. The services and `registry` are not owned and must
  // outlive the server. Reports SERVING on the health service, for the
  // server and for each service by name, once it listens.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(
      const ServerOptions& options, const std::vector<HostedService>& services,
      http::MetricsRegistry& registry);
  ~GrpcServer();
  GrpcServer(const GrpcServer&) = delete;
  GrpcServer& operator=(const GrpcServer&) = delete;

  int grpc_port() const { return grpc_port_; }
  int http_port() const { return side_port_->port(); }
  bool serving() const { return serving_.load(); }

  // Reports NOT_SERVING (so load balancers stop sending), lets in-flight calls
  // finish for up to `grace`, cancels what is left, then stops the side port.
  void Shutdown(absl::Duration grace);

 private:
  GrpcServer() = default;
  void SetServing(bool serving);

  std::unique_ptr<RpcMetrics> rpc_metrics_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<http::SidePort> side_port_;
  std::vector<std::string> service_names_;
  std::atomic<bool> serving_{false};
  int grpc_port_ = 0;
};

// Sends gRPC's own diagnostics through the suite's structured log.
void RouteGrpcLogsToLog();

}  // namespace samspar::server

#endif  // SAMSPAR_COMMON_SERVER_GRPC_SERVER_H_
