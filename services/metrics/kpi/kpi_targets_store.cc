#include "services/metrics/kpi/kpi_targets_store.h"

#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/audit/access_log_proto.h"
#include "common/audit/access_record.h"
#include "common/audit/resource_name.h"
#include "common/ids/resource_id.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/metrics/catalogue/kpi_catalogue.h"

namespace samspar::metrics {
namespace {

std::string TargetsName(absl::string_view region) { return absl::StrCat("regions/", region, "/kpiTargets"); }

absl::StatusOr<absl::optional<v1::KpiTargets>> Stored(sql::Executor& executor, absl::string_view region) {
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows,
                           executor.Query("SELECT targets FROM kpi_targets WHERE region = ?", {region}));
  if (rows.empty()) return absl::nullopt;
  SAMSPAR_ASSIGN_OR_RETURN(std::string bytes, rows.front().GetBlob(0));
  v1::KpiTargets targets;
  if (!targets.ParseFromString(bytes)) return absl::InternalError("stored KPI targets are unreadable");
  return targets;
}

absl::Status CheckTarget(const v1::KpiTarget& target, absl::string_view field) {
  const v1::KpiDefinition* definition = FindKpiDefinition(target.kpi());
  if (definition == nullptr) return FieldError(absl::StrCat(field, ".kpi"), "FIELD_INVALID", "is not a KPI");
  if (!v1::KpiDirection_IsValid(target.direction())) {
    return FieldError(absl::StrCat(field, ".direction"), "FIELD_INVALID", "is not a direction");
  }
  if (target.has_value()) {
    const double value = target.value();
    const std::string value_field = absl::StrCat(field, ".value");
    if (!(value >= 0)) return FieldError(value_field, "FIELD_INVALID", "must not be negative");
    if (definition->unit() == v1::KPI_UNIT_RATIO && value > 1) {
      return FieldError(value_field, "FIELD_INVALID", "is a share: it must be between 0 and 1");
    }
  }
  if (target.has_relative_change() && !(target.relative_change() > -1 && target.relative_change() <= 10)) {
    return FieldError(absl::StrCat(field, ".relative_change"), "FIELD_INVALID",
                      "must be more than -1 and at most 10 (0.10 is 10 %)");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ParseKpiTargetsName(absl::string_view name, absl::string_view field) {
  absl::optional<std::vector<std::string>> parts = audit::MatchName(name, "regions/{region}/kpiTargets");
  if (!parts.has_value() || !audit::IsRegionCode((*parts)[0])) {
    return api::InvalidNameError(field, "regions/{region}/kpiTargets");
  }
  return (*parts)[0];
}

absl::Status CheckTargets(const v1::KpiTargets& targets) {
  std::set<int> seen;
  for (int i = 0; i < targets.targets_size(); ++i) {
    const std::string field = absl::StrCat("kpi_targets.targets[", i, "]");
    SAMSPAR_RETURN_IF_ERROR(CheckTarget(targets.targets(i), field));
    if (!seen.insert(targets.targets(i).kpi()).second) {
      return FieldError(absl::StrCat(field, ".kpi"), "FIELD_INVALID", "has a target already: one per KPI");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::KpiTargets> KpiTargetsStore::Get(absl::string_view region) {
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::KpiTargets> stored, Stored(database_, region));
  if (stored.has_value()) return *std::move(stored);
  v1::KpiTargets none;
  none.set_name(TargetsName(region));
  return none;
}

absl::StatusOr<v1::KpiTargets> KpiTargetsStore::Replace(absl::string_view region, const v1::KpiTargets& asked,
                                                        const identity::Caller& by, absl::Time now) {
  v1::KpiTargets saved;
  SAMSPAR_RETURN_IF_ERROR(database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::KpiTargets> stored, Stored(tx, region));
    const std::string current_etag = stored.has_value() ? stored->etag() : "";
    if (!asked.etag().empty() && asked.etag() != current_etag) {
      return Error(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                   "the KPI targets changed since they were read: read them again and retry");
    }
    saved = v1::KpiTargets();
    saved.set_name(TargetsName(region));
    *saved.mutable_targets() = asked.targets();
    saved.set_etag(ids::NewResourceId(now));
    *saved.mutable_updated_by() = audit::ToProto(audit::ActorOf(by), region);
    *saved.mutable_update_time() = api::ToProto(now);
    return tx
        .Execute(
            "INSERT INTO kpi_targets (region, targets) VALUES (?, ?) "
            "ON CONFLICT (region) DO UPDATE SET targets = excluded.targets",
            {region, sql::Blob{saved.SerializeAsString()}})
        .status();
  }));
  return saved;
}

}  // namespace samspar::metrics
