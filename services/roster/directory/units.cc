#include "services/roster/directory/units.h"

#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/filter.h"
#include "common/api/page.h"
#include "common/api/search_text.h"
#include "common/api/update_mask.h"
#include "common/ids/hsa_id.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/request_ids.h"
#include "services/roster/api/directory_fields.h"
#include "services/roster/api/list_query.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/api/resource_writes.h"
#include "services/roster/roster_version.h"

namespace samspar::roster {
namespace {

const std::vector<api::FilterField>& Filterable() {
  static const auto* fields = new std::vector<api::FilterField>{
      {"hsa_id", api::FieldKind::kText, "hsa_id"},
      {"display_name", api::FieldKind::kSearchableText, "display_name", "display_name_folded"},
      {"unit_type", api::FieldKind::kEnum, "unit_type", "", v1::UnitType_descriptor()},
      {"parent_unit", api::FieldKind::kText, "parent_unit"},
      {"specialties", api::FieldKind::kRepeatedText, "specialties"},
      {"municipality_code", api::FieldKind::kText, "municipality_code"},
      {"state", api::FieldKind::kEnum, "state", "", v1::DirectoryState_descriptor()},
  };
  return *fields;
}

const std::vector<api::OrderField>& Sortable() {
  static const auto* fields = new std::vector<api::OrderField>{
      {"display_name", "display_name"}, {"hsa_id", "hsa_id"}, {"update_time", "update_time"}};
  return *fields;
}

absl::Status UnitNotFound(absl::string_view name) {
  return Error(absl::StatusCode::kNotFound, "UNIT_NOT_FOUND", absl::StrCat("no unit ", name));
}

}  // namespace

Units::Units(sql::Database& database) : database_(database) {}

const store::MessageTable<v1::Unit>& Units::Table() {
  static const auto* table = new store::MessageTable<v1::Unit>("units");
  return *table;
}

store::Columns Units::ColumnsOf(const v1::Unit& unit) {
  std::vector<std::string> specialties(unit.specialties().begin(), unit.specialties().end());
  return {{"hsa_id", unit.hsa_id()},
          {"display_name", unit.display_name()},
          {"display_name_folded", api::FoldForSearch(unit.display_name())},
          {"unit_type", static_cast<int>(unit.unit_type())},
          {"parent_unit", unit.parent_unit()},
          {"specialties", api::DelimitedList(specialties)},
          {"municipality_code", unit.municipality_code()},
          {"state", static_cast<int>(unit.state())}};
}

absl::Status Units::Check(const v1::Unit& unit, absl::string_view field) {
  if (unit.hsa_id().empty()) {
    return FieldError(absl::StrCat(field, ".hsa_id"), "FIELD_REQUIRED", absl::StrCat(field, ".hsa_id is required"));
  }
  if (absl::StatusOr<ids::HsaId> hsa = ids::HsaId::Parse(unit.hsa_id()); !hsa.ok() || hsa->value() != unit.hsa_id()) {
    return FieldError(absl::StrCat(field, ".hsa_id"), "INVALID_HSA_ID",
                      absl::StrCat(field, ".hsa_id must be an HSA-id such as SE2321000057-E7RT"));
  }
  SAMSPAR_RETURN_IF_ERROR(CheckText(unit.display_name(), true, 200, absl::StrCat(field, ".display_name")));
  if (unit.unit_type() == v1::UNIT_TYPE_UNSPECIFIED || !v1::UnitType_IsValid(unit.unit_type())) {
    return FieldError(absl::StrCat(field, ".unit_type"), "FIELD_REQUIRED",
                      absl::StrCat(field, ".unit_type is required"));
  }
  SAMSPAR_RETURN_IF_ERROR(CheckSpecialties(unit.specialties(), absl::StrCat(field, ".specialties")));
  SAMSPAR_RETURN_IF_ERROR(CheckContactPoints(unit.contact_points(), absl::StrCat(field, ".contact_points")));
  const std::string& code = unit.municipality_code();
  if (!code.empty() && (code.size() != 4 || code.find_first_not_of("0123456789") != std::string::npos)) {
    return FieldError(absl::StrCat(field, ".municipality_code"), "FIELD_INVALID",
                      absl::StrCat(field, ".municipality_code must be four digits, e.g. 0680"));
  }
  if (code.empty() && unit.unit_type() == v1::UNIT_TYPE_MUNICIPAL_UNIT) {
    return FieldError(absl::StrCat(field, ".municipality_code"), "FIELD_REQUIRED",
                      absl::StrCat(field, ".municipality_code is required for a municipal unit"));
  }
  for (int i = 0; i < unit.care_coordinators_size(); ++i) {
    std::string at = absl::StrCat(field, ".care_coordinators[", i, "].name");
    SAMSPAR_RETURN_IF_ERROR(ParseRegional(unit.care_coordinators(i).name(), "practitioners", at).status());
  }
  SAMSPAR_RETURN_IF_ERROR(CheckText(unit.ehr_system(), false, 100, absl::StrCat(field, ".ehr_system")));
  if (!v1::DirectoryState_IsValid(unit.state())) {
    return FieldError(absl::StrCat(field, ".state"), "FIELD_INVALID", absl::StrCat(field, ".state is unknown"));
  }
  return absl::OkStatus();
}

absl::Status Units::CheckParent(sql::Executor& tx, const v1::Unit& unit, absl::string_view field) {
  absl::flat_hash_set<std::string> seen = {unit.name()};
  std::string parent = unit.parent_unit();
  std::string at = absl::StrCat(field, ".parent_unit");
  if (!parent.empty()) {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName above, ParseRegional(parent, "units", at));
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName self, ParseRegional(unit.name(), "units", "unit.name"));
    // A unit's parent is of its own region: another region's directory is
    // not this one's to build on.
    if (above.region != self.region) return UnitNotFound(parent);
  }
  for (int depth = 0; !parent.empty(); ++depth) {
    if (seen.contains(parent) || depth > 50) {
      return Error(absl::StatusCode::kFailedPrecondition, "PARENT_CYCLE",
                   absl::StrCat(at, " would make the unit its own ancestor"));
    }
    seen.insert(parent);
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Unit> above, Table().Get(tx, parent));
    if (!above.has_value()) return UnitNotFound(parent);
    parent = above->parent_unit();
  }
  return absl::OkStatus();
}

absl::Status Units::Write(sql::Transaction& tx, const std::string& region, v1::Unit& unit,
                          const absl::optional<v1::Unit>& existing, absl::Time now, absl::string_view field) {
  unit.set_name(UnitName(region, unit.hsa_id()));
  if (unit.state() == v1::DIRECTORY_STATE_UNSPECIFIED) unit.set_state(v1::DIRECTORY_STATE_ACTIVE);
  for (v1::PractitionerRef& coordinator : *unit.mutable_care_coordinators()) {
    absl::StatusOr<RegionalName> parsed = ParseRegional(coordinator.name(), "practitioners", "");
    coordinator.set_hsa_id(parsed.ok() ? parsed->id : "");
  }
  SAMSPAR_RETURN_IF_ERROR(CheckParent(tx, unit, field));
  if (existing.has_value() && existing->state() == v1::DIRECTORY_STATE_ACTIVE &&
      unit.state() == v1::DIRECTORY_STATE_INACTIVE) {
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> lines,
                             tx.Query("SELECT name FROM lines WHERE unit = ? AND state = ? LIMIT 1",
                                      {unit.name(), static_cast<int>(v1::LINE_STATE_ACTIVE)}));
    if (!lines.empty()) {
      return Error(absl::StatusCode::kFailedPrecondition, "UNIT_HAS_ACTIVE_LINES",
                   "the unit owns active lines: retire them or move them to another unit first");
    }
  }
  SAMSPAR_RETURN_IF_ERROR(SaveResource(tx, Table(), unit, existing, region, ColumnsOf(unit), now));
  return BumpRosterVersion(tx);
}

absl::StatusOr<v1::Unit> Units::Create(const std::string& region, const v1::CreateUnitRequest& request,
                                       absl::Time now) {
  SAMSPAR_RETURN_IF_ERROR(store::ValidateRequestId(request.request_id()));
  if (!request.has_unit()) return FieldError("unit", "FIELD_REQUIRED", "unit is required");
  SAMSPAR_RETURN_IF_ERROR(Check(request.unit(), "unit"));
  store::RequestKey key{region, "CreateUnit", request.request_id(), api::RequestFingerprint(request)};
  return CreateOnce<v1::Unit>(
      database_, Table(), key, UnitNotFound,
      [&](sql::Transaction& tx, v1::Unit& created) -> absl::Status {
        created = request.unit();
        std::string name = UnitName(region, created.hsa_id());
        SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Unit> existing, Table().Get(tx, name));
        if (existing.has_value()) {
          return Error(absl::StatusCode::kAlreadyExists, "UNIT_ALREADY_EXISTS", absl::StrCat("unit ", name, " exists"));
        }
        return Write(tx, region, created, absl::nullopt, now, "unit");
      },
      now);
}

absl::StatusOr<v1::Unit> Units::Get(const std::string& name) {
  return GetResource(database_, Table(), name, UnitNotFound);
}

absl::StatusOr<v1::ListUnitsResponse> Units::List(const std::string& region, const v1::ListUnitsRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(
      ListedPage<v1::Unit> page,
      ListPage(database_, Table(), request, {Filterable(), Sortable(), "display_name", "hsa_id"}, "region = ?",
               {sql::Value(region)}, UnlessFilteredOnState("=", v1::DIRECTORY_STATE_ACTIVE)));
  v1::ListUnitsResponse response;
  for (v1::Unit& unit : page.items) *response.add_units() = std::move(unit);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::Unit> Units::Update(const v1::UpdateUnitRequest& request, absl::Time now) {
  const v1::Unit& patch = request.unit();
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(patch.name(), "units", "unit.name"));
  return UpdateUnderEtag<v1::Unit>(
      database_, Table(), patch, UnitNotFound,
      [&](sql::Transaction& tx, const v1::Unit& current, v1::Unit& updated) -> absl::Status {
        SAMSPAR_RETURN_IF_ERROR(api::ApplyUpdate(
            patch, request.update_mask(), {.output_only = {"create_time", "update_time"}, .immutable = {"hsa_id"}},
            "unit", updated));
        SAMSPAR_RETURN_IF_ERROR(Check(updated, "unit"));
        return Write(tx, name.region, updated, current, now, "unit");
      });
}

}  // namespace samspar::roster
