#include "services/metrics/metrics_options.h"

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/calendar/stockholm_time.h"

ABSL_FLAG(std::string, dashboard_key_file, "",
          "a file of at least 32 random bytes that signs KPI dashboard links (the dashboard is off without it)");
ABSL_FLAG(std::string, dashboard_base_url, "",
          "how browsers reach this service's HTTP side port, e.g. https://metrics.example.se:9094");

namespace samspar::metrics {

absl::StatusOr<MetricsOptions> MetricsOptionsFromFlags() {
  MetricsOptions options;
  absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
  if (!zone.ok()) return zone.status();
  options.zone = *zone;
  if (const std::string key = absl::GetFlag(FLAGS_dashboard_key_file); !key.empty()) {
    absl::StatusOr<http::LinkTokens> tokens = http::LinkTokens::LoadKeyFile(key, kDashboardPurpose);
    if (!tokens.ok())
      return absl::InvalidArgumentError(absl::StrCat("--dashboard_key_file: ", tokens.status().message()));
    options.dashboard_tokens = *std::move(tokens);
  }
  options.dashboard_base_url = absl::GetFlag(FLAGS_dashboard_base_url);
  // A link is for a browser, which needs the whole URL.
  if (options.dashboard_tokens.has_value() && options.dashboard_base_url.empty()) {
    return absl::InvalidArgumentError(
        "--dashboard_base_url: required with --dashboard_key_file, e.g. https://metrics.example.se:9094");
  }
  return options;
}

}  // namespace samspar::metrics
