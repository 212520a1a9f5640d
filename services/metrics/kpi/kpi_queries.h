#ifndef SAMSPAR_SERVICES_METRICS_KPI_KPI_QUERIES_H_
#define SAMSPAR_SERVICES_METRICS_KPI_KPI_QUERIES_H_

// QueryKpiReport and ListKpiSeries: the request read and checked, then the
// KPIs computed from a region's facts.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "samspar/v1/metrics.pb.h"
#include "services/metrics/kpi/subject_facts.h"
#include "services/metrics/period/report_period.h"

namespace samspar::metrics {

struct ReportQuery {
  std::string region;  // the code, e.g. "06"
  v1::ReportPeriod asked;
  Period period;
  Period previous;
  std::vector<v1::Kpi> kpis;
  std::vector<v1::KpiDimension> group_by;
  v1::KpiFilter filter;
};

// INVALID_ARGUMENT naming the field: an unknown KPI or dimension, more than
// two group-by dimensions or one twice, a bad period (see ResolvePeriod), an
// unknown enum in the filter.
absl::StatusOr<ReportQuery> ReadReportQuery(const v1::QueryKpiReportRequest& request, absl::Time now,
                                            absl::TimeZone zone);

v1::KpiReport ComputeReport(const RegionFacts& facts, const v1::KpiTargets& targets, const ReportQuery& query,
                            absl::Time now);

struct SeriesQuery {
  std::string region;
  std::vector<v1::Kpi> kpis;
  v1::PeriodKind granularity = v1::PERIOD_KIND_UNSPECIFIED;
  std::vector<Period> points;  // oldest first
  Period before_first;         // the period before the first point
  v1::KpiDimension group_by = v1::KPI_DIMENSION_UNSPECIFIED;
  v1::KpiFilter filter;
};

inline constexpr size_t kMaxSeriesPoints = 366;
inline constexpr int kMaxSeriesKpis = 10;

// INVALID_ARGUMENT naming the field: no KPI or more than 10, a granularity
// other than DAY, WEEK or MONTH, a bad range or one of more than 366 points
// (INVALID_TIME_RANGE), an unknown dimension or filter enum.
absl::StatusOr<SeriesQuery> ReadSeriesQuery(const v1::ListKpiSeriesRequest& request, absl::TimeZone zone);

// Every series of the query, by KPI, then group (ordered by display name).
std::vector<v1::KpiSeries> ComputeSeries(const RegionFacts& facts, const v1::KpiTargets& targets,
                                         const SeriesQuery& query);

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_KPI_KPI_QUERIES_H_
