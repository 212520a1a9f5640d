#include "common/server/rpc_metrics.h"

#include <string>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "common/logging/log.h"

namespace samspar::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

// Splits "/package.Service/Method" into its service and method.
std::pair<std::string, std::string> SplitMethod(absl::string_view full_method) {
  if (!full_method.empty() && full_method.front() == '/') full_method.remove_prefix(1);
  size_t slash = full_method.find('/');
  if (slash == absl::string_view::npos) return {std::string(full_method), ""};
  return {std::string(full_method.substr(0, slash)), std::string(full_method.substr(slash + 1))};
}

class RpcMetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  RpcMetricsInterceptor(RpcMetrics& metrics, const char* method)
      : metrics_(metrics), method_(method == nullptr ? "" : method), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      absl::Duration latency = absl::Now() - start_;
      metrics_.Record(method_, status.error_code(), latency);
      if (log::Enabled(log::Level::kDebug)) {
        log::Debug("rpc.finished", {{"method", method_},
                                    {"code", StatusCodeName(status.error_code())},
                                    {"ms", absl::ToDoubleMilliseconds(latency)}});
      }
    }
    methods->Proceed();
  }

 private:
  RpcMetrics& metrics_;
  std::string method_;
  absl::Time start_;
};

class RpcMetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcMetricsInterceptorFactory(RpcMetrics& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new RpcMetricsInterceptor(metrics_, info->method());
  }

 private:
  RpcMetrics& metrics_;
};

}  // namespace

RpcMetrics::RpcMetrics(http::MetricsRegistry& registry)
    : handled_(registry.AddCounter("grpc_server_handled_total",
                                   "RPCs completed on the server, by status code.",
                                   {"grpc_service", "grpc_method", "grpc_code"})),
      latency_(registry.AddHistogram("grpc_server_handling_seconds",
                                     "Time from the start of an RPC to its status, in seconds.",
                                     {"grpc_service", "grpc_method"},
                                     http::LatencyBucketsSeconds())) {}

void RpcMetrics::Record(absl::string_view full_method, grpc::StatusCode code,
                        absl::Duration latency) {
  auto [service, method] = SplitMethod(full_method);
  handled_.Increment({service, method, StatusCodeName(code)});
  latency_.Observe({service, method}, absl::ToDoubleSeconds(latency));
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
RpcMetrics::InterceptorFactory() {
  return std::make_unique<RpcMetricsInterceptorFactory>(*this);
}

std::string StatusCodeName(grpc::StatusCode code) {
  // gRPC's codes are absl's codes, number for number.
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

}  // namespace samspar::server
