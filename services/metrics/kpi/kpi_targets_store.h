#ifndef SAMSPAR_SERVICES_METRICS_KPI_KPI_TARGETS_STORE_H_
#define SAMSPAR_SERVICES_METRICS_KPI_KPI_TARGETS_STORE_H_

// Each region's KPI targets (metrics.proto, KpiTargets): a singleton per
// region, replaced whole, guarded by its etag.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/identity/caller.h"
#include "common/sql/database.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::metrics {

// `regions/{region}/kpiTargets` -> the region code; INVALID_NAME otherwise.
absl::StatusOr<std::string> ParseKpiTargetsName(absl::string_view name, absl::string_view field);

// INVALID_ARGUMENT (FIELD_INVALID) naming `targets[i]...`: an unknown KPI or
// direction, a KPI twice, a ratio target outside 0-1, a negative count or
// duration, a relative change outside (-1, 10].
absl::Status CheckTargets(const v1::KpiTargets& targets);

class KpiTargetsStore {
 public:
  explicit KpiTargetsStore(sql::Database& database) : database_(database) {}

  // The region's targets; none (and an empty etag) before the first update.
  absl::StatusOr<v1::KpiTargets> Get(absl::string_view region);

  // Replaces the region's targets with `asked.targets()`. ABORTED
  // (ETAG_MISMATCH) when `asked.etag()` is set and not the stored one.
  absl::StatusOr<v1::KpiTargets> Replace(absl::string_view region, const v1::KpiTargets& asked,
                                         const identity::Caller& by, absl::Time now);

 private:
  sql::Database& database_;
};

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_KPI_KPI_TARGETS_STORE_H_
