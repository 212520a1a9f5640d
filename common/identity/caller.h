#ifndef SAMSPAR_COMMON_IDENTITY_CALLER_H_
#define SAMSPAR_COMMON_IDENTITY_CALLER_H_

// Who is calling, as a verified bearer token says: the one input that every
// authorization decision of the suite starts from. Nothing in a request body
// or in other metadata can change it.

#include <set>
#include <string>

#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace samspar::identity {

// The roles a person can hold (samspar.v1.CallerRole).
enum class Role {
  kClinician,
  kAmbulance,
  kMunicipalNurse,
  kCareCoordinator,
  kRegionAdmin,
  kAnalyst,
  kAuditor,
};

// A person: a practitioner or an administrator, named by HSA-id.
struct Person {
  std::string hsa_id;
  std::string unit_hsa_id;  // the unit the person works for in this call
  std::set<Role> roles;
};

// A system: an EHR integration, another region's app, or a Samspår service.
struct System {
  std::string client_id;
  std::set<std::string> scopes;  // OAuth scopes such as "consult.write"
};

// The caller of one RPC. A token names a person, a system, or a person on
// whose behalf a system acts (a delegation token: the person is the subject
// and the system the actor, as in OAuth 2.0 Token Exchange, RFC 8693).
struct Caller {
  std::string region;             // two-digit county code, e.g. "06"; the tenant
  absl::optional<Person> person;  // set for a person, and for a delegation
  absl::optional<System> system;  // set for a system, and for a delegation
  std::string token_id;           // the token's `jti`, for the audit trail
  // When the token stops being accepted: a stream it opened ends then.
  absl::Time accepted_until = absl::InfiniteFuture();

  bool IsPerson() const { return person.has_value() && !system.has_value(); }
  bool IsSystem() const { return system.has_value() && !person.has_value(); }
  bool IsDelegation() const { return person.has_value() && system.has_value(); }
  bool HasRole(Role role) const { return person.has_value() && person->roles.count(role) > 0; }
  bool HasScope(const std::string& scope) const {
    return system.has_value() && system->scopes.count(scope) > 0;
  }
};

}  // namespace samspar::identity

#endif  // SAMSPAR_COMMON_IDENTITY_CALLER_H_
