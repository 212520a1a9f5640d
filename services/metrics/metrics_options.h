#ifndef SAMSPAR_SERVICES_METRICS_METRICS_OPTIONS_H_
#define SAMSPAR_SERVICES_METRICS_METRICS_OPTIONS_H_

// What the metrics service needs beyond every service's options: the key
// that signs dashboard links, and where browsers reach the dashboard.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/http/link_tokens.h"

namespace samspar::metrics {

// What dashboard link tokens are for (http::LinkTokens).
inline constexpr char kDashboardPurpose[] = "samspar-kpi-dashboard";

struct MetricsOptions {
  // What signs dashboard links; the dashboard is off without it.
  absl::optional<http::LinkTokens> dashboard_tokens = {};
  // Where browsers reach the HTTP side port, e.g.
  // "https://metrics.regionjonkoping.se:9094"; links are paths without it.
  std::string dashboard_base_url = {};
  // The civil time of report periods: Europe/Stockholm.
  absl::TimeZone zone;
};

// From --dashboard_key_file and --dashboard_base_url (or their SAMSPAR_
// environment variables).
absl::StatusOr<MetricsOptions> MetricsOptionsFromFlags();

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_METRICS_OPTIONS_H_
