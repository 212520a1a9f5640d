#ifndef SAMSPAR_COMMON_AUTH_RPC_RULE_H_
#define SAMSPAR_COMMON_AUTH_RPC_RULE_H_

// Who may call each RPC of the API contract (proto/samspar/v1), as one table:
// the "Who:" sentence of every RPC, and the rules of common.proto ("Callers,
// roles and scopes", "Patient data"), written down once. Services look their
// rule up by the gRPC method name and hand it to Authorize (authorize.h);
// docs/access-policy.md is rendered from the same table.

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "common/auth/role_set.h"

namespace samspar::auth {

// The relation to the resource that an RPC asks of its caller, beyond a role.
enum class Part {
  kNone,
  // The RPC acts on the caller's own presence, offers or on-call time;
  // naming someone else's is refused NOT_SELF.
  kSelf,
  // The caller needs a part in the consult, conference or swap request
  // (requester, assignee, organiser, ...); without it NOT_A_PARTICIPANT.
  kParticipant,
};

// Whether an RPC takes or returns patient data (patient identity, clinical
// free text), which the patient data law shows only to those taking part in
// the patient's care.
enum class PatientData {
  kNone,
  // Shown to a caller who has the RPC's part (or for whom it asks none, such
  // as the requester creating a consult); a caller let in without the part
  // gets it withheld.
  kCarried,
  // The RPC returns many consults or conferences (a List, a stream of
  // offers): each one is shown or withheld by the caller's part in it, as the
  // resource's Get rule decides.
  kPerResource,
};

// A system_scope that any system satisfies, whatever its scopes.
inline constexpr absl::string_view kAnySystem = "*";

struct RpcRule {
  // The full gRPC method name, e.g. "/samspar.v1.RosterService/ListUnits".
  absl::string_view method = {};
  // The person roles that may call (a delegation token is judged by its
  // person's roles and its system's scope both).
  RoleSet roles = {};
  // The OAuth scope a system needs; empty when no system token may call
  // (neither alone nor for a person).
  absl::string_view system_scope = {};
  // The RPC acts for a person: a system without a delegated person is
  // refused PERSON_REQUIRED.
  bool person_required = false;
  Part part = Part::kNone;
  // For kParticipant, the parts that may, as the contract's metadata
  // "required" names them ("assignee", "requester,assignee"); for kSelf,
  // what must be the caller's own.
  absl::string_view part_name = {};
  // Roles that may call without the part: a region admin on anyone's swap
  // request, the readers of consults and conferences (who then get patient
  // data withheld).
  RoleSet without_part = {};
  PatientData patient_data = PatientData::kNone;
  // False for the few RPCs that name no region: the KPI catalogue (the same
  // for every region) and event ingestion (whose events each carry theirs).
  bool regional = true;
  // What the service checks beyond this table, for the reader of the docs.
  absl::string_view note = {};
};

// The rule of a full gRPC method name; nullptr for a method the contract does
// not have.
const RpcRule* FindRule(absl::string_view method);

// Every rule, grouped by service in the contract's order.
absl::Span<const RpcRule> AllRules();

// "RosterService/ListUnits" for "/samspar.v1.RosterService/ListUnits".
absl::string_view RpcName(const RpcRule& rule);

}  // namespace samspar::auth

#endif  // SAMSPAR_COMMON_AUTH_RPC_RULE_H_
