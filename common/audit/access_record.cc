#include "common/audit/access_record.h"

#include <utility>

namespace samspar::audit {
namespace {

constexpr std::pair<AccessAction, absl::string_view> kActions[] = {
    {AccessAction::kRead, "READ"},
    {AccessAction::kList, "LIST"},
    {AccessAction::kStream, "STREAM"},
    {AccessAction::kCreate, "CREATE"},
    {AccessAction::kUpdate, "UPDATE"},
    {AccessAction::kIdentifyPatient, "IDENTIFY_PATIENT"},
    {AccessAction::kSearchAccessLog, "SEARCH_ACCESS_LOG"},
};

constexpr std::pair<AccessBasis, absl::string_view> kBases[] = {
    {AccessBasis::kRequester, "REQUESTER"},
    {AccessBasis::kOfferedContact, "OFFERED_CONTACT"},
    {AccessBasis::kAssignee, "ASSIGNEE"},
    {AccessBasis::kOrganiser, "ORGANISER"},
    {AccessBasis::kRequesterUnitCareCoordinator, "REQUESTER_UNIT_CARE_COORDINATOR"},
    {AccessBasis::kInvitedParticipant, "INVITED_PARTICIPANT"},
    {AccessBasis::kAudit, "AUDIT"},
    {AccessBasis::kNone, "NONE"},
};

constexpr std::pair<AccessOutcome, absl::string_view> kOutcomes[] = {
    {AccessOutcome::kGranted, "GRANTED"},
    {AccessOutcome::kDenied, "DENIED"},
    {AccessOutcome::kFailed, "FAILED"},
};

constexpr std::pair<QueryKind, absl::string_view> kQueryKinds[] = {
    {QueryKind::kNone, "UNSPECIFIED"},
    {QueryKind::kByPatient, "BY_PATIENT"},
    {QueryKind::kByUser, "BY_USER"},
    {QueryKind::kByClient, "BY_CLIENT"},
};

constexpr std::pair<ActorKind, absl::string_view> kActorKinds[] = {
    {ActorKind::kPerson, "PERSON"},
    {ActorKind::kSystem, "SYSTEM"},
    {ActorKind::kSamspar, "SAMSPAR"},
};

constexpr std::pair<PatientKind, absl::string_view> kPatientKinds[] = {
    {PatientKind::kPersonnummer, "PERSONNUMMER"},
    {PatientKind::kSamordningsnummer, "SAMORDNINGSNUMMER"},
    {PatientKind::kReservnummer, "RESERVNUMMER"},
};

// Every enum value is in its table, so the fallback is never reached by a
// valid value.
template <typename Enum, size_t N>
absl::string_view Lookup(const std::pair<Enum, absl::string_view> (&table)[N], Enum value) {
  for (const auto& [each, name] : table) {
    if (each == value) return name;
  }
  return "UNSPECIFIED";
}

template <typename Enum, size_t N>
absl::optional<Enum> Find(const std::pair<Enum, absl::string_view> (&table)[N],
                          absl::string_view name) {
  for (const auto& [each, each_name] : table) {
    if (each_name == name) return each;
  }
  return absl::nullopt;
}

}  // namespace

absl::string_view NameOf(AccessAction action) { return Lookup(kActions, action); }
absl::string_view NameOf(AccessBasis basis) { return Lookup(kBases, basis); }
absl::string_view NameOf(AccessOutcome outcome) { return Lookup(kOutcomes, outcome); }
absl::string_view NameOf(QueryKind kind) { return Lookup(kQueryKinds, kind); }
absl::string_view NameOf(ActorKind kind) { return Lookup(kActorKinds, kind); }
absl::string_view NameOf(PatientKind kind) { return Lookup(kPatientKinds, kind); }

absl::optional<AccessAction> AccessActionFrom(absl::string_view name) {
  return Find(kActions, name);
}
absl::optional<AccessBasis> AccessBasisFrom(absl::string_view name) { return Find(kBases, name); }
absl::optional<AccessOutcome> AccessOutcomeFrom(absl::string_view name) {
  return Find(kOutcomes, name);
}
absl::optional<QueryKind> QueryKindFrom(absl::string_view name) { return Find(kQueryKinds, name); }
absl::optional<ActorKind> ActorKindFrom(absl::string_view name) { return Find(kActorKinds, name); }
absl::optional<PatientKind> PatientKindFrom(absl::string_view name) {
  return Find(kPatientKinds, name);
}

Actor ActorOf(const identity::Caller& caller) {
  Actor actor;
  actor.kind = caller.system.has_value() ? ActorKind::kSystem : ActorKind::kPerson;
  if (caller.person.has_value()) {
    actor.hsa_id = caller.person->hsa_id;
    actor.unit_hsa_id = caller.person->unit_hsa_id;
    actor.roles = caller.person->roles;
  }
  if (caller.system.has_value()) actor.client_id = caller.system->client_id;
  return actor;
}

}  // namespace samspar::audit
