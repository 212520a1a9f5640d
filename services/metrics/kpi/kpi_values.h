#ifndef SAMSPAR_SERVICES_METRICS_KPI_KPI_VALUES_H_
#define SAMSPAR_SERVICES_METRICS_KPI_KPI_VALUES_H_

// A KPI's value from the counts of a group and period, with the small-count
// rule applied (metrics.proto, "Small counts"), and whether it is on track
// against the region's target.

#include <cstdint>
#include <vector>

#include "absl/types/optional.h"
#include "samspar/v1/metrics.pb.h"
#include "services/metrics/kpi/kpi_tally.h"

namespace samspar::metrics {

struct KpiMeasure {
  absl::optional<double> value = {};  // unset: no data, or suppressed
  absl::optional<int64_t> numerator = {};
  absl::optional<int64_t> denominator = {};
  absl::optional<int64_t> sample_size = {};
  bool suppressed = false;
};

// The nearest-rank percentile (`fraction` 0.5 for the median, 0.9 for the
// 90th) of `values`, which it reorders; unset for no values.
absl::optional<double> NearestRank(std::vector<double>& values, double fraction);

KpiMeasure Measure(v1::Kpi kpi, const KpiCounts& counts);

// The region's target for one KPI and the judgement of a value against it.
struct Judgement {
  v1::KpiDirection direction = v1::KPI_DIRECTION_UNSPECIFIED;
  absl::optional<double> target;
  v1::TargetStatus status = v1::TARGET_STATUS_NO_DATA;
};

// Which way is better for `kpi` in the region: its target's direction, else
// the catalogue's.
v1::KpiDirection DirectionOf(v1::Kpi kpi, const v1::KpiTargets& targets);

// What a value is judged for: a period of `days` days (which scales a COUNT
// KPI's daily target), for the whole region or one group. A COUNT target is
// the region's: a group (a unit, a line) has its previous period as its bar.
struct JudgedFor {
  int days = 1;
  bool whole_region = true;
};

// `previous`: the value in the period before.
Judgement Judge(v1::Kpi kpi, const v1::KpiTargets& targets, const KpiMeasure& current, const KpiMeasure& previous,
                JudgedFor judged_for);

// The KPI's value in a report row.
v1::KpiValue ReportValue(v1::Kpi kpi, const KpiCounts& current, const KpiCounts& previous,
                         const v1::KpiTargets& targets, JudgedFor judged_for);

// The KPI's point in a series.
v1::KpiPoint SeriesPoint(v1::Kpi kpi, const KpiCounts& current, const KpiCounts& previous,
                         const v1::KpiTargets& targets, JudgedFor judged_for);

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_KPI_KPI_VALUES_H_
