// The access policy: one row per RPC of the API contract. Each row restates
// the RPC's "Who:" sentence in proto/samspar/v1; when the contract changes,
// this table changes with it, and docs/access-policy.md is rendered again.

#include "common/auth/rpc_rule.h"

#include "absl/strings/strip.h"

namespace samspar::auth {
namespace {

using identity::Role;

constexpr RoleSet kAnyPerson = RoleSet::AnyPerson();
constexpr RoleSet kNobody = {};
constexpr RoleSet kRegionAdmin = {Role::kRegionAdmin};
// Those who hold on-call time and presence.
constexpr RoleSet kPractitioners = {Role::kClinician, Role::kAmbulance, Role::kMunicipalNurse,
                                    Role::kCareCoordinator};
constexpr RoleSet kPractitionersAndAdmin = {Role::kClinician, Role::kAmbulance,
                                            Role::kMunicipalNurse, Role::kCareCoordinator,
                                            Role::kRegionAdmin};
// consult.proto: these "ask and answer consults"; care coordinators and region
// admins "may read consults of their region".
constexpr RoleSet kConsultAskers = {Role::kClinician, Role::kAmbulance, Role::kMunicipalNurse};
constexpr RoleSet kConsultReaders = {Role::kClinician, Role::kAmbulance, Role::kMunicipalNurse,
                                     Role::kCareCoordinator, Role::kRegionAdmin};
// conference.proto: these read conferences without taking part; anyone but
// analysts and auditors may take part (an invited ambulance or municipal
// nurse reads and answers their invitation).
constexpr RoleSet kConferenceReaders = {Role::kClinician, Role::kCareCoordinator,
                                        Role::kRegionAdmin};
constexpr RoleSet kConferenceParticipants = {Role::kClinician, Role::kAmbulance,
                                             Role::kMunicipalNurse, Role::kCareCoordinator,
                                             Role::kRegionAdmin};
constexpr RoleSet kKpiReaders = {Role::kAnalyst, Role::kRegionAdmin};

constexpr RpcRule kRules[] = {
    // ----- RosterService: "any caller of the region" reads; region admins
    // write; practitioners set their own presence and swap their own time.
    {.method = "/samspar.v1.RosterService/GetUnit",
     .roles = kAnyPerson, .system_scope = "directory.read"},
    {.method = "/samspar.v1.RosterService/ListUnits",
     .roles = kAnyPerson, .system_scope = "directory.read"},
    {.method = "/samspar.v1.RosterService/CreateUnit",
     .roles = kRegionAdmin, .system_scope = "directory.write"},
    {.method = "/samspar.v1.RosterService/UpdateUnit",
     .roles = kRegionAdmin, .system_scope = "directory.write"},
    {.method = "/samspar.v1.RosterService/GetPractitioner",
     .roles = kAnyPerson, .system_scope = "directory.read"},
    {.method = "/samspar.v1.RosterService/ListPractitioners",
     .roles = kAnyPerson, .system_scope = "directory.read"},
    {.method = "/samspar.v1.RosterService/CreatePractitioner",
     .roles = kRegionAdmin, .system_scope = "directory.write"},
    {.method = "/samspar.v1.RosterService/UpdatePractitioner",
     .roles = kRegionAdmin, .system_scope = "directory.write"},
    {.method = "/samspar.v1.RosterService/ImportDirectory",
     .roles = kRegionAdmin, .system_scope = "directory.write"},
    {.method = "/samspar.v1.RosterService/GetLine",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ListLines",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/CreateLine",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/UpdateLine",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/GetRotation",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ListRotations",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/CreateRotation",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/UpdateRotation",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/DeleteRotation",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/GetShift",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ListShifts",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/CreateShift",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/UpdateShift",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/DeleteShift",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/GetOverride",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ListOverrides",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/CreateOverride",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/UpdateOverride",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/DeleteOverride",
     .roles = kRegionAdmin, .system_scope = "roster.write"},
    {.method = "/samspar.v1.RosterService/CreateSwapRequest", .roles = kPractitionersAndAdmin,
     .system_scope = "roster.write", .person_required = true, .part = Part::kSelf,
     .part_name = "own on-call time", .without_part = kRegionAdmin},
    {.method = "/samspar.v1.RosterService/GetSwapRequest",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ListSwapRequests",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/AcceptSwapRequest", .roles = kPractitioners,
     .system_scope = "roster.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "counterpart"},
    {.method = "/samspar.v1.RosterService/DeclineSwapRequest", .roles = kPractitioners,
     .system_scope = "roster.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "counterpart"},
    {.method = "/samspar.v1.RosterService/ApproveSwapRequest", .roles = kRegionAdmin},
    {.method = "/samspar.v1.RosterService/RejectSwapRequest", .roles = kRegionAdmin},
    {.method = "/samspar.v1.RosterService/CancelSwapRequest", .roles = kPractitionersAndAdmin,
     .system_scope = "roster.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "requester", .without_part = kRegionAdmin},
    {.method = "/samspar.v1.RosterService/ResolveOnCall",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/FindOnCall",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ListDuties",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ListCoverageGaps",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ComputeCoverageReport",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/UpdatePresence", .roles = kPractitioners,
     .system_scope = "presence.write", .person_required = true, .part = Part::kSelf,
     .part_name = "own presence"},
    {.method = "/samspar.v1.RosterService/Heartbeat", .roles = kPractitioners,
     .system_scope = "presence.write", .person_required = true, .part = Part::kSelf,
     .part_name = "own presence"},
    {.method = "/samspar.v1.RosterService/GetPresence",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/BatchGetPresence",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/WatchPresence",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ExportCalendar",
     .roles = kAnyPerson, .system_scope = "roster.read"},
    {.method = "/samspar.v1.RosterService/ImportShifts",
     .roles = kRegionAdmin, .system_scope = "roster.write"},

    // ----- ConsultService: every RPC acts for a person and carries patient
    // data; analysts and auditors have no access.
    {.method = "/samspar.v1.ConsultService/CreateConsult", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true,
     .patient_data = PatientData::kCarried, .note = "the caller becomes the requester"},
    {.method = "/samspar.v1.ConsultService/GetConsult", .roles = kConsultReaders,
     .system_scope = "consult.read", .person_required = true, .part = Part::kParticipant,
     .part_name = "participant", .without_part = kConsultReaders,
     .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/ListConsults", .roles = kConsultReaders,
     .system_scope = "consult.read", .person_required = true,
     .patient_data = PatientData::kPerResource, .note = "each consult as GetConsult"},
    {.method = "/samspar.v1.ConsultService/AcceptConsult", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "offered_contact", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/DeclineConsult", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "offered_contact", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/AnswerConsult", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "assignee", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/RecordConsultOutcome", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "assignee,requester", .patient_data = PatientData::kCarried,
     .note = "the requester only on accessible-primary-care consults"},
    {.method = "/samspar.v1.ConsultService/CloseConsult", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "requester,assignee", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/CancelConsult", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "requester", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/ReassignConsult", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "assignee", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/IdentifyConsultPatient", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "requester,assignee", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/CreateConsultMessage", .roles = kConsultAskers,
     .system_scope = "consult.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "requester,assignee,offered_contact", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/ListConsultMessages", .roles = kConsultReaders,
     .system_scope = "consult.read", .person_required = true, .part = Part::kParticipant,
     .part_name = "participant", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConsultService/WatchMyOffers", .roles = kConsultAskers,
     .system_scope = "consult.read", .person_required = true, .part = Part::kSelf,
     .part_name = "own offers", .patient_data = PatientData::kPerResource,
     .note = "each consult as GetConsult"},
    {.method = "/samspar.v1.ConsultService/WatchConsult", .roles = kConsultReaders,
     .system_scope = "consult.read", .person_required = true, .part = Part::kParticipant,
     .part_name = "participant", .patient_data = PatientData::kCarried},

    // ----- ConferenceService: every RPC acts for a person and, but for
    // FindSlots, carries patient data; analysts and auditors have no access.
    {.method = "/samspar.v1.ConferenceService/RequestConference", .roles = {Role::kClinician},
     .system_scope = "conference.write", .person_required = true,
     .patient_data = PatientData::kCarried,
     .note = "the caller becomes the requester; the service checks the directory profession "
             "PHYSICIAN and the part in a source consult"},
    {.method = "/samspar.v1.ConferenceService/GetConference", .roles = kConferenceParticipants,
     .system_scope = "conference.read", .person_required = true, .part = Part::kParticipant,
     .part_name = "participant", .without_part = kConferenceReaders,
     .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/ListConferences", .roles = kConferenceParticipants,
     .system_scope = "conference.read", .person_required = true,
     .patient_data = PatientData::kPerResource,
     .note = "each conference as GetConference; those the caller may not get are left out"},
    {.method = "/samspar.v1.ConferenceService/UpdateConference", .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "organiser", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/StartScheduling", .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "requester_unit_care_coordinator,requester",
     .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/InviteParticipants", .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "organiser", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/RemoveParticipant", .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "organiser", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/FindSlots", .roles = kConferenceParticipants,
     .system_scope = "conference.read", .person_required = true, .part = Part::kParticipant,
     .part_name = "organiser"},
    {.method = "/samspar.v1.ConferenceService/BookConference", .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "organiser", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/RespondToInvitation",
     .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "invitee,organiser", .patient_data = PatientData::kCarried,
     .note = "an invitee answers for their own entry, an organiser for any entry"},
    {.method = "/samspar.v1.ConferenceService/RecordConferenceHeld",
     .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "organiser", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/RecordPlan", .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "organiser", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/RecordFollowUp", .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "organiser,responsible", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/CancelConference", .roles = kConferenceParticipants,
     .system_scope = "conference.write", .person_required = true, .part = Part::kParticipant,
     .part_name = "organiser", .patient_data = PatientData::kCarried},
    {.method = "/samspar.v1.ConferenceService/IdentifyConferencePatient",
     .roles = kConferenceParticipants, .system_scope = "conference.write",
     .person_required = true, .part = Part::kParticipant, .part_name = "organiser",
     .patient_data = PatientData::kCarried},

    // ----- MetricsService: analysts and region admins read, region admins
    // set targets, only the services ingest; no patient data anywhere.
    {.method = "/samspar.v1.MetricsService/IngestEvents", .roles = kNobody,
     .system_scope = "metrics.ingest", .regional = false,
     .note = "each event is checked against the regions the caller serves"},
    {.method = "/samspar.v1.MetricsService/QueryKpiReport",
     .roles = kKpiReaders, .system_scope = "metrics.read"},
    {.method = "/samspar.v1.MetricsService/ListKpiSeries",
     .roles = kKpiReaders, .system_scope = "metrics.read"},
    {.method = "/samspar.v1.MetricsService/ExportKpiCsv",
     .roles = kKpiReaders, .system_scope = "metrics.read"},
    {.method = "/samspar.v1.MetricsService/ListKpiDefinitions", .roles = kAnyPerson,
     .system_scope = kAnySystem, .regional = false},
    {.method = "/samspar.v1.MetricsService/GetKpiTargets",
     .roles = kKpiReaders, .system_scope = "metrics.read"},
    {.method = "/samspar.v1.MetricsService/UpdateKpiTargets", .roles = kRegionAdmin},
    {.method = "/samspar.v1.MetricsService/CreateDashboardLink",
     .roles = kKpiReaders, .system_scope = "metrics.read"},

    // ----- AccessLogService: auditors follow the log up, patient identity
    // included (a search by patient takes it, every entry names one).
    {.method = "/samspar.v1.AccessLogService/SearchAccessLog", .roles = {Role::kAuditor},
     .system_scope = "audit.read", .person_required = true,
     .patient_data = PatientData::kCarried},
};

}  // namespace

const RpcRule* FindRule(absl::string_view method) {
  for (const RpcRule& rule : kRules) {
    if (rule.method == method) return &rule;
  }
  return nullptr;
}

absl::Span<const RpcRule> AllRules() { return kRules; }

absl::string_view RpcName(const RpcRule& rule) {
  absl::string_view name = rule.method;
  absl::ConsumePrefix(&name, "/samspar.v1.");
  return name;
}

}  // namespace samspar::auth
