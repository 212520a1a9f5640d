// samspar-metrics: events from consult and conference, turned into the
// regions' goals in numbers.

#include "common/server/service_main.h"
#include "samspar/v1/metrics.grpc.pb.h"
#include "services/metrics/api/metrics_service.h"
#include "services/metrics/metrics_options.h"
#include "services/metrics/metrics_schema.h"

int main(int argc, char** argv) {
  return samspar::server::RunService(
      argc, argv,
      {.name = "metrics",
       .usage = "samspar-metrics --database=PATH [flags]: the metrics service",
       .migrations = samspar::metrics::kMetricsMigrations,
       .make_services = [](samspar::server::ServiceContext& context) -> absl::StatusOr<samspar::server::ServiceList> {
         absl::StatusOr<samspar::metrics::MetricsOptions> options = samspar::metrics::MetricsOptionsFromFlags();
         if (!options.ok()) return options.status();
         auto metrics = std::make_unique<samspar::metrics::MetricsServiceImpl>(context, *std::move(options));
         std::vector<samspar::http::HttpRoute> routes = metrics->HttpRoutes();
         samspar::server::ServiceList services;
         services.push_back({std::move(metrics), samspar::v1::MetricsService::service_full_name(), std::move(routes)});
         return services;
       }});
}
