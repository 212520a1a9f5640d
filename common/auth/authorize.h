#ifndef SAMSPAR_COMMON_AUTH_AUTHORIZE_H_
#define SAMSPAR_COMMON_AUTH_AUTHORIZE_H_

// The one authorization decision of the suite: the caller's token, the RPC's
// rule and what the service knows about the resource in, allow (and how much
// patient data to show) or PERMISSION_DENIED with the contract's reason out.
// The service supplies the facts; the policy decides.

#include <string>

#include "absl/status/statusor.h"
#include "absl/types/optional.h"
#include "common/auth/rpc_rule.h"
#include "common/identity/caller.h"

namespace samspar::auth {

// What the service knows about the resource(s) a request names. Facts that a
// rule needs and that are missing are a programming error (INTERNAL), never
// an allow.
struct ResourceFacts {
  // The region of the resource(s) the request names, from its name or parent
  // ("06" for `regions/06/lines/...`). A request naming several resources
  // passes the first whose region is not the caller's, if any.
  std::string region;
  // Whether the caller (the person a system acts for) has the part the rule
  // names, e.g. is the assignee for AnswerConsult, a participant for
  // GetConsult, an organiser for BookConference.
  absl::optional<bool> participant = absl::nullopt;
  // Whether the presence, offers or on-call time the request names are the
  // caller's own.
  absl::optional<bool> self = absl::nullopt;
};

enum class PatientDataAccess {
  kNotCarried,  // the RPC has no patient data
  kShown,
  kWithheld,  // leave the patient data unset and set `patient_data_withheld`
  // Decide each resource returned by authorizing it with its Get rule
  // (GetConsult, GetConference) and its own facts.
  kPerResource,
};

struct Decision {
  PatientDataAccess patient_data = PatientDataAccess::kNotCarried;
};

// Allows the call, or refuses it with PERMISSION_DENIED and, checked in this
// order, reason REGION_MISMATCH (before anything that depends on the resource
// existing, so that another region's data neither shows nor betrays itself),
// PERSON_REQUIRED, ROLE_NOT_ALLOWED (the message names the roles and scope
// that would do), NOT_SELF or NOT_A_PARTICIPANT.
absl::StatusOr<Decision> Authorize(const identity::Caller& caller, const RpcRule& rule,
                                   const ResourceFacts& facts);

}  // namespace samspar::auth

#endif  // SAMSPAR_COMMON_AUTH_AUTHORIZE_H_
