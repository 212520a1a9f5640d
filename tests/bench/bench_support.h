#ifndef SAMSPAR_TESTS_BENCH_BENCH_SUPPORT_H_
#define SAMSPAR_TESTS_BENCH_BENCH_SUPPORT_H_

// What the benchmarks share: a service served as the integration tests
// serve it (real gRPC on a free loopback port, plaintext), and latency
// percentiles by nearest rank, as the KPIs compute theirs.

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/http/metrics_registry.h"
#include "common/server/grpc_server.h"

namespace samspar::bench {

// Serves `service` on 127.0.0.1 with its HTTP side port, both on free ports.
// The service and `registry` must outlive the server.
inline absl::StatusOr<std::unique_ptr<server::GrpcServer>> ServeOnLoopback(server::HostedService service,
                                                                           http::MetricsRegistry& registry) {
  server::ServerOptions options;
  options.grpc_address = {"127.0.0.1", 0};
  options.http_address = {"127.0.0.1", 0};
  options.plaintext = true;
  return server::GrpcServer::Start(options, {std::move(service)}, registry);
}

// The smallest value with at least a share `p` of `values` at or below it;
// 0 when there are none.
inline double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

}  // namespace samspar::bench

#endif  // SAMSPAR_TESTS_BENCH_BENCH_SUPPORT_H_
