#include "services/roster/schedules/shifts.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/filter.h"
#include "common/api/page.h"
#include "common/api/update_mask.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/request_ids.h"
#include "services/roster/api/list_query.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/api/resource_writes.h"
#include "services/roster/directory/directory_refs.h"
#include "services/roster/lines/lines.h"
#include "services/roster/roster_version.h"
#include "services/roster/schedules/line_children.h"
#include "services/roster/schedules/schedule_specs.h"

namespace samspar::roster {
namespace {

const std::vector<api::FilterField>& Filterable() {
  static const auto* fields = new std::vector<api::FilterField>{
      {"practitioner", api::FieldKind::kText, "practitioner"},
      {"tier", api::FieldKind::kEnum, "tier", "", v1::OnCallTier_descriptor()},
      {"source", api::FieldKind::kEnum, "source", "", v1::ShiftSource_descriptor()},
      {"interval.start_time", api::FieldKind::kTimestamp, "start_time"},
      {"interval.end_time", api::FieldKind::kTimestamp, "end_time"},
  };
  return *fields;
}

const std::vector<api::OrderField>& Sortable() {
  static const auto* fields =
      new std::vector<api::OrderField>{{"interval.start_time", "start_time"}, {"update_time", "update_time"}};
  return *fields;
}

absl::Status ShiftNotFound(absl::string_view name) {
  return Error(absl::StatusCode::kNotFound, "SHIFT_NOT_FOUND", absl::StrCat("no shift ", name));
}

}  // namespace

Shifts::Shifts(sql::Database& database) : database_(database) {}

const store::MessageTable<v1::Shift>& Shifts::Table() {
  static const auto* table = new store::MessageTable<v1::Shift>("shifts");
  return *table;
}

absl::Status Shifts::Write(sql::Transaction& tx, const std::string& region, const std::string& line, v1::Shift& shift,
                           const absl::optional<v1::Shift>& existing, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(ShiftSpec spec, ReadShift(shift, "shift"));
  // Only a newly named practitioner must be active (one who left can still
  // have their shift shortened).
  const bool same = existing.has_value() && existing->practitioner().name() == shift.practitioner().name();
  SAMSPAR_RETURN_IF_ERROR(FillPractitionerRef(tx, region, *shift.mutable_practitioner(),
                                              same ? RequireActive::kNo : RequireActive::kYes, "shift.practitioner"));
  if (shift.tier() == v1::ON_CALL_TIER_UNSPECIFIED) shift.set_tier(v1::ON_CALL_TIER_PRIMARY);
  store::Columns columns = {
      {"practitioner", shift.practitioner().name()},  {"tier", static_cast<int>(spec.tier)},
      {"source", static_cast<int>(shift.source())},   {"start_time", InstantColumn(spec.interval.start)},
      {"end_time", InstantColumn(spec.interval.end)}, {"external_uid", shift.external_uid()}};
  SAMSPAR_RETURN_IF_ERROR(SaveResource(tx, Table(), shift, existing, region, columns, now, line));
  return BumpRosterVersion(tx);
}

absl::StatusOr<v1::Shift> Shifts::Create(const v1::CreateShiftRequest& request, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request.parent(), false, "parent"));
  SAMSPAR_RETURN_IF_ERROR(store::ValidateRequestId(request.request_id()));
  if (!request.has_shift()) return FieldError("shift", "FIELD_REQUIRED", "shift is required");
  SAMSPAR_RETURN_IF_ERROR(ReadShift(request.shift(), "shift").status());
  store::RequestKey key{parent.region, "CreateShift", request.request_id(), api::RequestFingerprint(request)};
  return CreateOnce<v1::Shift>(
      database_, Table(), key, ShiftNotFound,
      [&](sql::Transaction& tx, v1::Shift& created) -> absl::Status {
        SAMSPAR_RETURN_IF_ERROR(Lines::OpenForSchedules(tx, parent.line).status());
        created = request.shift();
        created.set_name(NewChildName(parent.line, "shifts", now));
        created.set_source(v1::SHIFT_SOURCE_MANUAL);
        created.clear_external_uid();
        return Write(tx, parent.region, parent.line, created, absl::nullopt, now);
      },
      now);
}

absl::StatusOr<v1::Shift> Shifts::Get(const std::string& name) {
  return GetResource(database_, Table(), name, ShiftNotFound);
}

absl::StatusOr<v1::ListShiftsResponse> Shifts::List(const v1::ListShiftsRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request.parent(), true, "parent"));
  SAMSPAR_ASSIGN_OR_RETURN(ListScope scope, ScopeOfLineChildren(database_, parent));
  SAMSPAR_ASSIGN_OR_RETURN(ListedPage<v1::Shift> page,
                           ListPage(database_, Table(), request, {Filterable(), Sortable(), "start_time", "name"},
                                    scope.where, scope.params, NoListDefaults));
  v1::ListShiftsResponse response;
  for (v1::Shift& shift : page.items) *response.add_shifts() = std::move(shift);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::Shift> Shifts::Update(const v1::UpdateShiftRequest& request, absl::Time now) {
  const v1::Shift& patch = request.shift();
  SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(patch.name(), "shifts", "shift.name"));
  return UpdateUnderEtag<v1::Shift>(
      database_, Table(), patch, ShiftNotFound,
      [&](sql::Transaction& tx, const v1::Shift& current, v1::Shift& updated) -> absl::Status {
        if (FromProto(current.interval().end_time()) <= now) {
          return Error(absl::StatusCode::kFailedPrecondition, "SHIFT_ENDED",
                       absl::StrCat(patch.name(), " has ended and is kept as it was"));
        }
        SAMSPAR_RETURN_IF_ERROR(Lines::OpenForSchedules(tx, name.line).status());
        SAMSPAR_RETURN_IF_ERROR(api::ApplyUpdate(
            patch, request.update_mask(), {.output_only = {"source", "external_uid", "create_time", "update_time"}},
            "shift", updated));
        return Write(tx, name.region, name.line, updated, current, now);
      });
}

absl::Status Shifts::Delete(const v1::DeleteShiftRequest& request, absl::Time now) {
  SAMSPAR_RETURN_IF_ERROR(ParseLineChild(request.name(), "shifts", "name").status());
  return DeleteUnderEtag<v1::Shift>(
      database_, Table(), request.name(), request.etag(), ShiftNotFound, [&](const v1::Shift& current) -> absl::Status {
        if (FromProto(current.interval().start_time()) <= now) {
          return Error(absl::StatusCode::kFailedPrecondition, "SHIFT_STARTED",
                       "the shift has begun: shorten it by updating interval.end_time instead");
        }
        return absl::OkStatus();
      });
}

}  // namespace samspar::roster
