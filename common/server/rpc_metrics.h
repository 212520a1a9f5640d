#ifndef SAMSPAR_COMMON_SERVER_RPC_METRICS_H_
#define SAMSPAR_COMMON_SERVER_RPC_METRICS_H_

// Counts every RPC a server finishes, by service, method and status code,
// and its latency, under the metric names ops dashboards for gRPC already
// know (grpc_server_handled_total, grpc_server_handling_seconds).

#include <memory>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/time/time.h"
#include "common/http/metrics_registry.h"
#include "grpcpp/support/server_interceptor.h"
#include "grpcpp/support/status.h"

namespace samspar::server {

class RpcMetrics {
 public:
  explicit RpcMetrics(http::MetricsRegistry& registry);

  // `full_method` as gRPC names it: "/samspar.v1.RosterService/GetUnit".
  void Record(absl::string_view full_method, grpc::StatusCode code, absl::Duration latency);

  // An interceptor factory to install on a server builder; it records into
  // this object, which must outlive the server.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> InterceptorFactory();

 private:
  http::CounterFamily& handled_;
  http::HistogramFamily& latency_;
};

// The name of a gRPC status code as the gRPC specification spells it ("NOT_FOUND").
std::string StatusCodeName(grpc::StatusCode code);

}  // namespace samspar::server

#endif  // SAMSPAR_COMMON_SERVER_RPC_METRICS_H_
