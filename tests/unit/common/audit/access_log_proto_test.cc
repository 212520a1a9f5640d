#include "common/audit/access_log_proto.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::audit {
namespace {

using ::testing::ElementsAre;

AccessRecord IdentifyRecord() {
  return {.id = "01kb2x4m7r9t3v5w8y0z2c4e6g",
          .region = "06",
          .time = absl::FromUnixMicros(1'780'000'000'123'456),
          .actor = {.kind = ActorKind::kSystem,
                    .hsa_id = "SE2321000057-1001",
                    .client_id = "ehr-cosmic",
                    .unit_hsa_id = "SE2321000057-0001",
                    .roles = {identity::Role::kClinician, identity::Role::kCareCoordinator}},
          .patient = PatientId{.value = "189001019802"},
          .previous_patient = PatientId{.kind = PatientKind::kReservnummer,
                                        .value = "R-2026-0042",
                                        .issuing_region = "06",
                                        .issuing_unit = "SE2321000057-0002"},
          .resource = "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0d",
          .action = AccessAction::kIdentifyPatient,
          .method = "/samspar.v1.ConsultService/IdentifyConsultPatient",
          .service = "samspar.v1.ConsultService",
          .basis = AccessBasis::kAssignee,
          .outcome = AccessOutcome::kGranted,
          .peer = "ipv4:10.1.2.3:51234",
          .trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"};
}

TEST(AccessLogProtoTest, AnEntryIsNamedInItsRegionAndServiceAndCarriesEveryField) {
  v1::AccessLogEntry entry = ToProto(IdentifyRecord(), "consult");
  EXPECT_EQ(entry.name(),
            "regions/06/services/consult/accessLogEntries/01kb2x4m7r9t3v5w8y0z2c4e6g");
  EXPECT_EQ(entry.access_time().seconds(), 1'780'000'000);
  EXPECT_EQ(entry.access_time().nanos(), 123'456'000);
  EXPECT_EQ(entry.actor().kind(), v1::ACTOR_KIND_SYSTEM);
  EXPECT_EQ(entry.actor().practitioner().name(), "regions/06/practitioners/SE2321000057-1001");
  EXPECT_EQ(entry.actor().practitioner().hsa_id(), "SE2321000057-1001");
  EXPECT_EQ(entry.actor().client_id(), "ehr-cosmic");
  EXPECT_THAT(entry.actor().roles(),
              ElementsAre(v1::CALLER_ROLE_CLINICIAN, v1::CALLER_ROLE_CARE_COORDINATOR));
  EXPECT_EQ(entry.actor().unit().name(), "regions/06/units/SE2321000057-0001");
  EXPECT_EQ(entry.patient().kind(), v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  EXPECT_EQ(entry.patient().value(), "189001019802");
  EXPECT_EQ(entry.patient().issuing_region(), "");
  EXPECT_EQ(entry.previous_patient().kind(), v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  EXPECT_EQ(entry.previous_patient().value(), "R-2026-0042");
  EXPECT_EQ(entry.previous_patient().issuing_region(), "regions/06");
  EXPECT_EQ(entry.previous_patient().issuing_unit(), "regions/06/units/SE2321000057-0002");
  EXPECT_EQ(entry.resource(), "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0d");
  EXPECT_EQ(entry.action(), v1::ACCESS_ACTION_IDENTIFY_PATIENT);
  EXPECT_EQ(entry.query_kind(), v1::ACCESS_LOG_QUERY_KIND_UNSPECIFIED);
  EXPECT_EQ(entry.method(), "/samspar.v1.ConsultService/IdentifyConsultPatient");
  EXPECT_EQ(entry.service(), "samspar.v1.ConsultService");
  EXPECT_EQ(entry.basis(), v1::ACCESS_BASIS_ASSIGNEE);
  EXPECT_EQ(entry.outcome(), v1::ACCESS_OUTCOME_GRANTED);
  EXPECT_EQ(entry.peer(), "ipv4:10.1.2.3:51234");
  EXPECT_EQ(entry.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
}

// The stored names and the API's values agree for every value: the log
// reads the same in the table and on the wire.
TEST(AccessLogProtoTest, EveryValueHasTheApisNameAndNumber) {
  AccessRecord record = IdentifyRecord();
  for (AccessAction action :
       {AccessAction::kRead, AccessAction::kList, AccessAction::kStream, AccessAction::kCreate,
        AccessAction::kUpdate, AccessAction::kIdentifyPatient, AccessAction::kSearchAccessLog}) {
    record.action = action;
    EXPECT_EQ(v1::AccessAction_Name(ToProto(record, "consult").action()),
              absl::StrCat("ACCESS_ACTION_", NameOf(action)));
  }
  for (AccessBasis basis :
       {AccessBasis::kRequester, AccessBasis::kOfferedContact, AccessBasis::kAssignee,
        AccessBasis::kOrganiser, AccessBasis::kRequesterUnitCareCoordinator,
        AccessBasis::kInvitedParticipant, AccessBasis::kAudit, AccessBasis::kNone}) {
    record.basis = basis;
    EXPECT_EQ(v1::AccessBasis_Name(ToProto(record, "consult").basis()),
              absl::StrCat("ACCESS_BASIS_", NameOf(basis)));
  }
  for (AccessOutcome outcome :
       {AccessOutcome::kGranted, AccessOutcome::kDenied, AccessOutcome::kFailed}) {
    record.outcome = outcome;
    EXPECT_EQ(v1::AccessOutcome_Name(ToProto(record, "consult").outcome()),
              absl::StrCat("ACCESS_OUTCOME_", NameOf(outcome)));
  }
  for (QueryKind kind :
       {QueryKind::kNone, QueryKind::kByPatient, QueryKind::kByUser, QueryKind::kByClient}) {
    record.query_kind = kind;
    EXPECT_EQ(v1::AccessLogQueryKind_Name(ToProto(record, "consult").query_kind()),
              absl::StrCat("ACCESS_LOG_QUERY_KIND_", NameOf(kind)));
  }
  for (ActorKind kind : {ActorKind::kPerson, ActorKind::kSystem, ActorKind::kSamspar}) {
    record.actor.kind = kind;
    EXPECT_EQ(v1::ActorKind_Name(ToProto(record, "consult").actor().kind()),
              absl::StrCat("ACTOR_KIND_", NameOf(kind)));
  }
  for (PatientKind kind :
       {PatientKind::kPersonnummer, PatientKind::kSamordningsnummer, PatientKind::kReservnummer}) {
    record.patient->kind = kind;
    EXPECT_EQ(v1::PatientIdentifierKind_Name(ToProto(record, "consult").patient().kind()),
              absl::StrCat("PATIENT_IDENTIFIER_KIND_", NameOf(kind)));
  }
}

TEST(AccessLogProtoTest, ARequestBecomesItsPlainForm) {
  v1::SearchAccessLogRequest request;
  request.set_parent("regions/06/services/consult");
  request.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  request.mutable_patient()->set_value("R-2026-0042");
  request.mutable_patient()->set_issuing_region("regions/06");
  request.mutable_time_range()->mutable_start_time()->set_seconds(1'780'000'000);
  request.mutable_time_range()->mutable_start_time()->set_nanos(5'000);
  request.set_filter("outcome = ACCESS_OUTCOME_DENIED");
  request.set_page_size(7);
  request.set_page_token("abc");

  SearchRequest plain = FromProto(request);
  EXPECT_EQ(plain.parent, "regions/06/services/consult");
  EXPECT_EQ(plain.subject, QueryKind::kByPatient);
  EXPECT_EQ(plain.patient.kind, PatientKind::kReservnummer);
  EXPECT_EQ(plain.patient.value, "R-2026-0042");
  EXPECT_EQ(plain.patient.issuing_region, "regions/06");
  ASSERT_TRUE(plain.time_range.has_value());
  EXPECT_EQ(plain.time_range->start_time, absl::FromUnixMicros(1'780'000'000'000'005));
  EXPECT_FALSE(plain.time_range->end_time.has_value());
  EXPECT_EQ(plain.filter, "outcome = ACCESS_OUTCOME_DENIED");
  EXPECT_EQ(plain.page_size, 7);
  EXPECT_EQ(plain.page_token, "abc");

  request.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_UNSPECIFIED);
  EXPECT_FALSE(FromProto(request).patient.kind.has_value());
  request.set_client_id("ehr-cosmic");
  EXPECT_EQ(FromProto(request).subject, QueryKind::kByClient);
  request.set_user_hsa_id("SE2321000057-9001");
  EXPECT_EQ(FromProto(request).subject, QueryKind::kByUser);
  request.clear_subject();
  EXPECT_EQ(FromProto(request).subject, QueryKind::kNone);
}

}  // namespace
}  // namespace samspar::audit
