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

absl::Status FillPractitionerRef(sql::Executor& tx, const std::string& region, v1::PractitionerRef& ref,
                                 RequireActive require_active, absl::string_view field) {
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(ref.name(), "practitioners", absl::StrCat(field, ".name")));
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Practitioner> practitioner, Practitioners::Table().Get(tx, ref.name()));
  if (!practitioner.has_value() || name.region != region) {
    return Error(absl::StatusCode::kNotFound, "PRACTITIONER_NOT_FOUND",
                 absl::StrCat(field, ": no practitioner ", ref.name()));
  }
  if (require_active == RequireActive::kYes && practitioner->state() == v1::DIRECTORY_STATE_INACTIVE) {
    return Error(absl::StatusCode::kFailedPrecondition, "PRACTITIONER_INACTIVE",
                 absl::StrCat(field, ": ", ref.name(), " is inactive in the directory"));
  }
  ref.set_hsa_id(practitioner->hsa_id());
  ref.set_display_name(practitioner->display_name());
  return absl::OkStatus();
}

}  // namespace samspar::roster
