// Spot checks straight from the sentences, and the errors a
// service's client sees.

#include <string>

#include "absl/status/status.h"
#include "common/auth/authorize.h"
#include "common/auth/rpc_rule.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/common/auth/auth_testing.h"

namespace samspar::auth {
namespace {

namespace at = ::samspar::auth::testing;
using identity::Role;
using ::testing::HasSubstr;

const RpcRule& Rule(absl::string_view service_and_rpc) {
  const RpcRule* rule = FindRule(std::string("/samspar.v1.") + std::string(service_and_rpc));
  if (rule == nullptr) ADD_FAILURE() << "no rule for " << service_and_rpc;
  static const RpcRule kNone{};
  return rule == nullptr ? kNone : *rule;
}

ResourceFacts InOwnRegion() { return ResourceFacts{at::kOwnRegion, {}, {}}; }
ResourceFacts AsParticipant(bool participant) {
  return ResourceFacts{at::kOwnRegion, participant, {}};
}
ResourceFacts AsSelf(bool self) { return ResourceFacts{at::kOwnRegion, {}, self}; }

// The reason of a refusal, "OK" when allowed.
std::string Reason(const absl::StatusOr<Decision>& decision) {
  return decision.ok() ? "OK" : ReasonOrCode(decision.status());
}

TEST(Authorize, AnyoneAuthenticatedInTheRegionReadsTheDirectoryAndRosters) {
  for (const char* rpc : {"RosterService/GetUnit", "RosterService/ListPractitioners",
                          "RosterService/ListShifts", "RosterService/ResolveOnCall",
                          "RosterService/GetPresence"}) {
    EXPECT_EQ(Reason(Authorize(at::PersonCaller({}), Rule(rpc), InOwnRegion())), "OK") << rpc;
    for (Role role : kAllRoles) {
      absl::StatusOr<Decision> read = Authorize(at::PersonCaller({role}), Rule(rpc), InOwnRegion());
      ASSERT_TRUE(read.ok()) << rpc << " by " << RoleName(role);
      EXPECT_EQ(read->patient_data, PatientDataAccess::kNotCarried);
    }
  }
  // Systems read with the scope of what they read.
  EXPECT_TRUE(Authorize(at::SystemCaller({"roster.read"}), Rule("RosterService/ListLines"),
                        InOwnRegion())
                  .ok());
  EXPECT_EQ(Reason(Authorize(at::SystemCaller({"directory.read"}),
                             Rule("RosterService/ListLines"), InOwnRegion())),
            "ROLE_NOT_ALLOWED");
}

TEST(Authorize, OnlyRegionAdminsWriteTheDirectoryAndRosters) {
  for (const char* rpc : {"RosterService/CreateUnit", "RosterService/UpdatePractitioner",
                          "RosterService/CreateShift", "RosterService/UpdateLine",
                          "RosterService/ImportShifts"}) {
    EXPECT_TRUE(Authorize(at::PersonCaller({Role::kRegionAdmin}), Rule(rpc), InOwnRegion()).ok())
        << rpc;
    for (Role role : {Role::kClinician, Role::kCareCoordinator, Role::kAnalyst, Role::kAuditor}) {
      EXPECT_EQ(Reason(Authorize(at::PersonCaller({role}), Rule(rpc), InOwnRegion())),
                "ROLE_NOT_ALLOWED")
          << rpc << " by " << RoleName(role);
    }
  }
  absl::StatusOr<Decision> refused = Authorize(at::PersonCaller({Role::kClinician}),
                                               Rule("RosterService/CreateUnit"), InOwnRegion());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  // The message tells the client which token would do.
  EXPECT_THAT(refused.status().message(), HasSubstr("REGION_ADMIN"));
  EXPECT_THAT(refused.status().message(), HasSubstr("directory.write"));
}

TEST(Authorize, PractitionersSetTheirOwnPresenceAndNoOneElses) {
  const RpcRule& update = Rule("RosterService/UpdatePresence");
  EXPECT_TRUE(Authorize(at::PersonCaller({Role::kClinician}), update, AsSelf(true)).ok());
  absl::StatusOr<Decision> others =
      Authorize(at::PersonCaller({Role::kClinician}), update, AsSelf(false));
  EXPECT_EQ(Reason(others), "NOT_SELF");
  EXPECT_EQ(others.status().code(), absl::StatusCode::kPermissionDenied);
  // Not even a region admin sets someone else's presence.
  EXPECT_EQ(Reason(Authorize(at::PersonCaller({Role::kRegionAdmin}), update, AsSelf(false))),
            "ROLE_NOT_ALLOWED");
  // An app sets it for its user with `presence.write`, never for nobody.
  EXPECT_TRUE(Authorize(at::DelegationCaller({Role::kAmbulance}, {"presence.write"}), update,
                        AsSelf(true))
                  .ok());
  EXPECT_EQ(Reason(Authorize(at::DelegationCaller({Role::kAmbulance}, {"roster.write"}), update,
                             AsSelf(true))),
            "ROLE_NOT_ALLOWED");
  EXPECT_EQ(Reason(Authorize(at::SystemCaller({"presence.write"}), update, AsSelf(true))),
            "PERSON_REQUIRED");
}

TEST(Authorize, SwapsAreOfOnesOwnOnCallTimeUnlessARegionAdminAsks) {
  const RpcRule& create = Rule("RosterService/CreateSwapRequest");
  EXPECT_TRUE(Authorize(at::PersonCaller({Role::kClinician}), create, AsSelf(true)).ok());
  EXPECT_EQ(Reason(Authorize(at::PersonCaller({Role::kClinician}), create, AsSelf(false))),
            "NOT_SELF");
  EXPECT_TRUE(Authorize(at::PersonCaller({Role::kRegionAdmin}), create, AsSelf(false)).ok());
  const RpcRule& cancel = Rule("RosterService/CancelSwapRequest");
  EXPECT_EQ(Reason(Authorize(at::PersonCaller({Role::kClinician}), cancel, AsParticipant(false))),
            "NOT_A_PARTICIPANT");
  EXPECT_TRUE(Authorize(at::PersonCaller({Role::kRegionAdmin}), cancel, AsParticipant(false)).ok());
}

TEST(Authorize, ConsultPatientDataGoesOnlyToParticipants) {
  const RpcRule& get = Rule("ConsultService/GetConsult");
  absl::StatusOr<Decision> participant =
      Authorize(at::PersonCaller({Role::kClinician}), get, AsParticipant(true));
  ASSERT_TRUE(participant.ok());
  EXPECT_EQ(participant->patient_data, PatientDataAccess::kShown);
  for (Role reader : {Role::kClinician, Role::kMunicipalNurse, Role::kCareCoordinator,
                      Role::kRegionAdmin}) {
    absl::StatusOr<Decision> other =
        Authorize(at::PersonCaller({reader}), get, AsParticipant(false));
    ASSERT_TRUE(other.ok()) << RoleName(reader);
    EXPECT_EQ(other->patient_data, PatientDataAccess::kWithheld) << RoleName(reader);
  }
  // Analysts and auditors do not read consults at all, participant or not.
  for (Role outsider : {Role::kAnalyst, Role::kAuditor}) {
    EXPECT_EQ(Reason(Authorize(at::PersonCaller({outsider}), get, AsParticipant(true))),
              "ROLE_NOT_ALLOWED");
  }
  // A system sees what the person it acts for sees.
  absl::StatusOr<Decision> app = Authorize(
      at::DelegationCaller({Role::kClinician}, {"consult.read"}), get, AsParticipant(false));
  ASSERT_TRUE(app.ok());
  EXPECT_EQ(app->patient_data, PatientDataAccess::kWithheld);
  EXPECT_EQ(Reason(Authorize(at::SystemCaller({"consult.read"}), get, AsParticipant(true))),
            "PERSON_REQUIRED");
  // The conversation is for participants only.
  EXPECT_EQ(Reason(Authorize(at::PersonCaller({Role::kRegionAdmin}),
                             Rule("ConsultService/ListConsultMessages"), AsParticipant(false))),
            "NOT_A_PARTICIPANT");
}

TEST(Authorize, OnlyTheOfferedContactAcceptsAndOnlyTheAssigneeAnswers) {
  absl::StatusOr<Decision> accept = Authorize(
      at::PersonCaller({Role::kClinician}), Rule("ConsultService/AcceptConsult"),
      AsParticipant(false));
  EXPECT_EQ(Reason(accept), "NOT_A_PARTICIPANT");
  EXPECT_THAT(accept.status().message(), HasSubstr("offered_contact"));
  absl::StatusOr<Decision> answer = Authorize(
      at::PersonCaller({Role::kClinician}), Rule("ConsultService/AnswerConsult"),
      AsParticipant(true));
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer->patient_data, PatientDataAccess::kShown);
  // A care coordinator reads consults but does not answer them.
  EXPECT_EQ(Reason(Authorize(at::PersonCaller({Role::kCareCoordinator}),
                             Rule("ConsultService/AnswerConsult"), AsParticipant(true))),
            "ROLE_NOT_ALLOWED");
}

TEST(Authorize, AnInvitedNurseSeesTheConferenceAndOthersSeeItWithheld) {
  const RpcRule& get = Rule("ConferenceService/GetConference");
  absl::StatusOr<Decision> invited =
      Authorize(at::PersonCaller({Role::kMunicipalNurse}), get, AsParticipant(true));
  ASSERT_TRUE(invited.ok());
  EXPECT_EQ(invited->patient_data, PatientDataAccess::kShown);
  EXPECT_EQ(Reason(Authorize(at::PersonCaller({Role::kMunicipalNurse}), get,
                             AsParticipant(false))),
            "NOT_A_PARTICIPANT");
  absl::StatusOr<Decision> coordinator =
      Authorize(at::PersonCaller({Role::kCareCoordinator}), get, AsParticipant(false));
  ASSERT_TRUE(coordinator.ok());
  EXPECT_EQ(coordinator->patient_data, PatientDataAccess::kWithheld);
  absl::StatusOr<Decision> list = Authorize(at::PersonCaller({Role::kMunicipalNurse}),
                                            Rule("ConferenceService/ListConferences"),
                                            InOwnRegion());
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->patient_data, PatientDataAccess::kPerResource);
}

TEST(Authorize, MetricsAreForAnalystsAndRegionAdminsAndNeverCarryPatientData) {
  for (Role role : {Role::kAnalyst, Role::kRegionAdmin}) {
    absl::StatusOr<Decision> report =
        Authorize(at::PersonCaller({role}), Rule("MetricsService/QueryKpiReport"), InOwnRegion());
    ASSERT_TRUE(report.ok()) << RoleName(role);
    EXPECT_EQ(report->patient_data, PatientDataAccess::kNotCarried);
  }
  for (Role role : {Role::kClinician, Role::kCareCoordinator, Role::kAuditor}) {
    EXPECT_EQ(Reason(Authorize(at::PersonCaller({role}), Rule("MetricsService/ExportKpiCsv"),
                               InOwnRegion())),
              "ROLE_NOT_ALLOWED")
        << RoleName(role);
  }
  EXPECT_TRUE(Authorize(at::SystemCaller({"metrics.read"}), Rule("MetricsService/ListKpiSeries"),
                        InOwnRegion())
                  .ok());
  EXPECT_EQ(Reason(Authorize(at::PersonCaller({Role::kAnalyst}),
                             Rule("MetricsService/UpdateKpiTargets"), InOwnRegion())),
            "ROLE_NOT_ALLOWED");
  for (const RpcRule& rule : AllRules()) {
    if (absl::string_view(rule.method).find("MetricsService") == absl::string_view::npos) continue;
    EXPECT_EQ(rule.patient_data, PatientData::kNone) << rule.method;
  }
}

TEST(Authorize, OnlyAuditorsSearchTheAccessLog) {
  const RpcRule& search = Rule("AccessLogService/SearchAccessLog");
  EXPECT_TRUE(Authorize(at::PersonCaller({Role::kAuditor}), search, InOwnRegion()).ok());
  EXPECT_TRUE(
      Authorize(at::DelegationCaller({Role::kAuditor}, {"audit.read"}), search, InOwnRegion())
          .ok());
  for (Role role : {Role::kRegionAdmin, Role::kAnalyst, Role::kClinician}) {
    EXPECT_EQ(Reason(Authorize(at::PersonCaller({role}), search, InOwnRegion())),
              "ROLE_NOT_ALLOWED")
        << RoleName(role);
  }
  EXPECT_EQ(Reason(Authorize(at::SystemCaller({"audit.read"}), search, InOwnRegion())),
            "PERSON_REQUIRED");
}

TEST(Authorize, OnlySystemsWithMetricsIngestIngestEvents) {
  const RpcRule& ingest = Rule("MetricsService/IngestEvents");
  // The request names no region: each event carries its own.
  EXPECT_TRUE(Authorize(at::SystemCaller({"metrics.ingest"}), ingest, ResourceFacts{}).ok());
  EXPECT_EQ(Reason(Authorize(at::SystemCaller({"metrics.read"}), ingest, ResourceFacts{})),
            "ROLE_NOT_ALLOWED");
  EXPECT_EQ(Reason(Authorize(at::PersonCaller({Role::kRegionAdmin}), ingest, ResourceFacts{})),
            "ROLE_NOT_ALLOWED");
}

TEST(Authorize, AnotherRegionIsRefusedWhetherOrNotTheResourceExists) {
  absl::StatusOr<Decision> refused =
      Authorize(at::PersonCaller({Role::kClinician}), Rule("ConsultService/GetConsult"),
                ResourceFacts{at::kOtherRegion, {}, {}});
  EXPECT_EQ(Reason(refused), "REGION_MISMATCH");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  // Before the role, too: an analyst learns nothing about region 08's consults
  // that a clinician would not.
  EXPECT_EQ(Reason(Authorize(at::PersonCaller({Role::kAnalyst}), Rule("ConsultService/GetConsult"),
                             ResourceFacts{at::kOtherRegion, {}, {}})),
            "REGION_MISMATCH");
  // A caller of another region reads the region-free KPI catalogue.
  EXPECT_TRUE(Authorize(at::PersonCaller({Role::kAnalyst}, at::kOtherRegion),
                        Rule("MetricsService/ListKpiDefinitions"), InOwnRegion())
                  .ok());
}

TEST(Authorize, AFactTheRuleNeedsButTheServiceLeftOutIsAnInternalError) {
  EXPECT_EQ(Authorize(at::PersonCaller({Role::kClinician}), Rule("ConsultService/AnswerConsult"),
                      InOwnRegion())
                .status()
                .code(),
            absl::StatusCode::kInternal);
  // Even for a caller the part would not stop: the service must still look.
  EXPECT_EQ(Authorize(at::PersonCaller({Role::kRegionAdmin}), Rule("ConsultService/GetConsult"),
                      InOwnRegion())
                .status()
                .code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(Authorize(at::PersonCaller({Role::kClinician}), Rule("RosterService/Heartbeat"),
                      InOwnRegion())
                .status()
                .code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(Authorize(at::PersonCaller({Role::kClinician}), Rule("RosterService/GetUnit"),
                      ResourceFacts{})
                .status()
                .code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(Authorize(identity::Caller{}, Rule("RosterService/GetUnit"), InOwnRegion())
                .status()
                .code(),
            absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace samspar::auth
