#include "services/roster/directory/directory_refs.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/directory/practitioners.h"
#include "services/roster/directory/units.h"

namespace samspar::roster {

absl::Status FillUnitRef(sql::Executor& tx, const std::string& region, v1::UnitRef& ref, absl::string_view field) {
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(ref.name(), "units", absl::StrCat(field, ".name")));
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Unit> unit, Units::Table().Get(tx, ref.name()));
  if (!unit.has_value() || name.region != region) {
    return Error(absl::StatusCode::kNotFound, "UNIT_NOT_FOUND", absl::StrCat(field, ": no unit ", ref.name()));
  }
  ref.set_hsa_id(unit->hsa_id());
  ref.set_display_name(unit->display_name());
  return absl::OkStatus();
}

absl::StatusOr<v1::Practitioner> FindPractitioner(sql::Executor& executor, const std::string& region,
                                                  const std::string& name, absl::string_view field) {
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName parsed, ParseRegional(name, "practitioners", field));
  absl::optional<v1::Practitioner> practitioner;
  if (parsed.region == region) {
    SAMSPAR_ASSIGN_OR_RETURN(practitioner, Practitioners::Table().Get(executor, name));
  }
  if (!practitioner.has_value()) {
    return Error(absl::StatusCode::kNotFound, "PRACTITIONER_NOT_FOUND", absl::StrCat("no practitioner ", name));
  }
  return *std::move(practitioner);
}

absl::Status FillPractitionerRef(sql::Executor& tx, const std::string& region, v1::PractitionerRef& ref,
                                 RequireActive require_active, absl::string_view field) {
  absl::StatusOr<v1::Practitioner> practitioner =
      FindPractitioner(tx, region, ref.name(), absl::StrCat(field, ".name"));
  if (!practitioner.ok() && practitioner.status().code() == absl::StatusCode::kNotFound) {
    return Error(absl::StatusCode::kNotFound, "PRACTITIONER_NOT_FOUND",
                 absl::StrCat(field, ": ", practitioner.status().message()));
  }
  if (!practitioner.ok()) return practitioner.status();
  if (require_active == RequireActive::kYes && practitioner->state() == v1::DIRECTORY_STATE_INACTIVE) {
    return Error(absl::StatusCode::kFailedPrecondition, "PRACTITIONER_INACTIVE",
                 absl::StrCat(field, ": ", ref.name(), " is inactive in the directory"));
  }
  ref.set_hsa_id(practitioner->hsa_id());
  ref.set_display_name(practitioner->display_name());
  return absl::OkStatus();
}

}  // namespace samspar::roster
