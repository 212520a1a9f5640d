#ifndef SAMSPAR_TESTS_UNIT_COMMON_AUTH_AUTH_TESTING_H_
#define SAMSPAR_TESTS_UNIT_COMMON_AUTH_AUTH_TESTING_H_

// Callers as tokens make them, and the RPCs of the API contract as the
// generated descriptors list them, for the policy tests.

#include <set>
#include <string>
#include <vector>

#include "common/identity/caller.h"

namespace samspar::auth::testing {

inline constexpr char kOwnRegion[] = "06";    // Region Jönköpings län
inline constexpr char kOtherRegion[] = "08";  // Region Kalmar län

inline identity::Caller PersonCaller(std::set<identity::Role> roles,
                                     std::string region = kOwnRegion) {
  identity::Caller caller;
  caller.region = std::move(region);
  caller.person = identity::Person{"SE2321000057-P4K2", "SE2321000057-E7RT", std::move(roles)};
  return caller;
}

inline identity::Caller SystemCaller(std::set<std::string> scopes,
                                     std::string region = kOwnRegion) {
  identity::Caller caller;
  caller.region = std::move(region);
  caller.system = identity::System{"ehr-cosmic", std::move(scopes)};
  return caller;
}

// A system acting for a person (a delegation token).
inline identity::Caller DelegationCaller(std::set<identity::Role> roles,
                                         std::set<std::string> scopes,
                                         std::string region = kOwnRegion) {
  identity::Caller caller = PersonCaller(std::move(roles), std::move(region));
  caller.system = identity::System{"ehr-cosmic", std::move(scopes)};
  return caller;
}

// The full gRPC method name of every RPC of the five services of
// samspar.v1, from the generated descriptor pool.
std::vector<std::string> ContractMethods();

}  // namespace samspar::auth::testing

#endif  // SAMSPAR_TESTS_UNIT_COMMON_AUTH_AUTH_TESTING_H_
