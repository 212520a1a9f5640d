#ifndef SAMSPAR_SERVICES_METRICS_API_KPI_DASHBOARD_H_
#define SAMSPAR_SERVICES_METRICS_API_KPI_DASHBOARD_H_

// The KPI dashboard on the HTTP side port, `/dashboard/regions/{region}`:
// opened by a link whose token grants that one region's dashboard
// (CreateDashboardLink), it shows the current period and the last year (or
// half year of weeks) of every goal, filterable by track and requester unit.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/http/http_route.h"
#include "samspar/v1/metrics.pb.h"
#include "services/metrics/kpi/kpi_targets_store.h"
#include "services/metrics/kpi/region_facts_cache.h"
#include "services/metrics/metrics_options.h"

namespace samspar::metrics {

class KpiDashboard {
 public:
  KpiDashboard(RegionFactsCache& facts, KpiTargetsStore& targets, const MetricsOptions& options);

  // FAILED_PRECONDITION (DASHBOARD_DISABLED) without a dashboard key.
  absl::StatusOr<v1::DashboardLink> Link(absl::string_view region, absl::Time now) const;

  http::HttpRoute Route();

 private:
  http::HttpAnswer Serve(const http::HttpRequest& request);

  RegionFactsCache& facts_;
  KpiTargetsStore& targets_;
  const MetricsOptions& options_;
};

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_API_KPI_DASHBOARD_H_
