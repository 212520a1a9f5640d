#ifndef SAMSPAR_SERVICES_METRICS_KPI_KPI_TALLY_H_
#define SAMSPAR_SERVICES_METRICS_KPI_KPI_TALLY_H_

// One pass over a region's facts that counts, per period and group, what
// every KPI is computed from (metrics.proto, enum Kpi). Reports tally two
// periods (the previous and the current), series one per point.

#include <array>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "samspar/v1/metrics.pb.h"
#include "services/metrics/kpi/subject_facts.h"

namespace samspar::metrics {

// What a group and period's KPIs are computed from.
struct KpiCounts {
  int64_t consults_created = 0;
  int64_t consults_answered = 0;
  int64_t referrals_avoided = 0;
  int64_t referrals_needed = 0;
  int64_t direct_admissions = 0;
  int64_t direct_to_radiology = 0;
  int64_t ed_visits_avoided = 0;
  int64_t ed_visits_sent = 0;
  int64_t admissions_avoided = 0;
  int64_t ambulance_consults = 0;
  int64_t ambulance_steered = 0;
  int64_t answered_overdue = 0;
  int64_t settled = 0;  // first accepted, unanswered or declined
  int64_t unanswered = 0;
  int64_t escalated = 0;
  int64_t conferences_requested = 0;
  int64_t conferences_held = 0;
  int64_t conferences_held_with_plan = 0;
  int64_t conferences_with_plan = 0;
  int64_t conferences_followed_up = 0;
  std::vector<double> time_to_accept_seconds;
  std::vector<double> time_to_answer_seconds;
  std::vector<double> lead_time_seconds;

};

// A group's value in each group-by dimension: a text of the region's pool
// (units, lines, specialties) or an enum number (track, unit type, outcome).
using GroupValues = std::array<uint32_t, 2>;

struct TallyRequest {
  const v1::KpiFilter* filter = nullptr;        // null: every event counts
  std::vector<v1::KpiDimension> group_by = {};  // at most two
  // The periods' bounds, ascending, in microseconds since the epoch: period
  // i runs from bounds[i] (inclusive) to bounds[i + 1].
  std::vector<int64_t> bounds = {};
};

struct TallyResult {
  std::vector<KpiCounts> total;                                     // one per period
  absl::flat_hash_map<GroupValues, std::vector<KpiCounts>> groups;  // empty without group_by
};

TallyResult Tally(const RegionFacts& facts, const TallyRequest& request);

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_KPI_KPI_TALLY_H_
