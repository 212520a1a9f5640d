#include "services/roster/schedules/line_overrides.h"

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
      {"kind", api::FieldKind::kEnum, "kind", "", v1::OverrideKind_descriptor()},
      {"tier", api::FieldKind::kEnum, "tier", "", v1::OnCallTier_descriptor()},
      {"practitioner", api::FieldKind::kText, "practitioner"},
      {"replaced_practitioner", api::FieldKind::kText, "replaced_practitioner"},
      {"interval.start_time", api::FieldKind::kTimestamp, "start_time"},
      {"interval.end_time", api::FieldKind::kTimestamp, "end_time"},
  };
  return *fields;
}

const std::vector<api::OrderField>& Sortable() {
  static const auto* fields =
      new std::vector<api::OrderField>{{"interval.start_time", "start_time"}, {"create_time", "create_time"}};
  return *fields;
}

absl::Status OverrideNotFound(absl::string_view name) {
  return Error(absl::StatusCode::kNotFound, "OVERRIDE_NOT_FOUND", absl::StrCat("no override ", name));
}

}  // namespace

Overrides::Overrides(sql::Database& database) : database_(database) {}

const store::MessageTable<v1::Override>& Overrides::Table() {
  static const auto* table = new store::MessageTable<v1::Override>("overrides");
  return *table;
}

absl::Status Overrides::Write(sql::Transaction& tx, const std::string& region, const std::string& line,
                              v1::Override& override_, const absl::optional<v1::Override>& existing, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(OverrideSpec spec, ReadOverride(override_, "override"));
  // Taking someone off call needs no active directory entry: it is how a
  // practitioner who left is removed from the rest of a rotation.
  const RequireActive active = spec.kind == OverrideKind::kRemove ? RequireActive::kNo : RequireActive::kYes;
  SAMSPAR_RETURN_IF_ERROR(
      FillPractitionerRef(tx, region, *override_.mutable_practitioner(), active, "override.practitioner"));
  if (spec.kind == OverrideKind::kReplace) {
    SAMSPAR_RETURN_IF_ERROR(FillPractitionerRef(tx, region, *override_.mutable_replaced_practitioner(),
                                                RequireActive::kNo, "override.replaced_practitioner"));
  }
  if (override_.tier() == v1::ON_CALL_TIER_UNSPECIFIED) override_.set_tier(v1::ON_CALL_TIER_PRIMARY);
  store::Columns columns = {{"kind", static_cast<int>(override_.kind())},
                            {"tier", static_cast<int>(spec.tier)},
                            {"practitioner", override_.practitioner().name()},
                            {"replaced_practitioner", override_.replaced_practitioner().name()},
                            {"start_time", InstantColumn(spec.interval.start)},
                            {"end_time", InstantColumn(spec.interval.end)}};
  SAMSPAR_RETURN_IF_ERROR(SaveResource(tx, Table(), override_, existing, region, columns, now, line));
  return BumpRosterVersion(tx);
}

absl::StatusOr<v1::Override> Overrides::Create(const v1::CreateOverrideRequest& request, const v1::Actor& creator,
                                               absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request.parent(), false, "parent"));
  SAMSPAR_RETURN_IF_ERROR(store::ValidateRequestId(request.request_id()));
  if (!request.has_override()) return FieldError("override", "FIELD_REQUIRED", "override is required");
  SAMSPAR_RETURN_IF_ERROR(ReadOverride(request.override(), "override").status());
  store::RequestKey key{parent.region, "CreateOverride", request.request_id(), api::RequestFingerprint(request)};
  return CreateOnce<v1::Override>(
      database_, Table(), key, OverrideNotFound,
      [&](sql::Transaction& tx, v1::Override& created) -> absl::Status {
        SAMSPAR_RETURN_IF_ERROR(Lines::OpenForSchedules(tx, parent.line).status());
        created = request.override();
        created.set_name(NewChildName(parent.line, "overrides", now));
        created.clear_swap_request();
        *created.mutable_creator() = creator;
        return Write(tx, parent.region, parent.line, created, absl::nullopt, now);
      },
      now);
}

absl::StatusOr<v1::Override> Overrides::Get(const std::string& name) {
  return GetResource(database_, Table(), name, OverrideNotFound);
}

absl::StatusOr<v1::ListOverridesResponse> Overrides::List(const v1::ListOverridesRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request.parent(), true, "parent"));
  SAMSPAR_ASSIGN_OR_RETURN(ListScope scope, ScopeOfLineChildren(database_, parent));
  SAMSPAR_ASSIGN_OR_RETURN(ListedPage<v1::Override> page,
                           ListPage(database_, Table(), request, {Filterable(), Sortable(), "start_time", "name"},
                                    scope.where, scope.params, NoListDefaults));
  v1::ListOverridesResponse response;
  for (v1::Override& override_ : page.items) *response.add_overrides() = std::move(override_);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::Override> Overrides::Update(const v1::UpdateOverrideRequest& request, absl::Time now) {
  const v1::Override& patch = request.override();
  SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(patch.name(), "overrides", "override.name"));
  return UpdateUnderEtag<v1::Override>(
      database_, Table(), patch, OverrideNotFound,
      [&](sql::Transaction& tx, const v1::Override& current, v1::Override& updated) -> absl::Status {
        if (FromProto(current.interval().end_time()) <= now) {
          return Error(absl::StatusCode::kFailedPrecondition, "OVERRIDE_ENDED",
                       absl::StrCat(patch.name(), " has ended and is kept as it was"));
        }
        SAMSPAR_RETURN_IF_ERROR(Lines::OpenForSchedules(tx, name.line).status());
        SAMSPAR_RETURN_IF_ERROR(api::ApplyUpdate(
            patch, request.update_mask(),
            {.output_only = {"swap_request", "creator", "create_time", "update_time"}, .immutable = {"kind"}},
            "override", updated));
        return Write(tx, name.region, name.line, updated, current, now);
      });
}

absl::Status Overrides::Delete(const v1::DeleteOverrideRequest& request, absl::Time now) {
  SAMSPAR_RETURN_IF_ERROR(ParseLineChild(request.name(), "overrides", "name").status());
  return DeleteUnderEtag<v1::Override>(database_, Table(), request.name(), request.etag(), OverrideNotFound,
                                       [&](const v1::Override& current) -> absl::Status {
                                         if (FromProto(current.interval().start_time()) <= now) {
                                           return Error(absl::StatusCode::kFailedPrecondition, "OVERRIDE_STARTED",
                                                        "the override has begun: shorten it by updating its end "
                                                        "time instead");
                                         }
                                         return absl::OkStatus();
                                       });
}

}  // namespace samspar::roster
