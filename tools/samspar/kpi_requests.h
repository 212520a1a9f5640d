#ifndef SAMSPAR_TOOLS_SAMSPAR_KPI_REQUESTS_H_
#define SAMSPAR_TOOLS_SAMSPAR_KPI_REQUESTS_H_

// The `samspar kpi` flags read into MetricsService requests. Codes are
// written as in the API without their prefix, in either case, with '-' for
// '_': REFERRALS_AVOIDED, semi-acute, requester_unit. Units are HSA-ids or
// resource names. Errors are INVALID_ARGUMENT naming the flag.

#include <string>

#include "absl/status/statusor.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::cli {

// A KPI from its code ("REFERRALS_AVOIDED" or "KPI_REFERRALS_AVOIDED").
absl::StatusOr<v1::Kpi> ParseKpi(const std::string& code);

// --period, --date, --from, --to, --kpis, --group_by, --filter_*: a report of
// `parent` ("regions/06"). A month when no period is given, a custom range
// when --from and --to are.
absl::StatusOr<v1::QueryKpiReportRequest> ReportRequestFromFlags(const std::string& parent);

// --kpis, --granularity (a month when empty), --from, --to (the twelve months
// up to today when empty), --group_by (one dimension), --filter_*.
absl::StatusOr<v1::ListKpiSeriesRequest> SeriesRequestFromFlags(const std::string& parent);

// A series when --granularity is given, a report otherwise; --dialect.
absl::StatusOr<v1::ExportKpiCsvRequest> ExportRequestFromFlags(const std::string& parent);

// --out: the file an export is written to; empty for the name the service
// suggests.
std::string ExportFileFromFlags();

// --target_value, --relative_change, --direction, --clear applied to the
// region's targets for `kpi`.
absl::Status ApplyTargetFlags(v1::Kpi kpi, v1::KpiTargets& targets);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_KPI_REQUESTS_H_
