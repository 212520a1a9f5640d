#ifndef SAMSPAR_SERVICES_METRICS_CATALOGUE_KPI_CATALOGUE_H_
#define SAMSPAR_SERVICES_METRICS_CATALOGUE_KPI_CATALOGUE_H_

// The KPI catalogue: what each KPI counts, its unit and default direction, and
// the region goal it follows up; and the names under which KPIs and grouped
// values appear in reports, CSV and the dashboard. The same for every region.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::metrics {

// Every KPI except KPI_UNSPECIFIED, in Kpi enum order.
absl::Span<const v1::KpiDefinition> KpiCatalogue();

// The distinct `goal` strings of the catalogue, in the order the goals are
// presented (the dashboard draws one chart per goal).
absl::Span<const absl::string_view> KpiGoals();

// A goal of KpiGoals() in Swedish (the goal itself when it is not one).
absl::string_view SwedishGoal(absl::string_view goal);

// The definition of `kpi`; nullptr for KPI_UNSPECIFIED or a number that is not
// a Kpi, so that requests can be validated with it.
const v1::KpiDefinition* FindKpiDefinition(v1::Kpi kpi);

// The enum value's name without its prefix, as in CSV: "REFERRALS_AVOIDED".
// A number that is not a Kpi is written as that number.
std::string KpiCode(v1::Kpi kpi);

// How a group's value is shown to a Swedish analyst. For TRACK,
// REQUESTER_UNIT_TYPE and OUTCOME `value` is the enum value's full name
// ("TRACK_ACUTE") and the result a short Swedish name ("Akut"); a name that
// is not a value of the enum is returned as it is. Other dimensions' values
// (resource names, specialty codes) are returned as they are. An empty value,
// or an UNSPECIFIED enum value, is "(ingen)".
std::string GroupValueDisplayName(v1::KpiDimension dimension, absl::string_view value);

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_CATALOGUE_KPI_CATALOGUE_H_
