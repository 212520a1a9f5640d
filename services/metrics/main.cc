// samspar-metrics: events from consult and conference, turned into the
// regions' goals in numbers.

#include "common/server/service_main.h"
#include "samspar/v1/metrics.grpc.pb.h"
#include "services/metrics/metrics_schema.h"

int main(int argc, char** argv) {
  return samspar::server::RunService(
      argc, argv,
      {.name = "metrics",
       .usage = "samspar-metrics --database=PATH [flags]: the metrics service",
       .migrations = samspar::metrics::kMetricsMigrations,
       .make_services =
           samspar::server::GeneratedApiOnly<samspar::v1::MetricsService>});
}
