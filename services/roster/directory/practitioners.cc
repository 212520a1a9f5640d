#include "services/roster/directory/practitioners.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
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
#include "services/roster/directory/directory_refs.h"
#include "services/roster/roster_version.h"

namespace samspar::roster {
namespace {

const std::vector<api::FilterField>& Filterable() {
  static const auto* fields = new std::vector<api::FilterField>{
      {"hsa_id", api::FieldKind::kText, "hsa_id"},
      {"display_name", api::FieldKind::kSearchableText, "display_name", "display_name_folded"},
      {"profession", api::FieldKind::kEnum, "profession", "", v1::Profession_descriptor()},
      {"specialties", api::FieldKind::kRepeatedText, "specialties"},
      {"units", api::FieldKind::kRepeatedText, "units"},
      {"state", api::FieldKind::kEnum, "state", "", v1::DirectoryState_descriptor()},
  };
  return *fields;
}

const std::vector<api::OrderField>& Sortable() {
  static const auto* fields = new std::vector<api::OrderField>{{"family_name", "family_name"},
                                                               {"display_name", "display_name"},
                                                               {"hsa_id", "hsa_id"},
                                                               {"update_time", "update_time"}};
  return *fields;
}

absl::Status PractitionerNotFound(absl::string_view name) {
  return Error(absl::StatusCode::kNotFound, "PRACTITIONER_NOT_FOUND", absl::StrCat("no practitioner ", name));
}

std::string DisplayNameOf(const v1::Practitioner& practitioner) {
  std::string name = absl::StrCat(practitioner.given_name(), " ", practitioner.family_name());
  return practitioner.title().empty() ? name : absl::StrCat(name, ", ", practitioner.title());
}

store::Columns ColumnsOf(const v1::Practitioner& practitioner) {
  std::vector<std::string> specialties(practitioner.specialties().begin(), practitioner.specialties().end());
  std::vector<std::string> units, emails;
  for (const v1::UnitRef& unit : practitioner.units()) units.push_back(unit.name());
  for (const v1::ContactPoint& point : practitioner.contact_points()) {
    if (point.kind() == v1::CONTACT_POINT_KIND_EMAIL) emails.push_back(absl::AsciiStrToLower(point.value()));
  }
  return {{"hsa_id", practitioner.hsa_id()},
          {"family_name", practitioner.family_name()},
          {"display_name", practitioner.display_name()},
          {"display_name_folded", api::FoldForSearch(practitioner.display_name())},
          {"profession", static_cast<int>(practitioner.profession())},
          {"specialties", api::DelimitedList(specialties)},
          {"units", api::DelimitedList(units)},
          {"emails", api::DelimitedList(emails)},
          {"state", static_cast<int>(practitioner.state())}};
}

}  // namespace

Practitioners::Practitioners(sql::Database& database) : database_(database) {}

const store::MessageTable<v1::Practitioner>& Practitioners::Table() {
  static const auto* table = new store::MessageTable<v1::Practitioner>("practitioners");
  return *table;
}

absl::Status Practitioners::Check(const v1::Practitioner& practitioner, absl::string_view field) {
  if (practitioner.hsa_id().empty()) {
    return FieldError(absl::StrCat(field, ".hsa_id"), "FIELD_REQUIRED", absl::StrCat(field, ".hsa_id is required"));
  }
  if (absl::StatusOr<ids::HsaId> hsa = ids::HsaId::Parse(practitioner.hsa_id());
      !hsa.ok() || hsa->value() != practitioner.hsa_id()) {
    return FieldError(absl::StrCat(field, ".hsa_id"), "INVALID_HSA_ID",
                      absl::StrCat(field, ".hsa_id must be an HSA-id such as SE2321000057-P4K2"));
  }
  SAMSPAR_RETURN_IF_ERROR(CheckText(practitioner.given_name(), true, 100, absl::StrCat(field, ".given_name")));
  SAMSPAR_RETURN_IF_ERROR(CheckText(practitioner.family_name(), true, 100, absl::StrCat(field, ".family_name")));
  SAMSPAR_RETURN_IF_ERROR(CheckText(practitioner.title(), false, 100, absl::StrCat(field, ".title")));
  if (practitioner.profession() == v1::PROFESSION_UNSPECIFIED || !v1::Profession_IsValid(practitioner.profession())) {
    return FieldError(absl::StrCat(field, ".profession"), "FIELD_REQUIRED",
                      absl::StrCat(field, ".profession is required"));
  }
  SAMSPAR_RETURN_IF_ERROR(CheckSpecialties(practitioner.specialties(), absl::StrCat(field, ".specialties")));
  if (practitioner.units_size() == 0) {
    return FieldError(absl::StrCat(field, ".units"), "FIELD_REQUIRED",
                      absl::StrCat(field, ".units needs at least the practitioner's primary unit"));
  }
  for (int i = 0; i < practitioner.units_size(); ++i) {
    SAMSPAR_RETURN_IF_ERROR(
        ParseRegional(practitioner.units(i).name(), "units", absl::StrCat(field, ".units[", i, "].name")).status());
  }
  SAMSPAR_RETURN_IF_ERROR(CheckContactPoints(practitioner.contact_points(), absl::StrCat(field, ".contact_points")));
  if (!v1::DirectoryState_IsValid(practitioner.state())) {
    return FieldError(absl::StrCat(field, ".state"), "FIELD_INVALID", absl::StrCat(field, ".state is unknown"));
  }
  return absl::OkStatus();
}

absl::Status Practitioners::Write(sql::Transaction& tx, const std::string& region, v1::Practitioner& practitioner,
                                  const absl::optional<v1::Practitioner>& existing, absl::Time now) {
  practitioner.set_name(PractitionerName(region, practitioner.hsa_id()));
  practitioner.set_display_name(DisplayNameOf(practitioner));
  if (practitioner.state() == v1::DIRECTORY_STATE_UNSPECIFIED) practitioner.set_state(v1::DIRECTORY_STATE_ACTIVE);
  for (int i = 0; i < practitioner.units_size(); ++i) {
    SAMSPAR_RETURN_IF_ERROR(
        FillUnitRef(tx, region, *practitioner.mutable_units(i), absl::StrCat("practitioner.units[", i, "]")));
  }
  SAMSPAR_RETURN_IF_ERROR(SaveResource(tx, Table(), practitioner, existing, region, ColumnsOf(practitioner), now));
  return BumpRosterVersion(tx);
}

absl::StatusOr<v1::Practitioner> Practitioners::Create(const std::string& region,
                                                       const v1::CreatePractitionerRequest& request, absl::Time now) {
  SAMSPAR_RETURN_IF_ERROR(store::ValidateRequestId(request.request_id()));
  if (!request.has_practitioner()) return FieldError("practitioner", "FIELD_REQUIRED", "practitioner is required");
  SAMSPAR_RETURN_IF_ERROR(Check(request.practitioner(), "practitioner"));
  store::RequestKey key{region, "CreatePractitioner", request.request_id(), api::RequestFingerprint(request)};
  return CreateOnce<v1::Practitioner>(
      database_, Table(), key, PractitionerNotFound,
      [&](sql::Transaction& tx, v1::Practitioner& created) -> absl::Status {
        created = request.practitioner();
        std::string name = PractitionerName(region, created.hsa_id());
        SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Practitioner> existing, Table().Get(tx, name));
        if (existing.has_value()) {
          return Error(absl::StatusCode::kAlreadyExists, "PRACTITIONER_ALREADY_EXISTS",
                       absl::StrCat("practitioner ", name, " exists"));
        }
        return Write(tx, region, created, absl::nullopt, now);
      },
      now);
}

absl::StatusOr<v1::Practitioner> Practitioners::Get(const std::string& name) {
  return GetResource(database_, Table(), name, PractitionerNotFound);
}

absl::StatusOr<v1::ListPractitionersResponse> Practitioners::List(const std::string& region,
                                                                  const v1::ListPractitionersRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(
      ListedPage<v1::Practitioner> page,
      ListPage(database_, Table(), request, {Filterable(), Sortable(), "family_name", "hsa_id"}, "region = ?",
               {sql::Value(region)}, UnlessFilteredOnState("=", v1::DIRECTORY_STATE_ACTIVE)));
  v1::ListPractitionersResponse response;
  for (v1::Practitioner& practitioner : page.items) *response.add_practitioners() = std::move(practitioner);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::Practitioner> Practitioners::Update(const v1::UpdatePractitionerRequest& request, absl::Time now) {
  const v1::Practitioner& patch = request.practitioner();
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(patch.name(), "practitioners", "practitioner.name"));
  return UpdateUnderEtag<v1::Practitioner>(
      database_, Table(), patch, PractitionerNotFound,
      [&](sql::Transaction& tx, const v1::Practitioner& current, v1::Practitioner& updated) -> absl::Status {
        SAMSPAR_RETURN_IF_ERROR(
            api::ApplyUpdate(patch, request.update_mask(),
                             {.output_only = {"display_name", "create_time", "update_time"}, .immutable = {"hsa_id"}},
                             "practitioner", updated));
        SAMSPAR_RETURN_IF_ERROR(Check(updated, "practitioner"));
        return Write(tx, name.region, updated, current, now);
      });
}

}  // namespace samspar::roster
