#ifndef SAMSPAR_COMMON_AUTH_ROLE_SET_H_
#define SAMSPAR_COMMON_AUTH_ROLE_SET_H_

// The person roles that an RPC admits, as a constant so that the policy table
// can be a constant too.

#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>

#include "absl/strings/string_view.h"
#include "common/identity/caller.h"

namespace samspar::auth {

// Every role, in the order of samspar.v1.CallerRole.
inline constexpr identity::Role kAllRoles[] = {
    identity::Role::kClinician,       identity::Role::kAmbulance,
    identity::Role::kMunicipalNurse,  identity::Role::kCareCoordinator,
    identity::Role::kRegionAdmin,     identity::Role::kAnalyst,
    identity::Role::kAuditor,
};

// The CallerRole name without its prefix (e.g. "AMBULANCE_CLINICIAN"), as
// errors and the access-policy document spell it.
absl::string_view RoleName(identity::Role role);

// A set of roles, or every person. A person is admitted when they hold any
// role of the set.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<identity::Role> roles) {
    for (identity::Role role : roles) bits_ |= Bit(role);
  }

  // Every person, including one whose token carries no role at all: the
  // contract's "any caller of the region" is every person "whatever their
  // roles".
  static constexpr RoleSet AnyPerson() {
    RoleSet set;
    set.any_person_ = true;
    return set;
  }

  constexpr bool IsAnyPerson() const { return any_person_; }
  constexpr bool IsEmpty() const { return !any_person_ && bits_ == 0; }
  constexpr bool Contains(identity::Role role) const {
    return any_person_ || (bits_ & Bit(role)) != 0;
  }
  // True when a person holding `held` is admitted.
  bool AdmitsAnyOf(const std::set<identity::Role>& held) const;

  // "any person", "none", or the role names joined by ", ".
  std::string ToString() const;

 private:
  static constexpr std::uint32_t Bit(identity::Role role) {
    return std::uint32_t{1} << static_cast<unsigned>(role);
  }

  std::uint32_t bits_ = 0;
  bool any_person_ = false;
};

}  // namespace samspar::auth

#endif  // SAMSPAR_COMMON_AUTH_ROLE_SET_H_
