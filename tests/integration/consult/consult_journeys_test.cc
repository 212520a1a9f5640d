// The journeys of the consult's users on each track over real gRPC, with the
// roster and Redis running: a GP reaching the bakjour and closing the loop,
// a semi-acute question on a Saturday, an ambulance crew reaching the health
// centre, a municipal nurse reaching the named GP, retried creates, refused
// transitions, cancelling, handing over, patient data and its access log,
// the conversation, and each person's lists. Every refusal is checked to
// leave the consult as it was (the same etag).

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "common/status/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/consult/consult_fixture.h"

namespace samspar::consult::testing {
namespace {

using roster::testing::Reason;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

constexpr absl::Duration kAckTimeout = absl::Minutes(5);  // each step of AcuteLine
constexpr char kFallbackPhone[] = "+46361020000";         // AcuteLine's switchboard
constexpr char kReserveNumber[] = "R123456";

std::string NameOf(const identity::Person& person) { return "regions/06/practitioners/" + person.hsa_id; }

std::string ErrorMetadata(const grpc::Status& status, absl::string_view key) {
  return Metadata(FromGrpcStatus(status), key);
}

std::vector<std::string> Names(const std::vector<v1::Consult>& consults) {
  std::vector<std::string> names;
  for (const v1::Consult& consult : consults) names.push_back(consult.name());
  return names;
}

// The samordningsnummer of the same birth date and number as `personnummer`
// (YYYYMMDDNNNC): the day plus 60, with its own check digit.
std::string SamordningsnummerLike(const std::string& personnummer) {
  std::string number = personnummer;
  number.replace(6, 2, std::to_string(std::stoi(number.substr(6, 2)) + 60));
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    const int product = (number[2 + i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += product / 10 + product % 10;
  }
  number[11] = static_cast<char>('0' + (10 - sum % 10) % 10);
  return number;
}

v1::PatientIdentifier ReserveNumber() {
  v1::PatientIdentifier patient;
  patient.set_kind(v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  patient.set_value(kReserveNumber);
  patient.set_issuing_region("regions/06");
  return patient;
}

class ConsultJourneyTest : public ConsultFixture {
 protected:
  std::vector<v1::Consult> List(const identity::Person& as,
                                v1::ConsultRelation relation = v1::CONSULT_RELATION_UNSPECIFIED) {
    v1::ListConsultsRequest request;
    request.set_parent("regions/06");
    request.set_relation(relation);
    request.set_page_size(100);
    v1::ListConsultsResponse response;
    grpc::Status status = Consults().ListConsults(As(as).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.consults().begin(), response.consults().end()};
  }

  // A GP's acute consult on `line`, accepted by Dr Berg.
  v1::Consult AcceptedByBerg(const v1::Line& line) {
    const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name())));
    v1::Consult accepted;
    grpc::Status status = Accept(created.name(), DoctorCaller("D001"), &accepted);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return accepted;
  }

  // Hands the consult over to a practitioner or a line (by resource name).
  grpc::Status HandOver(const std::string& name, const identity::Person& as, const std::string& to,
                        v1::Consult* handed = nullptr) {
    v1::ReassignConsultRequest request;
    request.set_name(name);
    if (absl::StrContains(to, "/lines/")) {
      request.set_line(to);
    } else {
      request.set_practitioner(to);
    }
    request.set_note("Skiftbyte: EKG tas 14.00, bedöm svaret.");
    v1::Consult response;
    grpc::Status status = Consults().ReassignConsult(As(as).get(), request, &response);
    if (handed != nullptr) *handed = response;
    return status;
  }

  grpc::Status RecordOutcome(const std::string& name, const identity::Person& as, v1::ConsultOutcome outcome,
                             v1::Consult* recorded = nullptr) {
    v1::RecordConsultOutcomeRequest request;
    request.set_name(name);
    request.set_outcome(outcome);
    request.set_outcome_note("Försämrades efter en timme");
    v1::Consult response;
    grpc::Status status = Consults().RecordConsultOutcome(As(as).get(), request, &response);
    if (recorded != nullptr) *recorded = response;
    return status;
  }

  grpc::Status Identify(const std::string& name, const identity::Person& as, const v1::PatientIdentifier& patient,
                        v1::Consult* identified = nullptr) {
    v1::IdentifyConsultPatientRequest request;
    request.set_name(name);
    *request.mutable_patient() = patient;
    v1::Consult response;
    grpc::Status status = Consults().IdentifyConsultPatient(As(as).get(), request, &response);
    if (identified != nullptr) *identified = response;
    return status;
  }

  grpc::Status ListMessages(const std::string& consult, const identity::Person& as,
                            std::vector<v1::ConsultMessage>& messages) {
    v1::ListConsultMessagesRequest request;
    request.set_parent(consult);
    v1::ListConsultMessagesResponse response;
    grpc::Status status = Consults().ListConsultMessages(As(as).get(), request, &response);
    messages.assign(response.messages().begin(), response.messages().end());
    return status;
  }

  int CountOf(v1::EventType type) {
    int count = 0;
    for (v1::EventType event : OutboxEvents()) count += event == type;
    return count;
  }

  // The consults about `patient` that `as` takes part in (an EHR's patient view).
  std::vector<v1::Consult> ListAbout(const v1::PatientIdentifier& patient, const identity::Person& as) {
    v1::ListConsultsRequest request;
    request.set_parent("regions/06");
    *request.mutable_patient() = patient;
    v1::ListConsultsResponse response;
    grpc::Status status = Consults().ListConsults(As(as).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.consults().begin(), response.consults().end()};
  }
};

// ---------------------------------------------------------------------------
// Acute track
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, AGpAsksTheBakjourWhoAcceptsAndAnswersAndTheGpClosesTheLoop) {
  const v1::Line line = StaffedAcuteLine();
  const absl::Time asked = clock_.Now();
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name())));
  ASSERT_EQ(created.state(), v1::CONSULT_STATE_OFFERED);
  EXPECT_EQ(created.requester().name(), NameOf(kGpRequester));
  EXPECT_EQ(created.requester_role(), v1::CALLER_ROLE_CLINICIAN);
  EXPECT_EQ(created.current_offer().practitioner().name(), Doctor("D001"));

  clock_.Advance(absl::Minutes(2));
  v1::Consult accepted;
  grpc::Status status = Accept(created.name(), DoctorCaller("D001"), &accepted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(accepted.state(), v1::CONSULT_STATE_ACCEPTED);
  EXPECT_EQ(accepted.assignee().name(), Doctor("D001"));
  EXPECT_FALSE(accepted.has_current_offer());
  EXPECT_EQ(api::FromProto(accepted.time_to_accept()), absl::Minutes(2));
  EXPECT_EQ(api::FromProto(accepted.accept_time()), asked + absl::Minutes(2));

  clock_.Advance(absl::Minutes(10));
  v1::Consult answered;
  status = Answer(created.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_DIRECT_ADMISSION, &answered);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answered.state(), v1::CONSULT_STATE_ANSWERED);
  EXPECT_EQ(api::FromProto(answered.time_to_answer()), absl::Minutes(12));
  EXPECT_EQ(api::FromProto(answered.time_to_accept()), absl::Minutes(2));

  // The GP reads the answer and closes the loop.
  const v1::Consult read = Get(created.name());
  EXPECT_THAT(read.answer(), HasSubstr("inläggning"));
  EXPECT_EQ(read.outcome(), v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  EXPECT_EQ(read.outcome_recorded_by().practitioner().name(), Doctor("D001"));
  clock_.Advance(absl::Minutes(1));
  v1::Consult closed;
  status = Close(created.name(), kGpRequester, &closed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(closed.state(), v1::CONSULT_STATE_CLOSED);
  EXPECT_EQ(api::FromProto(closed.close_time()), clock_.Now());
  EXPECT_EQ(api::FromProto(closed.end_time()), clock_.Now());
  EXPECT_FALSE(closed.has_auto_close_time());

  const v1::Consult consult = Get(created.name());
  ASSERT_THAT(Actions(consult), ElementsAre(v1::CONSULT_HISTORY_ACTION_CREATED, v1::CONSULT_HISTORY_ACTION_OFFERED,
                                            v1::CONSULT_HISTORY_ACTION_ACCEPTED, v1::CONSULT_HISTORY_ACTION_ANSWERED,
                                            v1::CONSULT_HISTORY_ACTION_CLOSED));
  EXPECT_EQ(consult.history(0).actor().practitioner().name(), NameOf(kGpRequester));
  EXPECT_EQ(consult.history(1).subject().name(), Doctor("D001"));
  EXPECT_EQ(consult.history(1).line(), line.name());
  EXPECT_EQ(consult.history(2).actor().practitioner().name(), Doctor("D001"));
  EXPECT_EQ(consult.history(2).subject().name(), Doctor("D001"));
  EXPECT_EQ(consult.history(3).actor().practitioner().name(), Doctor("D001"));
  EXPECT_THAT(consult.history(3).note(), HasSubstr("DIRECT_ADMISSION"));
  EXPECT_EQ(consult.history(4).actor().practitioner().name(), NameOf(kGpRequester));
  EXPECT_EQ(consult.history(4).state(), v1::CONSULT_STATE_CLOSED);
  EXPECT_THAT(OutboxEvents(), ElementsAre(v1::EVENT_TYPE_CONSULT_CREATED, v1::EVENT_TYPE_CONSULT_OFFERED,
                                          v1::EVENT_TYPE_CONSULT_ACCEPTED, v1::EVENT_TYPE_CONSULT_ANSWERED,
                                          v1::EVENT_TYPE_CONSULT_CLOSED));
}

TEST_F(ConsultJourneyTest, OffersAreMadeByRoutingNotByThePersonWhoseCallLedToThem) {
  const v1::Line line = StaffedAcuteLine();
  AddBackup(line.name(), Doctor("D002"));
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name())));
  ASSERT_TRUE(Decline(created.name(), DoctorCaller("D001"), v1::DECLINE_REASON_BUSY).ok());
  const v1::Consult consult = Get(created.name());
  ASSERT_THAT(Actions(consult),
              ElementsAre(v1::CONSULT_HISTORY_ACTION_CREATED, v1::CONSULT_HISTORY_ACTION_OFFERED,
                          v1::CONSULT_HISTORY_ACTION_OFFER_DECLINED, v1::CONSULT_HISTORY_ACTION_OFFERED));
  // The GP asked and Dr Berg declined; neither chose whom it was offered to.
  EXPECT_EQ(consult.history(0).actor().practitioner().name(), NameOf(kGpRequester));
  EXPECT_EQ(consult.history(1).actor().kind(), v1::ACTOR_KIND_SAMSPAR);
  EXPECT_EQ(consult.history(2).actor().practitioner().name(), Doctor("D001"));
  EXPECT_EQ(consult.history(3).actor().kind(), v1::ACTOR_KIND_SAMSPAR);
  EXPECT_EQ(consult.history(3).subject().name(), Doctor("D002"));
}

// ---------------------------------------------------------------------------
// Semi-acute track, and the refusals of routing
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, OnASaturdayTheWeekdayLineRefusesWithWhenItOpensAndAnOpenAcuteLine) {
  const v1::Line acute = StaffedAcuteLine();
  const v1::Line cardiology = WeekdayCardiology();
  clock_.Set(saturday_);
  v1::Consult created;
  grpc::Status status = Create(Ask(v1::TRACK_SEMI_ACUTE, LineTarget(cardiology.name())), created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "LINE_CLOSED");
  EXPECT_EQ(ErrorMetadata(status, "line"), cardiology.name());
  EXPECT_EQ(ErrorMetadata(status, "alternative_line"), acute.name());
  absl::Time opens;
  std::string unreadable;
  ASSERT_TRUE(absl::ParseTime(absl::RFC3339_full, ErrorMetadata(status, "next_open_time"), &opens, &unreadable))
      << unreadable;
  EXPECT_EQ(opens, Stockholm(2026, 3, 16, 8));  // Monday morning
  EXPECT_THAT(status.error_message(), HasSubstr(acute.display_name()));
  // Nothing was stored.
  EXPECT_THAT(List(kGpRequester, v1::CONSULT_RELATION_REQUESTED_BY_ME), IsEmpty());
  EXPECT_THAT(OutboxEvents(), IsEmpty());
}

TEST_F(ConsultJourneyTest, ASpecialtyIsRoutedToItsLineWhenTheLineIsOpen) {
  const v1::Line cardiology = WeekdayCardiology();
  MustCreateRotation(cardiology.name(), roster::testing::DailyRotation({Doctor("D003")}, absl::CivilDay(2026, 3, 1)));
  v1::ConsultTarget cardiologist;
  cardiologist.set_specialty("cardiology");

  clock_.Set(saturday_);
  v1::Consult refused;
  grpc::Status status = Create(Ask(v1::TRACK_SEMI_ACUTE, cardiologist), refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "LINE_CLOSED");
  EXPECT_EQ(ErrorMetadata(status, "line"), cardiology.name());

  clock_.Set(Stockholm(2026, 3, 16, 10));  // Monday
  const v1::Consult consult = MustCreate(Ask(v1::TRACK_SEMI_ACUTE, cardiologist));
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_OFFERED);
  EXPECT_EQ(consult.routed_line(), cardiology.name());
  EXPECT_EQ(consult.routed_line_display_name(), "Kardiologkonsult");
  EXPECT_EQ(consult.current_offer().practitioner().name(), Doctor("D003"));
  EXPECT_EQ(consult.target().specialty(), "cardiology");
  EXPECT_THAT(Names(List(kGpRequester, v1::CONSULT_RELATION_REQUESTED_BY_ME)), ElementsAre(consult.name()));
}

TEST_F(ConsultJourneyTest, ALineThatDoesNotExistIsNotFoundAndNothingIsStored) {
  v1::Consult created;
  grpc::Status status =
      Create(Ask(v1::TRACK_ACUTE, LineTarget("regions/06/lines/" + ids::NewResourceId(clock_.Now()))), created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(status), "LINE_NOT_FOUND");
  EXPECT_THAT(List(kGpRequester, v1::CONSULT_RELATION_REQUESTED_BY_ME), IsEmpty());
  EXPECT_THAT(OutboxEvents(), IsEmpty());
}

TEST_F(ConsultJourneyTest, ALineWithNobodyScheduledRefusesWithItsFallbackPhone) {
  const v1::Line unstaffed = MustCreateLine(roster::testing::AcuteLine("Bakjour kirurgi"));
  v1::Consult created;
  grpc::Status status = Create(Ask(v1::TRACK_ACUTE, LineTarget(unstaffed.name())), created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "NO_ONE_ON_CALL");
  EXPECT_EQ(ErrorMetadata(status, "line"), unstaffed.name());
  EXPECT_EQ(ErrorMetadata(status, "fallback_phone"), kFallbackPhone);
  EXPECT_THAT(List(kGpRequester, v1::CONSULT_RELATION_REQUESTED_BY_ME), IsEmpty());
  EXPECT_THAT(OutboxEvents(), IsEmpty());
}

TEST_F(ConsultJourneyTest, ALineWhoseOnlyOnCallIsOfflineRefusesWithItsFallbackPhone) {
  const v1::Line line = StaffedAcuteLine();
  SetPresence("SE2321000057-D001", v1::PRESENCE_STATE_OFFLINE);
  v1::Consult created;
  grpc::Status status = Create(Ask(v1::TRACK_ACUTE, LineTarget(line.name())), created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "NO_ONE_ON_CALL");
  EXPECT_EQ(ErrorMetadata(status, "fallback_phone"), kFallbackPhone);
  EXPECT_THAT(List(kGpRequester, v1::CONSULT_RELATION_REQUESTED_BY_ME), IsEmpty());
}

// ---------------------------------------------------------------------------
// Accessible primary care
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, AnAmbulanceCrewAsksTheHealthCentreAndLaterRecordsWhereThePatientWent) {
  const v1::Line health_centre = HealthCentreWithFilial();
  v1::ConsultTarget unit;
  unit.mutable_unit()->set_name(kHealthCentre);
  const v1::Consult created = MustCreate(
      Ask(v1::TRACK_ACCESSIBLE_PRIMARY_CARE, unit, "Yrsel sedan i går, stabila vitalparametrar. Kan han stanna hemma?"),
      kAmbulanceCrew);
  ASSERT_EQ(created.state(), v1::CONSULT_STATE_OFFERED);
  EXPECT_EQ(created.requester_role(), v1::CALLER_ROLE_AMBULANCE_CLINICIAN);
  EXPECT_EQ(created.requester_unit_type(), v1::UNIT_TYPE_AMBULANCE_STATION);
  EXPECT_EQ(created.requester_unit().name(), "regions/06/units/SE2321000057-A001");
  EXPECT_EQ(created.routed_line(), health_centre.name());
  EXPECT_EQ(created.current_offer().practitioner().name(), Doctor("D002"));

  // There is no outcome to correct before the answer.
  grpc::Status status = RecordOutcome(created.name(), kAmbulanceCrew, v1::CONSULT_OUTCOME_AMBULANCE_TO_ED);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "CONSULT_NOT_ANSWERED");
  v1::Consult accepted;
  status = Accept(created.name(), DoctorCaller("D002"), &accepted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // A hospital's outcome is not one an ambulance crew's consult can have.
  status = Answer(created.name(), DoctorCaller("D002"), v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(status), "OUTCOME_NOT_FOR_REQUESTER");
  EXPECT_EQ(Get(created.name(), kAmbulanceCrew).etag(), accepted.etag());

  v1::Consult answered;
  status = Answer(created.name(), DoctorCaller("D002"), v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE, &answered);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answered.state(), v1::CONSULT_STATE_ANSWERED);
  EXPECT_EQ(answered.outcome(), v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE);

  // An hour later the crew takes the patient to the ED after all.
  clock_.Advance(absl::Hours(1));
  v1::Consult corrected;
  status = RecordOutcome(created.name(), kAmbulanceCrew, v1::CONSULT_OUTCOME_AMBULANCE_TO_ED, &corrected);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(corrected.state(), v1::CONSULT_STATE_ANSWERED);
  EXPECT_EQ(corrected.outcome(), v1::CONSULT_OUTCOME_AMBULANCE_TO_ED);
  EXPECT_EQ(corrected.outcome_recorded_by().practitioner().name(), NameOf(kAmbulanceCrew));
  const v1::Consult consult = Get(created.name(), kAmbulanceCrew);
  EXPECT_THAT(Actions(consult), ElementsAre(v1::CONSULT_HISTORY_ACTION_CREATED, v1::CONSULT_HISTORY_ACTION_OFFERED,
                                            v1::CONSULT_HISTORY_ACTION_ACCEPTED, v1::CONSULT_HISTORY_ACTION_ANSWERED,
                                            v1::CONSULT_HISTORY_ACTION_OUTCOME_RECORDED));
  const v1::ConsultHistoryEntry& recorded = consult.history(consult.history_size() - 1);
  EXPECT_EQ(recorded.actor().practitioner().name(), NameOf(kAmbulanceCrew));
  EXPECT_THAT(recorded.note(), HasSubstr("AMBULANCE_TO_ED"));
  // The answer's outcome stays in the history.
  EXPECT_THAT(consult.history(3).note(), HasSubstr("AMBULANCE_TREATED_ON_SCENE"));
  ASSERT_FALSE(OutboxEvents().empty());
  EXPECT_EQ(OutboxEvents().back(), v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED);
}

TEST_F(ConsultJourneyTest, AGpMayNotRecordTheOutcomeOfAnAcuteConsultTheyAsked) {
  const v1::Consult accepted = AcceptedByBerg(StaffedAcuteLine());
  v1::Consult answered;
  ASSERT_TRUE(Answer(accepted.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_DIRECT_ADMISSION, &answered).ok());
  grpc::Status status = RecordOutcome(accepted.name(), kGpRequester, v1::CONSULT_OUTCOME_SENT_TO_ED);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(status), "NOT_A_PARTICIPANT");
  const v1::Consult consult = Get(accepted.name());
  EXPECT_EQ(consult.etag(), answered.etag());
  EXPECT_EQ(consult.outcome(), v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  // The assignee may correct it.
  status = RecordOutcome(accepted.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_SENT_TO_ED);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Get(accepted.name()).outcome(), v1::CONSULT_OUTCOME_SENT_TO_ED);
}

TEST_F(ConsultJourneyTest, AMunicipalNurseReachesTheNamedGpFirstAndTheHealthCentreLineWhenTheGpDoesNotAnswer) {
  const v1::Line health_centre = HealthCentreWithFilial();
  const v1::Consult created = MustCreate(
      Ask(v1::TRACK_ACCESSIBLE_PRIMARY_CARE, PractitionerTarget(kGp), "Ökad andfåddhet, saturation 91 %. Åtgärd?"),
      kMunicipalNurse);
  ASSERT_EQ(created.state(), v1::CONSULT_STATE_OFFERED);
  EXPECT_EQ(created.requester_role(), v1::CALLER_ROLE_MUNICIPAL_NURSE);
  EXPECT_EQ(created.requester_unit_type(), v1::UNIT_TYPE_MUNICIPAL_UNIT);
  const v1::ConsultOffer& offer = created.current_offer();
  EXPECT_EQ(offer.practitioner().name(), kGp);
  EXPECT_FALSE(offer.has_escalation_step());  // off the steps
  EXPECT_FALSE(offer.has_escalation_round());
  EXPECT_EQ(offer.line(), health_centre.name());  // the line it falls back to
  EXPECT_EQ(created.routed_line(), health_centre.name());
  EXPECT_EQ(api::FromProto(offer.expire_time()), clock_.Now() + kAckTimeout);

  clock_.Advance(kAckTimeout + absl::Seconds(1));
  absl::StatusOr<int> swept = Service().RunDueTimers();
  ASSERT_TRUE(swept.ok()) << swept.status();
  EXPECT_EQ(*swept, 1);
  const v1::Consult consult = Get(created.name(), kMunicipalNurse);
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_ESCALATED);
  EXPECT_EQ(consult.current_offer().practitioner().name(), Doctor("D002"));
  EXPECT_EQ(consult.current_offer().line(), health_centre.name());
  ASSERT_TRUE(consult.current_offer().has_escalation_step());
  EXPECT_EQ(consult.current_offer().escalation_step(), 0);
  EXPECT_EQ(consult.current_offer().escalation_round(), 0);
  EXPECT_THAT(Actions(consult),
              ElementsAre(v1::CONSULT_HISTORY_ACTION_CREATED, v1::CONSULT_HISTORY_ACTION_OFFERED,
                          v1::CONSULT_HISTORY_ACTION_OFFER_TIMED_OUT, v1::CONSULT_HISTORY_ACTION_OFFERED));
  EXPECT_EQ(consult.history(2).subject().name(), kGp);
  EXPECT_EQ(consult.history(2).actor().kind(), v1::ACTOR_KIND_SAMSPAR);
  // The GP's offer is over: they no longer see the patient.
  EXPECT_TRUE(Get(created.name(), PersonWith("SE2321000057-G001", identity::Role::kClinician)).patient_data_withheld());
}

TEST_F(ConsultJourneyTest, WhenTheNamedGpIsOfflineTheNursesConsultGoesStraightToTheLine) {
  const v1::Line health_centre = HealthCentreWithFilial();
  SetPresence("SE2321000057-G001", v1::PRESENCE_STATE_OFFLINE);
  const v1::Consult consult =
      MustCreate(Ask(v1::TRACK_ACCESSIBLE_PRIMARY_CARE, PractitionerTarget(kGp), "Fallit i hemmet, ont i höften."),
                 kMunicipalNurse);
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_OFFERED);
  EXPECT_EQ(consult.routed_line(), health_centre.name());
  EXPECT_EQ(consult.current_offer().practitioner().name(), Doctor("D002"));
  ASSERT_TRUE(consult.current_offer().has_escalation_step());
  EXPECT_EQ(consult.current_offer().escalation_step(), 0);
  EXPECT_THAT(Actions(consult), ElementsAre(v1::CONSULT_HISTORY_ACTION_CREATED, v1::CONSULT_HISTORY_ACTION_OFFERED));
}

// ---------------------------------------------------------------------------
// Retried creates
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, ACreateRetriedWithItsRequestIdReturnsTheFirstConsult) {
  const v1::CreateConsultRequest request = Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name()));
  const v1::Consult first = MustCreate(request);
  const v1::Consult retried = MustCreate(request);
  EXPECT_EQ(retried.name(), first.name());
  EXPECT_EQ(retried.etag(), first.etag());
  EXPECT_THAT(Names(List(kGpRequester, v1::CONSULT_RELATION_REQUESTED_BY_ME)), ElementsAre(first.name()));
  EXPECT_EQ(CountOf(v1::EVENT_TYPE_CONSULT_CREATED), 1);

  v1::CreateConsultRequest another = request;
  another.mutable_consult()->set_question("Annan patient: feber och hosta, lunginflammation?");
  v1::Consult refused;
  grpc::Status status = Create(another, refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(status), "REQUEST_ID_REUSED");
  EXPECT_THAT(Names(List(kGpRequester, v1::CONSULT_RELATION_REQUESTED_BY_ME)), ElementsAre(first.name()));
  EXPECT_EQ(Get(first.name()).etag(), first.etag());
}

TEST_F(ConsultJourneyTest, SimultaneousCreatesWithOneRequestIdMakeOneConsult) {
  const v1::CreateConsultRequest request = Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name()));
  constexpr int kCallers = 4;
  std::vector<v1::Consult> created(kCallers);
  std::vector<grpc::Status> statuses(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] { statuses[i] = Create(request, created[i]); });
  }
  for (std::thread& caller : callers) caller.join();
  for (int i = 0; i < kCallers; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    EXPECT_EQ(created[i].name(), created[0].name());
  }
  EXPECT_THAT(Names(List(kGpRequester, v1::CONSULT_RELATION_REQUESTED_BY_ME)), ElementsAre(created[0].name()));
  EXPECT_EQ(CountOf(v1::EVENT_TYPE_CONSULT_CREATED), 1);
  EXPECT_EQ(CountOf(v1::EVENT_TYPE_CONSULT_OFFERED), 1);
}

// ---------------------------------------------------------------------------
// Refused transitions
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, AnOfferedConsultCannotBeAnsweredBeforeItIsAccepted) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name())));
  // Only the assignee answers, and an offered consult has none yet.
  grpc::Status status = Answer(created.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(status), "NOT_A_PARTICIPANT");
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(consult.etag(), created.etag());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_OFFERED);
}

TEST_F(ConsultJourneyTest, AnAcceptedConsultCannotBeClosedBeforeItIsAnswered) {
  const v1::Consult accepted = AcceptedByBerg(StaffedAcuteLine());
  grpc::Status status = Close(accepted.name(), kGpRequester);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(ErrorMetadata(status, "state"), "CONSULT_STATE_ACCEPTED");
  EXPECT_EQ(Get(accepted.name()).etag(), accepted.etag());
}

TEST_F(ConsultJourneyTest, AClosedConsultCannotBeCancelled) {
  const v1::Consult accepted = AcceptedByBerg(StaffedAcuteLine());
  ASSERT_TRUE(Answer(accepted.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED).ok());
  v1::Consult closed;
  ASSERT_TRUE(Close(accepted.name(), kGpRequester, &closed).ok());
  grpc::Status status = Cancel(accepted.name(), kGpRequester);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(ErrorMetadata(status, "state"), "CONSULT_STATE_CLOSED");
  const v1::Consult consult = Get(accepted.name());
  EXPECT_EQ(consult.etag(), closed.etag());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_CLOSED);
}

TEST_F(ConsultJourneyTest, ACancelledConsultCannotBeAccepted) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name())));
  v1::Consult cancelled;
  ASSERT_TRUE(Cancel(created.name(), kGpRequester, &cancelled).ok());
  // Dr Berg's app still rang when he pressed accept.
  grpc::Status status = Accept(created.name(), DoctorCaller("D001"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(ErrorMetadata(status, "state"), "CONSULT_STATE_CANCELLED");
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(consult.etag(), cancelled.etag());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_CANCELLED);
  EXPECT_FALSE(consult.has_assignee());
}

TEST_F(ConsultJourneyTest, AChangeMadeOnAStaleEtagIsRefused) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name())));
  v1::Consult accepted;
  ASSERT_TRUE(Accept(created.name(), DoctorCaller("D001"), &accepted).ok());
  // The GP's screen still shows the consult as offered.
  v1::CancelConsultRequest request;
  request.set_name(created.name());
  request.set_etag(created.etag());
  request.set_reason("Patienten har åkt till akuten");
  v1::Consult cancelled;
  grpc::Status status = Consults().CancelConsult(As(kGpRequester).get(), request, &cancelled);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Reason(status), "ETAG_MISMATCH");
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(consult.etag(), accepted.etag());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_ACCEPTED);
  // With the etag it read again, the GP's cancel goes through.
  request.set_etag(consult.etag());
  status = Consults().CancelConsult(As(kGpRequester).get(), request, &cancelled);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(cancelled.state(), v1::CONSULT_STATE_CANCELLED);
  EXPECT_EQ(cancelled.assignee().name(), Doctor("D001"));  // kept: who held it when it was withdrawn
}

// ---------------------------------------------------------------------------
// Cancelling
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, TheRequesterCancelsAnOfferedConsultAndTheOfferIsWithdrawn) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name())));
  // Neither a stranger nor the offered contact may cancel it.
  for (const identity::Person& other : {DoctorCaller("D005"), DoctorCaller("D001")}) {
    grpc::Status status = Cancel(created.name(), other);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << other.hsa_id;
    EXPECT_EQ(Reason(status), "NOT_A_PARTICIPANT") << other.hsa_id;
  }
  EXPECT_EQ(Get(created.name()).etag(), created.etag());

  v1::Consult cancelled;
  grpc::Status status = Cancel(created.name(), kGpRequester, &cancelled);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(cancelled.state(), v1::CONSULT_STATE_CANCELLED);
  EXPECT_FALSE(cancelled.has_current_offer());
  EXPECT_EQ(cancelled.cancel_reason(), "Patienten har åkt till akuten");
  EXPECT_EQ(api::FromProto(cancelled.end_time()), clock_.Now());
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(consult.history(consult.history_size() - 1).action(), v1::CONSULT_HISTORY_ACTION_CANCELLED);
  EXPECT_EQ(consult.history(consult.history_size() - 1).actor().practitioner().name(), NameOf(kGpRequester));
  EXPECT_EQ(OutboxEvents().back(), v1::EVENT_TYPE_CONSULT_CANCELLED);
  // Dr Berg's offer is gone: he no longer sees the patient, and its timer
  // changes nothing.
  const v1::Consult as_berg = Get(created.name(), DoctorCaller("D001"));
  EXPECT_TRUE(as_berg.patient_data_withheld());
  EXPECT_FALSE(as_berg.has_patient());
  clock_.Advance(kAckTimeout + absl::Seconds(1));
  absl::StatusOr<int> swept = Service().RunDueTimers();
  ASSERT_TRUE(swept.ok()) << swept.status();
  EXPECT_EQ(*swept, 0);
  EXPECT_EQ(Get(created.name()).etag(), cancelled.etag());
}

// ---------------------------------------------------------------------------
// Handing over
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, TheAssigneeHandsOverToANamedColleagueWhoAccepts) {
  const v1::Line line = StaffedAcuteLine();
  const v1::Consult accepted = AcceptedByBerg(line);
  v1::Consult handed;
  grpc::Status status = HandOver(accepted.name(), DoctorCaller("D001"), Doctor("D003"), &handed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(handed.state(), v1::CONSULT_STATE_REASSIGNED);
  EXPECT_EQ(handed.current_offer().practitioner().name(), Doctor("D003"));
  EXPECT_FALSE(handed.current_offer().has_escalation_step());
  EXPECT_EQ(api::FromProto(handed.current_offer().expire_time()), clock_.Now() + kAckTimeout);
  EXPECT_EQ(handed.assignee().name(), Doctor("D001"));  // responsible until someone accepts
  const v1::ConsultHistoryEntry& requested = handed.history(handed.history_size() - 2);
  EXPECT_EQ(requested.action(), v1::CONSULT_HISTORY_ACTION_REASSIGN_REQUESTED);
  EXPECT_EQ(requested.actor().practitioner().name(), Doctor("D001"));
  EXPECT_EQ(requested.subject().name(), Doctor("D003"));
  EXPECT_EQ(requested.note(), "Skiftbyte: EKG tas 14.00, bedöm svaret.");
  EXPECT_EQ(handed.history(handed.history_size() - 1).action(), v1::CONSULT_HISTORY_ACTION_OFFERED);

  clock_.Advance(absl::Minutes(1));
  v1::Consult taken;
  status = Accept(accepted.name(), DoctorCaller("D003"), &taken);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(taken.state(), v1::CONSULT_STATE_ACCEPTED);
  EXPECT_EQ(taken.assignee().name(), Doctor("D003"));
  EXPECT_FALSE(taken.has_current_offer());
  EXPECT_EQ(taken.routed_line(), line.name());
  EXPECT_EQ(taken.time_to_accept().seconds(), accepted.time_to_accept().seconds());  // the first acceptance's
  EXPECT_EQ(taken.history(taken.history_size() - 1).subject().name(), Doctor("D003"));
  // Dr Berg worked on it and still sees it whole; it is no longer his to answer.
  EXPECT_FALSE(Get(accepted.name(), DoctorCaller("D001")).patient_data_withheld());
  status = Answer(accepted.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CountOf(v1::EVENT_TYPE_CONSULT_REASSIGNED), 1);
}

TEST_F(ConsultJourneyTest, AHandoverToAnotherLineMovesTheConsultToThatLineWhenAccepted) {
  const v1::Line line = StaffedAcuteLine();
  v1::Line cardiology_line = roster::testing::AcuteLine("Bakjour kardiologi");
  cardiology_line.set_specialty("cardiology");
  const v1::Line other = MustCreateLine(cardiology_line);
  MustCreateRotation(other.name(), roster::testing::DailyRotation({Doctor("D004")}, DaysFromToday(-10)));
  const v1::Consult accepted = AcceptedByBerg(line);

  v1::Consult handed;
  grpc::Status status = HandOver(accepted.name(), DoctorCaller("D001"), other.name(), &handed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(handed.state(), v1::CONSULT_STATE_REASSIGNED);
  EXPECT_EQ(handed.current_offer().practitioner().name(), Doctor("D004"));
  EXPECT_EQ(handed.current_offer().line(), other.name());
  EXPECT_EQ(handed.routed_line(), line.name());  // until someone on the new line accepts
  EXPECT_EQ(handed.assignee().name(), Doctor("D001"));

  v1::Consult taken;
  status = Accept(accepted.name(), DoctorCaller("D004"), &taken);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(taken.state(), v1::CONSULT_STATE_ACCEPTED);
  EXPECT_EQ(taken.assignee().name(), Doctor("D004"));
  EXPECT_EQ(taken.routed_line(), other.name());
  EXPECT_EQ(taken.routed_line_display_name(), "Bakjour kardiologi");
}

TEST_F(ConsultJourneyTest, AHandoverNobodyAcceptsGivesTheConsultBackToTheAssignee) {
  const v1::Consult accepted = AcceptedByBerg(StaffedAcuteLine());
  ASSERT_TRUE(HandOver(accepted.name(), DoctorCaller("D001"), Doctor("D003")).ok());
  clock_.Advance(kAckTimeout + absl::Seconds(1));
  absl::StatusOr<int> swept = Service().RunDueTimers();
  ASSERT_TRUE(swept.ok()) << swept.status();
  EXPECT_EQ(*swept, 1);
  const v1::Consult consult = Get(accepted.name());
  EXPECT_EQ(consult.state(), v1::CONSULT_STATE_ACCEPTED);
  EXPECT_EQ(consult.assignee().name(), Doctor("D001"));
  EXPECT_FALSE(consult.has_current_offer());
  EXPECT_EQ(api::FromProto(consult.answer_due_time()), api::FromProto(accepted.answer_due_time()));
  ASSERT_GE(consult.history_size(), 2);
  const v1::ConsultHistoryEntry& timed_out = consult.history(consult.history_size() - 2);
  EXPECT_EQ(timed_out.action(), v1::CONSULT_HISTORY_ACTION_OFFER_TIMED_OUT);
  EXPECT_EQ(timed_out.subject().name(), Doctor("D003"));
  EXPECT_EQ(consult.history(consult.history_size() - 1).action(), v1::CONSULT_HISTORY_ACTION_REASSIGN_FAILED);
  // Dr Ek's offer is over, and Dr Berg answers as before.
  EXPECT_TRUE(Get(accepted.name(), DoctorCaller("D003")).patient_data_withheld());
  grpc::Status status = Answer(accepted.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(ConsultJourneyTest, NobodyCanHandAConsultOverToThemselves) {
  const v1::Consult accepted = AcceptedByBerg(StaffedAcuteLine());
  grpc::Status status = HandOver(accepted.name(), DoctorCaller("D001"), Doctor("D001"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Get(accepted.name()).etag(), accepted.etag());
}

// ---------------------------------------------------------------------------
// Patient data
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, PatientDataIsForParticipantsAndEveryAccessToItIsLogged) {
  v1::CreateConsultRequest request = Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name()));
  *request.mutable_consult()->mutable_patient() = ReserveNumber();  // unconscious, not yet identified
  const v1::Consult created = MustCreate(request);
  EXPECT_EQ(created.patient().kind(), v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  EXPECT_EQ(created.patient().value(), kReserveNumber);

  const v1::Consult coordinated = Get(created.name(), kCoordinator);
  EXPECT_TRUE(coordinated.patient_data_withheld());
  EXPECT_FALSE(coordinated.has_patient());
  EXPECT_TRUE(coordinated.question().empty());
  EXPECT_EQ(coordinated.state(), v1::CONSULT_STATE_OFFERED);  // what coordination needs stays
  EXPECT_EQ(coordinated.track(), v1::TRACK_ACUTE);
  EXPECT_EQ(coordinated.priority(), v1::PRIORITY_COLOUR_YELLOW);
  EXPECT_EQ(coordinated.routed_line(), created.routed_line());
  const v1::Consult seen = Get(created.name());
  EXPECT_FALSE(seen.patient_data_withheld());
  EXPECT_EQ(seen.patient().value(), kReserveNumber);
  EXPECT_EQ(seen.question(), created.question());
  EXPECT_FALSE(Get(created.name(), DoctorCaller("D001")).patient_data_withheld());  // offered to him

  // The patient's personnummer becomes known.
  v1::PatientIdentifier personnummer;
  personnummer.set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  personnummer.set_value(patients_[1]);
  v1::Consult identified;
  grpc::Status status = Identify(created.name(), kGpRequester, personnummer, &identified);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(identified.patient().kind(), v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  EXPECT_EQ(identified.patient().value(), patients_[1]);
  ASSERT_EQ(identified.previous_patient_identifiers_size(), 1);
  EXPECT_EQ(identified.previous_patient_identifiers(0).kind(), v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  EXPECT_EQ(identified.previous_patient_identifiers(0).value(), kReserveNumber);
  EXPECT_EQ(identified.previous_patient_identifiers(0).issuing_region(), "regions/06");
  EXPECT_EQ(identified.state(), v1::CONSULT_STATE_OFFERED);
  const v1::ConsultHistoryEntry& entry = identified.history(identified.history_size() - 1);
  EXPECT_EQ(entry.action(), v1::CONSULT_HISTORY_ACTION_PATIENT_IDENTIFIED);
  EXPECT_EQ(entry.actor().practitioner().name(), NameOf(kGpRequester));
  for (const v1::ConsultHistoryEntry& any : identified.history()) {
    EXPECT_THAT(any.DebugString(), Not(HasSubstr(kReserveNumber)));
    EXPECT_THAT(any.DebugString(), Not(HasSubstr(patients_[1])));
  }

  // Identifiers only become more certain.
  v1::PatientIdentifier samordningsnummer;
  samordningsnummer.set_kind(v1::PATIENT_IDENTIFIER_KIND_SAMORDNINGSNUMMER);
  samordningsnummer.set_value(SamordningsnummerLike(patients_[2]));
  status = Identify(created.name(), kGpRequester, samordningsnummer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "PATIENT_ALREADY_IDENTIFIED");
  EXPECT_EQ(Get(created.name()).etag(), identified.etag());

  // The log, searched by the personnummer, finds the accesses under the
  // reserve number too; the coordinator's read showed no patient data and
  // is not in it.
  bool created_logged = false, read_by_requester = false, read_by_berg = false, identify_logged = false;
  for (const audit::AccessRecord& access :
       AccessLogOf({.kind = audit::PatientKind::kPersonnummer, .value = patients_[1]})) {
    EXPECT_EQ(access.resource, created.name());
    EXPECT_NE(access.actor.hsa_id, kCoordinator.hsa_id);
    const bool by_requester = access.actor.hsa_id == kGpRequester.hsa_id;
    created_logged |= access.action == audit::AccessAction::kCreate && by_requester &&
                      access.patient->kind == audit::PatientKind::kReservnummer;
    read_by_requester |=
        access.action == audit::AccessAction::kRead && by_requester && access.basis == audit::AccessBasis::kRequester;
    read_by_berg |= access.action == audit::AccessAction::kRead && access.actor.hsa_id == "SE2321000057-D001" &&
                    access.basis == audit::AccessBasis::kOfferedContact;
    identify_logged |= access.action == audit::AccessAction::kIdentifyPatient && by_requester;
  }
  EXPECT_TRUE(created_logged);
  EXPECT_TRUE(read_by_requester);
  EXPECT_TRUE(read_by_berg);
  EXPECT_TRUE(identify_logged);

  // The EHR's patient view finds the consult under either identifier.
  EXPECT_THAT(Names(ListAbout(personnummer, kGpRequester)), ElementsAre(created.name()));
  EXPECT_THAT(Names(ListAbout(ReserveNumber(), kGpRequester)), ElementsAre(created.name()));
}

// ---------------------------------------------------------------------------
// The conversation
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, TheRequesterAndTheDoctorTalkInTheConsultsConversation) {
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(StaffedAcuteLine().name())));
  v1::ConsultMessage from_offered;
  grpc::Status status = Say(created.name(), DoctorCaller("D001"), "Jag tittar på det om fem minuter.", &from_offered);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(from_offered.author_role(), v1::CONSULT_PARTICIPANT_ROLE_OFFERED_CONTACT);
  ASSERT_TRUE(Accept(created.name(), DoctorCaller("D001")).ok());

  clock_.Advance(absl::Minutes(1));
  const std::string request_id = ids::NewUuid();
  v1::ConsultMessage question;
  status = Say(created.name(), kGpRequester, "Nu även feber 38,5.", &question, request_id);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(question.author_role(), v1::CONSULT_PARTICIPANT_ROLE_REQUESTER);
  EXPECT_EQ(question.author().practitioner().name(), NameOf(kGpRequester));
  EXPECT_THAT(question.name(), StartsWith(created.name() + "/messages/"));
  EXPECT_EQ(api::FromProto(question.create_time()), clock_.Now());
  clock_.Advance(absl::Minutes(1));
  v1::ConsultMessage reply;
  ASSERT_TRUE(Say(created.name(), DoctorCaller("D001"), "Ta CRP och ring mig.", &reply).ok());
  EXPECT_EQ(reply.author_role(), v1::CONSULT_PARTICIPANT_ROLE_ASSIGNEE);
  // The GP's app retries a message whose reply it lost.
  v1::ConsultMessage retried;
  ASSERT_TRUE(Say(created.name(), kGpRequester, "Nu även feber 38,5.", &retried, request_id).ok());
  EXPECT_EQ(retried.name(), question.name());

  for (const identity::Person& participant : {kGpRequester, DoctorCaller("D001")}) {
    std::vector<v1::ConsultMessage> messages;
    status = ListMessages(created.name(), participant, messages);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(messages.size(), 3u) << participant.hsa_id;
    EXPECT_EQ(messages[0].name(), from_offered.name());
    EXPECT_EQ(messages[1].name(), question.name());
    EXPECT_EQ(messages[1].text(), "Nu även feber 38,5.");
    EXPECT_EQ(messages[1].author_role(), v1::CONSULT_PARTICIPANT_ROLE_REQUESTER);
    EXPECT_EQ(messages[2].name(), reply.name());
    EXPECT_EQ(messages[2].author_role(), v1::CONSULT_PARTICIPANT_ROLE_ASSIGNEE);
  }
  EXPECT_EQ(Get(created.name()).message_count(), 3);
  EXPECT_EQ(Get(created.name(), kCoordinator).message_count(), 0);
  EXPECT_EQ(Get(created.name()).state(), v1::CONSULT_STATE_ACCEPTED);

  // A stranger may neither read nor write.
  std::vector<v1::ConsultMessage> messages;
  status = ListMessages(created.name(), DoctorCaller("D005"), messages);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(status), "NOT_A_PARTICIPANT");
  EXPECT_TRUE(messages.empty());
  status = Say(created.name(), DoctorCaller("D005"), "Kan jag hjälpa till?");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(status), "NOT_A_PARTICIPANT");

  // Once closed, the conversation is over.
  ASSERT_TRUE(Answer(created.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_DIRECT_TO_RADIOLOGY).ok());
  v1::Consult closed;
  ASSERT_TRUE(Close(created.name(), kGpRequester, &closed).ok());
  status = Say(created.name(), kGpRequester, "Tack!");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "CONSULT_ENDED");
  const v1::Consult consult = Get(created.name());
  EXPECT_EQ(consult.message_count(), 3);
  EXPECT_EQ(consult.etag(), closed.etag());
}

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------

TEST_F(ConsultJourneyTest, EachPersonsListsHoldTheirConsultsAndTheCoordinatorsHoldNoPatientData) {
  const v1::Line line = StaffedAcuteLine();
  const v1::Consult offered = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name()), "Fråga ett: bröstsmärta."));
  const v1::Consult held = AcceptedByBerg(line);

  const std::vector<v1::Consult> requested = List(kGpRequester, v1::CONSULT_RELATION_REQUESTED_BY_ME);
  EXPECT_THAT(Names(requested), UnorderedElementsAre(offered.name(), held.name()));
  for (const v1::Consult& consult : requested) {
    EXPECT_FALSE(consult.patient_data_withheld());
    EXPECT_EQ(consult.patient().value(), patients_[0]);
    EXPECT_FALSE(consult.question().empty());
    EXPECT_EQ(consult.history_size(), 0);
  }
  EXPECT_THAT(Names(List(DoctorCaller("D001"), v1::CONSULT_RELATION_OFFERED_TO_ME)), ElementsAre(offered.name()));
  EXPECT_THAT(Names(List(DoctorCaller("D001"), v1::CONSULT_RELATION_ASSIGNED_TO_ME)), ElementsAre(held.name()));
  EXPECT_THAT(List(DoctorCaller("D001"), v1::CONSULT_RELATION_REQUESTED_BY_ME), IsEmpty());
  EXPECT_THAT(List(kGpRequester, v1::CONSULT_RELATION_ASSIGNED_TO_ME), IsEmpty());
  EXPECT_THAT(List(kGpRequester, v1::CONSULT_RELATION_OFFERED_TO_ME), IsEmpty());
  EXPECT_THAT(List(DoctorCaller("D002"), v1::CONSULT_RELATION_OFFERED_TO_ME), IsEmpty());

  const std::vector<v1::Consult> region = List(kCoordinator);
  EXPECT_THAT(Names(region), UnorderedElementsAre(offered.name(), held.name()));
  for (const v1::Consult& consult : region) {
    EXPECT_TRUE(consult.patient_data_withheld());
    EXPECT_FALSE(consult.has_patient());
    EXPECT_TRUE(consult.question().empty());
    EXPECT_EQ(consult.history_size(), 0);
    EXPECT_NE(consult.state(), v1::CONSULT_STATE_UNSPECIFIED);
    EXPECT_EQ(consult.routed_line(), line.name());
  }
}

}  // namespace
}  // namespace samspar::consult::testing
