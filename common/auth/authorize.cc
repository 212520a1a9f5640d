#include "common/auth/authorize.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace samspar::auth {
namespace {

absl::Status Denied(absl::string_view reason, absl::string_view message) {
  return Error(absl::StatusCode::kPermissionDenied, reason, message);
}

// A fact the rule needs was not supplied: the service has a bug, and
// guessing either way would be wrong.
absl::Status MissingFact(const RpcRule& rule, absl::string_view fact) {
  return absl::InternalError(
      absl::StrCat("authorization of ", RpcName(rule), " needs the fact '", fact,
                   "', which the service did not supply"));
}

bool ScopeAllows(const RpcRule& rule, const identity::System& system) {
  if (rule.system_scope.empty()) return false;
  if (rule.system_scope == kAnySystem) return true;
  return system.scopes.count(std::string(rule.system_scope)) > 0;
}

// Who would be allowed, for the caller to ask for the right token; the
// contract puts this in metadata "required", here it goes in the message.
std::string WhoMayCall(const RpcRule& rule) {
  std::string systems = "none";
  if (rule.system_scope == kAnySystem) {
    systems = "any";
  } else if (!rule.system_scope.empty()) {
    systems = absl::StrCat("scope ", rule.system_scope);
  }
  return absl::StrCat("roles: ", rule.roles.ToString(), "; systems: ", systems);
}

}  // namespace

absl::StatusOr<Decision> Authorize(const identity::Caller& caller, const RpcRule& rule,
                                   const ResourceFacts& facts) {
  if (!caller.person.has_value() && !caller.system.has_value()) {
    return absl::InternalError("authorization needs a caller with a person or a system");
  }
  if (rule.regional) {
    if (facts.region.empty()) return MissingFact(rule, "region");
    if (facts.region != caller.region) {
      return Denied("REGION_MISMATCH", absl::StrCat("the request names region ", facts.region,
                                                    ", the caller's region is ", caller.region));
    }
  }
  if (rule.person_required && !caller.person.has_value()) {
    return Denied("PERSON_REQUIRED",
                  absl::StrCat(RpcName(rule),
                               " acts for a person: a system calls it with a delegation token"));
  }
  bool role_allows = !caller.person.has_value() || rule.roles.AdmitsAnyOf(caller.person->roles);
  bool scope_allows = !caller.system.has_value() || ScopeAllows(rule, *caller.system);
  if (!role_allows || !scope_allows) {
    return Denied("ROLE_NOT_ALLOWED",
                  absl::StrCat(RpcName(rule), " is not open to this caller (", WhoMayCall(rule),
                               ")"));
  }

  bool has_part = true;
  if (rule.part != Part::kNone) {
    const absl::optional<bool>& fact = rule.part == Part::kSelf ? facts.self : facts.participant;
    if (!fact.has_value()) {
      return MissingFact(rule, rule.part == Part::kSelf ? "self" : "participant");
    }
    has_part = *fact;
    // Every rule with a part is person_required, so a person is present here.
    bool waived = caller.person.has_value() && rule.without_part.AdmitsAnyOf(caller.person->roles);
    if (!has_part && !waived) {
      if (rule.part == Part::kSelf) {
        return Denied("NOT_SELF", absl::StrCat(RpcName(rule), " acts on the caller's ",
                                               rule.part_name, "; the request names another's"));
      }
      // The parts that would do, for the caller's app to explain.
      return WithMetadata(Denied("NOT_A_PARTICIPANT",
                                 absl::StrCat(RpcName(rule), " needs a part in the resource (required: ",
                                              rule.part_name, ")")),
                          "required", std::string(rule.part_name));
    }
  }

  Decision decision;
  switch (rule.patient_data) {
    case PatientData::kNone:
      decision.patient_data = PatientDataAccess::kNotCarried;
      break;
    case PatientData::kCarried:
      decision.patient_data = has_part ? PatientDataAccess::kShown : PatientDataAccess::kWithheld;
      break;
    case PatientData::kPerResource:
      decision.patient_data = PatientDataAccess::kPerResource;
      break;
  }
  return decision;
}

}  // namespace samspar::auth
