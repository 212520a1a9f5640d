#ifndef SAMSPAR_COMMON_AUDIT_ACCESS_RECORD_H_
#define SAMSPAR_COMMON_AUDIT_ACCESS_RECORD_H_

// One entry of the patient-data access log (Patientdatalagen): who touched
// which patient's data, how, when, from where, and whether it was allowed.
// Plain C++, so that every service's domain can fill one in without the API.
//
// The enums are numbered as their samspar.v1 counterparts (AccessAction,
// AccessBasis, AccessOutcome, AccessLogQueryKind, ActorKind,
// PatientIdentifierKind), and stored by the name of the API value without its
// prefix ("SEARCH_ACCESS_LOG"), so that the table reads the same as the API.

#include <set>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/identity/caller.h"

namespace samspar::audit {

enum class AccessAction {
  kRead = 1,
  kList = 2,
  kStream = 3,
  kCreate = 4,
  kUpdate = 5,
  kIdentifyPatient = 6,
  kSearchAccessLog = 7,
};

enum class AccessBasis {
  kRequester = 1,
  kOfferedContact = 2,
  kAssignee = 3,
  kOrganiser = 4,
  kRequesterUnitCareCoordinator = 5,
  kInvitedParticipant = 6,
  kAudit = 7,
  kNone = 8,  // the access was denied
};

enum class AccessOutcome {
  kGranted = 1,
  kDenied = 2,
  kFailed = 3,
};

// What a search of the log asked for; kNone on every entry that is not one.
enum class QueryKind {
  kNone = 0,
  kByPatient = 1,
  kByUser = 2,
  kByClient = 3,
};

enum class ActorKind {
  kPerson = 1,
  kSystem = 2,  // alone, or acting for a person through a delegation token
  kSamspar = 3,
};

enum class PatientKind {
  kPersonnummer = 1,
  kSamordningsnummer = 2,
  kReservnummer = 3,
};

// Stored names; the From* functions read them back.
absl::string_view NameOf(AccessAction action);
absl::string_view NameOf(AccessBasis basis);
absl::string_view NameOf(AccessOutcome outcome);
absl::string_view NameOf(QueryKind kind);
absl::string_view NameOf(ActorKind kind);
absl::string_view NameOf(PatientKind kind);
absl::optional<AccessAction> AccessActionFrom(absl::string_view name);
absl::optional<AccessBasis> AccessBasisFrom(absl::string_view name);
absl::optional<AccessOutcome> AccessOutcomeFrom(absl::string_view name);
absl::optional<QueryKind> QueryKindFrom(absl::string_view name);
absl::optional<ActorKind> ActorKindFrom(absl::string_view name);
absl::optional<PatientKind> PatientKindFrom(absl::string_view name);

// A patient as identified at the time of the access.
struct PatientId {
  PatientKind kind = PatientKind::kPersonnummer;
  // A personnummer or samordningsnummer in its canonical form YYYYMMDDNNNC;
  // a reserve number exactly as issued (its format is the region's).
  std::string value = {};
  // Reserve numbers only: they are unique within the issuing region, which is
  // part of their identity (a county code such as "06"), and optionally the
  // issuing unit's HSA-id.
  std::string issuing_region = {};
  std::string issuing_unit = {};

  friend bool operator==(const PatientId&, const PatientId&) = default;
};

// Who made the access, as the caller's verified token said.
struct Actor {
  ActorKind kind = ActorKind::kPerson;
  std::string hsa_id = {};     // the person, or the person a system acted for
  std::string client_id = {};  // the system, for kSystem
  std::string unit_hsa_id = {};
  std::set<identity::Role> roles = {};

  friend bool operator==(const Actor&, const Actor&) = default;
};

Actor ActorOf(const identity::Caller& caller);

struct AccessRecord {
  std::string id = {};      // assigned when the record is written
  std::string region = {};  // whose log: the region of the data accessed
  absl::Time time = {};
  Actor actor = {};
  absl::optional<PatientId> patient = {};           // unset for searches by user or client
  absl::optional<PatientId> previous_patient = {};  // kIdentifyPatient: the replaced identifier
  // The resource's name, e.g. "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0d";
  // for a search, the log searched ("regions/06/services/consult").
  std::string resource = {};
  AccessAction action = AccessAction::kRead;
  QueryKind query_kind = QueryKind::kNone;
  std::string method = {};   // "/samspar.v1.ConsultService/GetConsult"
  std::string service = {};  // the service that recorded it, "samspar.v1.ConsultService"
  AccessBasis basis = AccessBasis::kNone;
  AccessOutcome outcome = AccessOutcome::kGranted;
  std::string peer = {};      // the client's address as the server saw it
  std::string trace_id = {};  // the request's W3C trace id, when it sent one
};

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_ACCESS_RECORD_H_
