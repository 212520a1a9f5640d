#include "common/auth/role_set.h"

#include <vector>

#include "absl/strings/str_join.h"

namespace samspar::auth {

absl::string_view RoleName(identity::Role role) {
  switch (role) {
    case identity::Role::kClinician:
      return "CLINICIAN";
    case identity::Role::kAmbulance:
      return "AMBULANCE_CLINICIAN";
    case identity::Role::kMunicipalNurse:
      return "MUNICIPAL_NURSE";
    case identity::Role::kCareCoordinator:
      return "CARE_COORDINATOR";
    case identity::Role::kRegionAdmin:
      return "REGION_ADMIN";
    case identity::Role::kAnalyst:
      return "ANALYST";
    case identity::Role::kAuditor:
      return "AUDITOR";
  }
  return "UNSPECIFIED";
}

bool RoleSet::AdmitsAnyOf(const std::set<identity::Role>& held) const {
  if (any_person_) return true;
  for (identity::Role role : held) {
    if (Contains(role)) return true;
  }
  return false;
}

std::string RoleSet::ToString() const {
  if (any_person_) return "any person";
  std::vector<absl::string_view> names;
  for (identity::Role role : kAllRoles) {
    if (Contains(role)) names.push_back(RoleName(role));
  }
  if (names.empty()) return "none";
  return absl::StrJoin(names, ", ");
}

}  // namespace samspar::auth
