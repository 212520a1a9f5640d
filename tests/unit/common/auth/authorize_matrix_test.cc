// The policy tested as a table: every RPC of the contract × every kind of
// caller × own/other region × participant or not × self or not, against a
// reference written here from the contract's sentences (not from the policy
// table), so that a slip in either shows up as a disagreement.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/types/optional.h"
#include "common/auth/authorize.h"
#include "common/auth/role_set.h"
#include "common/auth/rpc_rule.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "tests/unit/common/auth/auth_testing.h"

namespace samspar::auth {
namespace {

namespace at = ::samspar::auth::testing;
using identity::Role;

// ----- The contract, restated -------------------------------------------

struct Who {
  std::set<Role> roles = {};  // the person roles that may call
  bool every_person = false;  // "any caller of the region": whatever their roles
  std::string scope = {};     // the system scope; "" no system, "*" any system
  bool acts_for_person = false;
  enum class Needs { kNothing, kOwn, kPart } needs = Needs::kNothing;
  std::set<Role> without_part = {};  // roles that may call without the part
  enum class Data { kNone, kCarried, kEach } data = Data::kNone;
  bool names_region = true;
};
using Needs = Who::Needs;
using Data = Who::Data;

const std::set<std::string> kEveryScope = {
    "directory.read", "directory.write", "roster.read",     "roster.write",
    "presence.write", "consult.read",    "consult.write",   "conference.read",
    "conference.write", "metrics.read",  "metrics.ingest",  "audit.read"};

std::map<std::string, Who> ContractSentences() {
  const Role kClin = Role::kClinician, kAmb = Role::kAmbulance, kMun = Role::kMunicipalNurse,
             kCoord = Role::kCareCoordinator, kAdmin = Role::kRegionAdmin,
             kAnalyst = Role::kAnalyst, kAuditor = Role::kAuditor;
  std::map<std::string, Who> who;

  // roster.proto: "Any caller of the region" means every person of the
  // region, whatever their roles, and systems with `directory.read` (units,
  // practitioners) or `roster.read` (lines, schedules, on-call answers,
  // coverage, presence, calendars).
  for (const char* rpc : {"GetUnit", "ListUnits", "GetPractitioner", "ListPractitioners"}) {
    who[absl::StrCat("RosterService/", rpc)] = {.every_person = true, .scope = "directory.read"};
  }
  for (const char* rpc :
       {"GetLine", "ListLines", "GetRotation", "ListRotations", "GetShift", "ListShifts",
        "GetOverride", "ListOverrides", "GetSwapRequest", "ListSwapRequests", "ResolveOnCall",
        "FindOnCall", "ListDuties", "ListCoverageGaps", "ComputeCoverageReport", "GetPresence",
        "BatchGetPresence", "WatchPresence", "ExportCalendar"}) {
    who[absl::StrCat("RosterService/", rpc)] = {.every_person = true, .scope = "roster.read"};
  }
  // "Writes to the directory are for region admins and systems with
  // `directory.write`; writes to lines and schedules for region admins and
  // systems with `roster.write`".
  for (const char* rpc : {"CreateUnit", "UpdateUnit", "CreatePractitioner", "UpdatePractitioner",
                          "ImportDirectory"}) {
    who[absl::StrCat("RosterService/", rpc)] = {.roles = {kAdmin}, .scope = "directory.write"};
  }
  for (const char* rpc :
       {"CreateLine", "UpdateLine", "CreateRotation", "UpdateRotation", "DeleteRotation",
        "CreateShift", "UpdateShift", "DeleteShift", "CreateOverride", "UpdateOverride",
        "DeleteOverride", "ImportShifts"}) {
    who[absl::StrCat("RosterService/", rpc)] = {.roles = {kAdmin}, .scope = "roster.write"};
  }
  // Approve, Reject: "Who: region admin." (no system named).
  who["RosterService/ApproveSwapRequest"] = {.roles = {kAdmin}};
  who["RosterService/RejectSwapRequest"] = {.roles = {kAdmin}};
  // "Practitioners set their own presence (systems: `presence.write`) and
  // swap their own on-call time"; `presence.write` and `roster.write` act
  // for a practitioner.
  const std::set<Role> practitioners = {kClin, kAmb, kMun, kCoord};
  for (const char* rpc : {"UpdatePresence", "Heartbeat"}) {
    who[absl::StrCat("RosterService/", rpc)] = {.roles = practitioners,
                                                .scope = "presence.write",
                                                .acts_for_person = true,
                                                .needs = Needs::kOwn};
  }
  // CreateSwapRequest: "a practitioner for their own on-call time; a region
  // admin for anyone's; systems with `roster.write` acting for the requester".
  who["RosterService/CreateSwapRequest"] = {.roles = {kClin, kAmb, kMun, kCoord, kAdmin},
                                            .scope = "roster.write",
                                            .acts_for_person = true,
                                            .needs = Needs::kOwn,
                                            .without_part = {kAdmin}};
  // Accept, Decline: "the counterpart; systems with `roster.write` acting for them".
  for (const char* rpc : {"AcceptSwapRequest", "DeclineSwapRequest"}) {
    who[absl::StrCat("RosterService/", rpc)] = {.roles = practitioners,
                                                .scope = "roster.write",
                                                .acts_for_person = true,
                                                .needs = Needs::kPart};
  }
  // Cancel: "the requester; region admin; systems acting for the requester".
  who["RosterService/CancelSwapRequest"] = {.roles = {kClin, kAmb, kMun, kCoord, kAdmin},
                                            .scope = "roster.write",
                                            .acts_for_person = true,
                                            .needs = Needs::kPart,
                                            .without_part = {kAdmin}};

  // consult.proto: "Persons with the roles CLINICIAN, AMBULANCE_CLINICIAN or
  // MUNICIPAL_NURSE ask and answer consults; CARE_COORDINATOR and
  // REGION_ADMIN may read consults of their region (without patient data
  // unless they are participants). Systems need scope `consult.read` or
  // `consult.write` and must act for a person. ANALYST and AUDITOR have no
  // access to consults."
  const std::set<Role> askers = {kClin, kAmb, kMun};
  const std::set<Role> consult_readers = {kClin, kAmb, kMun, kCoord, kAdmin};
  who["ConsultService/CreateConsult"] = {.roles = askers,
                                         .scope = "consult.write",
                                         .acts_for_person = true,
                                         .data = Data::kCarried};
  // "participants (everything); other CLINICIAN, AMBULANCE_CLINICIAN,
  // MUNICIPAL_NURSE, CARE_COORDINATOR, REGION_ADMIN callers of the region
  // (patient data withheld)".
  who["ConsultService/GetConsult"] = {.roles = consult_readers,
                                      .scope = "consult.read",
                                      .acts_for_person = true,
                                      .needs = Needs::kPart,
                                      .without_part = consult_readers,
                                      .data = Data::kCarried};
  who["ConsultService/ListConsults"] = {.roles = consult_readers,
                                        .scope = "consult.read",
                                        .acts_for_person = true,
                                        .data = Data::kEach};
  // The offered contact, the assignee, the requester: each writes as their part.
  for (const char* rpc :
       {"AcceptConsult", "DeclineConsult", "AnswerConsult", "RecordConsultOutcome", "CloseConsult",
        "CancelConsult", "ReassignConsult", "IdentifyConsultPatient", "CreateConsultMessage"}) {
    who[absl::StrCat("ConsultService/", rpc)] = {.roles = askers,
                                                 .scope = "consult.write",
                                                 .acts_for_person = true,
                                                 .needs = Needs::kPart,
                                                 .data = Data::kCarried};
  }
  // "Who: participants; systems acting for them." (reads: `consult.read`).
  for (const char* rpc : {"ListConsultMessages", "WatchConsult"}) {
    who[absl::StrCat("ConsultService/", rpc)] = {.roles = consult_readers,
                                                 .scope = "consult.read",
                                                 .acts_for_person = true,
                                                 .needs = Needs::kPart,
                                                 .data = Data::kCarried};
  }
  // "the practitioner themselves": the ones offered consults.
  who["ConsultService/WatchMyOffers"] = {.roles = askers,
                                         .scope = "consult.read",
                                         .acts_for_person = true,
                                         .needs = Needs::kOwn,
                                         .data = Data::kEach};

  // conference.proto: "CLINICIAN, CARE_COORDINATOR and REGION_ADMIN callers
  // of the region may read conferences (patient data withheld unless
  // participants). Systems need scope `conference.read` or
  // `conference.write` and must act for a person. ANALYST and AUDITOR have
  // no access." Any other practitioner takes part when invited.
  const std::set<Role> conference_readers = {kClin, kCoord, kAdmin};
  const std::set<Role> taking_part = {kClin, kAmb, kMun, kCoord, kAdmin};
  // "any doctor (a CLINICIAN whose directory profession is PHYSICIAN)".
  who["ConferenceService/RequestConference"] = {.roles = {kClin},
                                                .scope = "conference.write",
                                                .acts_for_person = true,
                                                .data = Data::kCarried};
  who["ConferenceService/GetConference"] = {.roles = taking_part,
                                            .scope = "conference.read",
                                            .acts_for_person = true,
                                            .needs = Needs::kPart,
                                            .without_part = conference_readers,
                                            .data = Data::kCarried};
  who["ConferenceService/ListConferences"] = {.roles = taking_part,
                                              .scope = "conference.read",
                                              .acts_for_person = true,
                                              .data = Data::kEach};
  // `conference.read` covers FindSlots, which returns only slots.
  who["ConferenceService/FindSlots"] = {.roles = taking_part,
                                        .scope = "conference.read",
                                        .acts_for_person = true,
                                        .needs = Needs::kPart};
  // The organisers (or the requester, a care coordinator of the requester
  // unit, an invitee for their own entry, a responsible participant).
  for (const char* rpc :
       {"UpdateConference", "StartScheduling", "InviteParticipants", "RemoveParticipant",
        "BookConference", "RespondToInvitation", "RecordConferenceHeld", "RecordPlan",
        "RecordFollowUp", "CancelConference", "IdentifyConferencePatient"}) {
    who[absl::StrCat("ConferenceService/", rpc)] = {.roles = taking_part,
                                                    .scope = "conference.write",
                                                    .acts_for_person = true,
                                                    .needs = Needs::kPart,
                                                    .data = Data::kCarried};
  }

  // metrics.proto: "ANALYST and REGION_ADMIN callers of the region read KPIs
  // (systems: scope `metrics.read`); REGION_ADMIN sets targets; only the
  // Samspår services' own identities (scope `metrics.ingest`) ingest events."
  for (const char* rpc :
       {"QueryKpiReport", "ListKpiSeries", "ExportKpiCsv", "GetKpiTargets", "CreateDashboardLink"}) {
    who[absl::StrCat("MetricsService/", rpc)] = {.roles = {kAnalyst, kAdmin},
                                                 .scope = "metrics.read"};
  }
  who["MetricsService/UpdateKpiTargets"] = {.roles = {kAdmin}};  // "persons only"
  who["MetricsService/IngestEvents"] = {.scope = "metrics.ingest", .names_region = false};
  // "Who: any authenticated caller." The catalogue is the same for every region.
  who["MetricsService/ListKpiDefinitions"] = {
      .every_person = true, .scope = "*", .names_region = false};

  // access_log.proto: "AUDITOR of the region; systems with scope
  // `audit.read` acting for one."
  who["AccessLogService/SearchAccessLog"] = {.roles = {kAuditor},
                                             .scope = "audit.read",
                                             .acts_for_person = true,
                                             .data = Data::kCarried};
  return who;
}

const std::map<std::string, Who>& Contract() {
  static const std::map<std::string, Who>* contract =
      new std::map<std::string, Who>(ContractSentences());
  return *contract;
}

// ----- Callers --------------------------------------------------------------

struct Case {
  std::string label = {};
  absl::optional<Role> role = {};  // the person's one role, if any
  bool person = false;
  bool system = false;
  bool holds_scope = false;  // the system holds the scope the contract names
  identity::Caller caller = {};
};

std::vector<Case> Callers(const Who& who) {
  std::set<std::string> with = {who.scope};
  if (who.scope.empty()) with = kEveryScope;  // however many scopes: still not a system's RPC
  if (who.scope == "*") with = {"roster.read"};
  const std::set<std::string> without = {"calendar.feed"};  // a scope no RPC asks for

  std::vector<absl::optional<Role>> roles = {absl::nullopt};
  for (Role role : kAllRoles) roles.push_back(role);

  std::vector<Case> cases;
  for (const absl::optional<Role>& role : roles) {
    std::string name = role ? std::string(RoleName(*role)) : "no role";
    std::set<Role> held;
    if (role) held.insert(*role);
    cases.push_back({.label = absl::StrCat("person with ", name),
                     .role = role,
                     .person = true,
                     .caller = at::PersonCaller(held)});
    cases.push_back({.label = absl::StrCat("system with the scope for a person with ", name),
                     .role = role,
                     .person = true,
                     .system = true,
                     .holds_scope = true,
                     .caller = at::DelegationCaller(held, with)});
    cases.push_back({.label = absl::StrCat("system without the scope for a person with ", name),
                     .role = role,
                     .person = true,
                     .system = true,
                     .caller = at::DelegationCaller(held, without)});
  }
  cases.push_back({.label = "system with the scope",
                   .system = true,
                   .holds_scope = true,
                   .caller = at::SystemCaller(with)});
  cases.push_back(
      {.label = "system without the scope", .system = true, .caller = at::SystemCaller(without)});
  return cases;
}

// ----- The reference evaluation, in the order the issue gives ------------------

std::string Expected(const Who& who, const Case& c, bool own_region, bool participant,
                     bool self) {
  if (who.names_region && !own_region) return "REGION_MISMATCH";
  if (who.acts_for_person && !c.person) return "PERSON_REQUIRED";
  bool role_allows = !c.person || who.every_person || (c.role && who.roles.count(*c.role) > 0);
  bool scope_allows = !c.system || who.scope == "*" || (!who.scope.empty() && c.holds_scope);
  if (!role_allows || !scope_allows) return "ROLE_NOT_ALLOWED";
  bool has_part = true;
  if (who.needs == Needs::kOwn) has_part = self;
  if (who.needs == Needs::kPart) has_part = participant;
  bool without_part_allowed = c.role && who.without_part.count(*c.role) > 0;
  if (!has_part && !without_part_allowed) {
    return who.needs == Needs::kOwn ? "NOT_SELF" : "NOT_A_PARTICIPANT";
  }
  switch (who.data) {
    case Data::kNone:
      return "allowed, no patient data";
    case Data::kEach:
      return "allowed, patient data per resource";
    case Data::kCarried:
      return has_part ? "allowed, patient data shown" : "allowed, patient data withheld";
  }
  return "";
}

std::string Actual(const absl::StatusOr<Decision>& decision) {
  if (!decision.ok()) {
    if (decision.status().code() != absl::StatusCode::kPermissionDenied) {
      return absl::StrCat(absl::StatusCodeToString(decision.status().code()), ": ",
                          decision.status().message());
    }
    return ReasonOrCode(decision.status());
  }
  switch (decision->patient_data) {
    case PatientDataAccess::kNotCarried:
      return "allowed, no patient data";
    case PatientDataAccess::kPerResource:
      return "allowed, patient data per resource";
    case PatientDataAccess::kShown:
      return "allowed, patient data shown";
    case PatientDataAccess::kWithheld:
      return "allowed, patient data withheld";
  }
  return "";
}

// ----- The matrix -------------------------------------------------------------

class AuthorizeMatrix : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    rule_ = FindRule(GetParam());
    ASSERT_NE(rule_, nullptr) << "no rule for " << GetParam();
    auto it = Contract().find(std::string(RpcName(*rule_)));
    ASSERT_NE(it, Contract().end()) << "the reference lacks " << GetParam();
    who_ = &it->second;
  }

  const RpcRule* rule_ = nullptr;
  const Who* who_ = nullptr;
};

TEST_P(AuthorizeMatrix, AgreesWithTheContractForEveryCallerRegionAndPart) {
  int allowed = 0;
  for (const Case& c : Callers(*who_)) {
    for (bool own_region : {true, false}) {
      for (bool participant : {true, false}) {
        for (bool self : {true, false}) {
          ResourceFacts facts{own_region ? at::kOwnRegion : at::kOtherRegion, participant, self};
          std::string actual = Actual(Authorize(c.caller, *rule_, facts));
          EXPECT_EQ(actual, Expected(*who_, c, own_region, participant, self))
              << c.label << (own_region ? ", own region" : ", other region")
              << (participant ? ", participant" : ", not a participant")
              << (self ? ", self" : ", another's");
          if (!own_region && who_->names_region) {
            EXPECT_EQ(actual, "REGION_MISMATCH") << c.label;
          }
          if (absl::StartsWith(actual, "allowed")) ++allowed;
        }
      }
    }
  }
  EXPECT_GT(allowed, 0) << "nobody may call " << GetParam();
}

TEST_P(AuthorizeMatrix, AnotherRegionIsRefusedBeforeTheResourceIsLookedAt) {
  for (const Case& c : Callers(*who_)) {
    // No participant or self fact: a service that has not looked the
    // resource up (it may not exist) still gets REGION_MISMATCH. An RPC that
    // names no region is open to callers of every region.
    identity::Caller elsewhere = c.caller;
    elsewhere.region = at::kOtherRegion;
    std::string actual =
        Actual(Authorize(elsewhere, *rule_, ResourceFacts{at::kOwnRegion, {}, {}}));
    if (who_->names_region) {
      EXPECT_EQ(actual, "REGION_MISMATCH") << c.label;
    } else {
      EXPECT_NE(actual, "REGION_MISMATCH") << c.label;
    }
  }
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  absl::string_view name = info.param;
  absl::ConsumePrefix(&name, "/samspar.v1.");
  return absl::StrReplaceAll(name, {{"/", "_"}});
}

INSTANTIATE_TEST_SUITE_P(EveryRpc, AuthorizeMatrix, ::testing::ValuesIn(at::ContractMethods()),
                         TestName);

}  // namespace
}  // namespace samspar::auth
