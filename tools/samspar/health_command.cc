#include "tools/samspar/health_command.h"

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace samspar::cli {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

HealthResult CheckOne(const Endpoint& endpoint, const CliOptions& options) {
  HealthResult result{endpoint, "UNREACHABLE", "", absl::ZeroDuration()};
  auto channel = client::MakeChannel(endpoint.address, options.channel);
  if (!channel.ok()) {
    result.detail = std::string(channel.status().message());
    return result;
  }
  auto stub = Health::NewStub(*channel);
  absl::Time start = absl::Now();
  // The server as a whole, then the service by name: a process that is up
  // but does not serve the expected API is not healthy.
  for (const std::string& name : {std::string(), endpoint.grpc_name}) {
    HealthCheckRequest request;
    request.set_service(name);
    HealthCheckResponse response;
    auto context = client::ContextWithTimeout(options.timeout);
    grpc::Status status = stub->Check(context.get(), request, &response);
    result.latency = absl::Now() - start;
    if (!status.ok()) {
      result.status = status.error_code() == grpc::StatusCode::NOT_FOUND ? "SERVICE_UNKNOWN"
                                                                         : "UNREACHABLE";
      result.detail = status.error_message();
      return result;
    }
    result.status = HealthCheckResponse::ServingStatus_Name(response.status());
    if (response.status() != HealthCheckResponse::SERVING) return result;
  }
  return result;
}

}  // namespace

std::vector<HealthResult> CheckHealth(const CliOptions& options) {
  std::vector<HealthResult> results;
  for (const Endpoint& endpoint : options.endpoints) {
    results.push_back(CheckOne(endpoint, options));
  }
  return results;
}

int RunHealthCommand(const CliOptions& options, std::ostream& out) {
  bool all_serving = true;
  out << absl::StrFormat("%-11s %-22s %-16s %s\n", "SERVICE", "ADDRESS", "STATUS", "DETAIL");
  for (const HealthResult& result : CheckHealth(options)) {
    all_serving = all_serving && result.status == "SERVING";
    std::string detail = result.status == "SERVING"
                             ? absl::StrFormat("%.1f ms", absl::ToDoubleMilliseconds(result.latency))
                             : result.detail;
    out << absl::StrFormat("%-11s %-22s %-16s %s\n", result.endpoint.service,
                           result.endpoint.address, result.status, detail);
  }
  return all_serving ? 0 : 1;
}

}  // namespace samspar::cli
