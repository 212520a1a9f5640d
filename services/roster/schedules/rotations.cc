#include "services/roster/schedules/rotations.h"

#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/filter.h"
#include "common/api/page.h"
#include "common/api/search_text.h"
#include "common/api/update_mask.h"
#include "common/calendar/local_time.h"
#include "common/calendar/stockholm_time.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/request_ids.h"
#include "services/roster/api/list_query.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/api/resource_writes.h"
#include "services/roster/directory/directory_refs.h"
#include "services/roster/lines/lines.h"
#include "services/roster/roster_version.h"
#include "services/roster/schedules/line_children.h"
#include "services/roster/schedules/schedule_specs.h"

namespace samspar::roster {
namespace {

int64_t DateColumn(absl::CivilDay day) { return day.year() * 10000 + day.month() * 100 + day.day(); }

// `active` is computed against today's local date, so the fields are made
// for each request.
std::vector<api::FilterField> Filterable(absl::CivilDay today) {
  return {{"tier", api::FieldKind::kEnum, "tier", "", v1::OnCallTier_descriptor()},
          {"participants", api::FieldKind::kRepeatedText, "participants"},
          {"active", api::FieldKind::kBool,
           absl::StrCat("(CASE WHEN end_date IS NULL OR end_date >= ", DateColumn(today), " THEN 1 ELSE 0 END)")}};
}

const std::vector<api::OrderField>& Sortable() {
  static const auto* fields = new std::vector<api::OrderField>{{"create_time", "create_time"}};
  return *fields;
}

absl::Status RotationNotFound(absl::string_view name) {
  return Error(absl::StatusCode::kNotFound, "ROTATION_NOT_FOUND", absl::StrCat("no rotation ", name));
}

store::Columns ColumnsOf(const v1::Rotation& rotation, const RotationSpec& spec) {
  std::vector<std::string> participants;
  for (const v1::PractitionerRef& ref : rotation.participants()) participants.push_back(ref.name());
  return {{"tier", static_cast<int>(spec.tier)},
          {"participants", api::DelimitedList(participants)},
          {"end_date", spec.end_date.has_value() ? sql::Value(DateColumn(*spec.end_date)) : sql::Value()}};
}

// Checks `rotation` and its participants, fills their references and stores
// it under `line`.
absl::Status Write(sql::Transaction& tx, const std::string& region, const std::string& line, v1::Rotation& rotation,
                   const absl::optional<v1::Rotation>& existing, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(RotationSpec spec, ReadRotation(rotation, "rotation"));
  // Only a newly named participant must be active: a rotation whose
  // participant left can still be ended or changed.
  absl::flat_hash_set<std::string> named_before;
  if (existing.has_value()) {
    for (const v1::PractitionerRef& ref : existing->participants()) named_before.insert(ref.name());
  }
  for (int i = 0; i < rotation.participants_size(); ++i) {
    v1::PractitionerRef& participant = *rotation.mutable_participants(i);
    const RequireActive active = named_before.contains(participant.name()) ? RequireActive::kNo : RequireActive::kYes;
    SAMSPAR_RETURN_IF_ERROR(
        FillPractitionerRef(tx, region, participant, active, absl::StrCat("rotation.participants[", i, "]")));
  }
  if (rotation.tier() == v1::ON_CALL_TIER_UNSPECIFIED) rotation.set_tier(v1::ON_CALL_TIER_PRIMARY);
  SAMSPAR_RETURN_IF_ERROR(
      SaveResource(tx, Rotations::Table(), rotation, existing, region, ColumnsOf(rotation, spec), now, line));
  return BumpRosterVersion(tx);
}

}  // namespace

Rotations::Rotations(sql::Database& database) : database_(database) {}

const store::MessageTable<v1::Rotation>& Rotations::Table() {
  static const auto* table = new store::MessageTable<v1::Rotation>("rotations");
  return *table;
}

absl::StatusOr<v1::Rotation> Rotations::Create(const v1::CreateRotationRequest& request, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request.parent(), false, "parent"));
  SAMSPAR_RETURN_IF_ERROR(store::ValidateRequestId(request.request_id()));
  if (!request.has_rotation()) return FieldError("rotation", "FIELD_REQUIRED", "rotation is required");
  SAMSPAR_RETURN_IF_ERROR(ReadRotation(request.rotation(), "rotation").status());
  store::RequestKey key{parent.region, "CreateRotation", request.request_id(), api::RequestFingerprint(request)};
  return CreateOnce<v1::Rotation>(
      database_, Table(), key, RotationNotFound,
      [&](sql::Transaction& tx, v1::Rotation& created) -> absl::Status {
        SAMSPAR_RETURN_IF_ERROR(Lines::OpenForSchedules(tx, parent.line).status());
        created = request.rotation();
        created.set_name(NewChildName(parent.line, "rotations", now));
        return Write(tx, parent.region, parent.line, created, absl::nullopt, now);
      },
      now);
}

absl::StatusOr<v1::Rotation> Rotations::Get(const std::string& name) {
  return GetResource(database_, Table(), name, RotationNotFound);
}

absl::StatusOr<v1::ListRotationsResponse> Rotations::List(const v1::ListRotationsRequest& request, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request.parent(), true, "parent"));
  SAMSPAR_ASSIGN_OR_RETURN(ListScope scope, ScopeOfLineChildren(database_, parent));
  SAMSPAR_ASSIGN_OR_RETURN(absl::TimeZone zone, calendar::StockholmTimeZone());
  const std::vector<api::FilterField> filterable = Filterable(absl::ToCivilDay(now, zone));
  SAMSPAR_ASSIGN_OR_RETURN(ListedPage<v1::Rotation> page,
                           ListPage(database_, Table(), request, {filterable, Sortable(), "create_time", "name"},
                                    scope.where, scope.params, NoListDefaults));
  v1::ListRotationsResponse response;
  for (v1::Rotation& rotation : page.items) *response.add_rotations() = std::move(rotation);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::Rotation> Rotations::Update(const v1::UpdateRotationRequest& request, absl::Time now) {
  const v1::Rotation& patch = request.rotation();
  SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(patch.name(), "rotations", "rotation.name"));
  return UpdateUnderEtag<v1::Rotation>(
      database_, Table(), patch, RotationNotFound,
      [&](sql::Transaction& tx, const v1::Rotation& current, v1::Rotation& updated) -> absl::Status {
        SAMSPAR_RETURN_IF_ERROR(Lines::OpenForSchedules(tx, name.line).status());
        SAMSPAR_RETURN_IF_ERROR(api::ApplyUpdate(patch, request.update_mask(),
                                                 {.output_only = {"create_time", "update_time"}}, "rotation", updated));
        return Write(tx, name.region, name.line, updated, current, now);
      });
}

absl::Status Rotations::Delete(const v1::DeleteRotationRequest& request, absl::Time now) {
  SAMSPAR_RETURN_IF_ERROR(ParseLineChild(request.name(), "rotations", "name").status());
  SAMSPAR_ASSIGN_OR_RETURN(absl::TimeZone zone, calendar::StockholmTimeZone());
  return DeleteUnderEtag<v1::Rotation>(
      database_, Table(), request.name(), request.etag(), RotationNotFound,
      [&](const v1::Rotation& current) -> absl::Status {
        SAMSPAR_ASSIGN_OR_RETURN(RotationSpec spec, ReadRotation(current, "rotation"));
        absl::CivilMinute first(spec.start_date.year(), spec.start_date.month(), spec.start_date.day(),
                                spec.handover.hour, spec.handover.minute);
        if (calendar::ResolveLocal(first, zone) <= now) {
          return Error(absl::StatusCode::kFailedPrecondition, "ROTATION_STARTED",
                       "the rotation has begun: set its end_date instead, so that past duties stay answerable");
        }
        return absl::OkStatus();
      });
}

}  // namespace samspar::roster
