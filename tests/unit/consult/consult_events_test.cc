#include "services/consult/events/consult_events.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/metrics/events/event_validation.h"
#include "tests/support/test_patients.h"

namespace samspar::consult {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kConsultId[] = "01j5q3v8ht2m9kx4c7r6wfzn0d";
constexpr char kSubjectKey[] = "3f9a1c0e7b6d5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f";
constexpr char kEventId[] = "0b6c7e2a-5d1f-4c3e-9a8b-7f6e5d4c3b2a";
constexpr char kRequesterUnit[] = "regions/06/units/SE2321000057-VCHU";
constexpr char kCardiologyLine[] = "regions/06/lines/kardiologi-bakjour";
constexpr char kCardiologyUnit[] = "regions/06/units/SE2321000057-KARD";
constexpr char kMedicineLine[] = "regions/06/lines/medicin-primarjour";
constexpr char kMedicineUnit[] = "regions/06/units/SE2321000057-MEDK";
constexpr char kRequesterName[] = "regions/06/practitioners/01j5q3rq8x0a1b2c3d4e5f6g7h";
constexpr char kRequesterHsaId[] = "SE2321000057-4TPL";
constexpr char kAssigneeName[] = "regions/06/practitioners/01j5q3ta9y1b2c3d4e5f6g7h8j";
constexpr char kAssigneeHsaId[] = "SE2321000057-8KRD";
constexpr char kSecondName[] = "regions/06/practitioners/01j5q3wb0z2c3d4e5f6g7h8j9k";
constexpr char kSecondHsaId[] = "SE2321000057-2MED";
constexpr char kQuestion[] = "Bröstsmärta sedan två timmar, lätt ST-sänkning i V4–V6. Troponin 38. Inläggning?";
constexpr char kAnswer[] = "Ge ASA och skicka in till hjärtavdelningen direkt, jag tar emot.";
constexpr char kOutcomeNote[] = "Lades in på hjärtavdelningen efter samtal med anhörig.";
constexpr char kCancelReason[] = "Patienten har åkt till akuten själv.";
constexpr char kDeclineNote[] = "Hör till medicinjouren, inte kardiologin.";

const absl::Time kCreated = absl::FromCivil(absl::CivilSecond(2025, 3, 11, 8, 40, 0), absl::UTCTimeZone());
const absl::Time kEventTime = kCreated + absl::Minutes(30);

std::string PatientNumber() { return samspar::testing::SkatteverketTestNumbers(1).at(0); }

v1::PractitionerRef Practitioner(const char* name, const char* hsa_id, const char* display_name) {
  v1::PractitionerRef ref;
  ref.set_name(name);
  ref.set_hsa_id(hsa_id);
  ref.set_display_name(display_name);
  return ref;
}

// An acute consult from a health centre to the cardiology line, with the
// patient data a participant would see.
v1::Consult NewConsult() {
  v1::Consult consult;
  consult.set_name(absl::StrCat("regions/06/consults/", kConsultId));
  consult.set_track(v1::TRACK_ACUTE);
  *consult.mutable_requester() = Practitioner(kRequesterName, kRequesterHsaId, "Anna Lindqvist");
  consult.mutable_requester_unit()->set_name(kRequesterUnit);
  consult.mutable_requester_unit()->set_display_name("Vårdcentralen Huskvarna");
  consult.set_requester_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE);
  consult.set_requester_role(v1::CALLER_ROLE_CLINICIAN);
  consult.mutable_target()->set_line(kCardiologyLine);
  consult.set_routed_line(kCardiologyLine);
  consult.set_routed_line_display_name("Kardiologi bakjour");
  consult.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  consult.mutable_patient()->set_value(PatientNumber());
  consult.set_priority(v1::PRIORITY_COLOUR_YELLOW);
  consult.set_question(kQuestion);
  consult.set_state(v1::CONSULT_STATE_CREATED);
  *consult.mutable_create_time() = api::ToProto(kCreated);
  return consult;
}

v1::Consult Offered(int step, int round) {
  v1::Consult consult = NewConsult();
  consult.set_state(v1::CONSULT_STATE_OFFERED);
  v1::ConsultOffer& offer = *consult.mutable_current_offer();
  *offer.mutable_practitioner() = Practitioner(kAssigneeName, kAssigneeHsaId, "Karl Dahl");
  offer.set_line(kCardiologyLine);
  offer.set_escalation_step(step);
  offer.set_escalation_round(round);
  *offer.mutable_offer_time() = api::ToProto(kCreated);
  *consult.mutable_offer_time() = api::ToProto(kCreated);
  return consult;
}

v1::Consult Escalated() {
  v1::Consult consult = Offered(1, 0);
  consult.set_state(v1::CONSULT_STATE_ESCALATED);
  consult.set_escalation_count(1);
  return consult;
}

v1::Consult Accepted() {
  v1::Consult consult = Escalated();
  consult.set_state(v1::CONSULT_STATE_ACCEPTED);
  consult.clear_current_offer();
  *consult.mutable_assignee() = Practitioner(kAssigneeName, kAssigneeHsaId, "Karl Dahl");
  *consult.mutable_accept_time() = api::ToProto(kCreated + absl::Minutes(4));
  *consult.mutable_time_to_accept() = api::ToProtoDuration(absl::Minutes(4));
  return consult;
}

// Handed over from the cardiology line to the medicine line's on-call.
v1::Consult Reassigned() {
  v1::Consult consult = Accepted();
  consult.set_state(v1::CONSULT_STATE_REASSIGNED);
  v1::ConsultOffer& offer = *consult.mutable_current_offer();
  *offer.mutable_practitioner() = Practitioner(kSecondName, kSecondHsaId, "Maria Berg");
  offer.set_line(kMedicineLine);
  offer.set_escalation_step(0);
  offer.set_escalation_round(0);
  return consult;
}

v1::Consult Answered() {
  v1::Consult consult = Accepted();
  consult.set_state(v1::CONSULT_STATE_ANSWERED);
  consult.set_answer(kAnswer);
  consult.set_outcome(v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  *consult.mutable_answer_time() = api::ToProto(kCreated + absl::Minutes(19));
  *consult.mutable_time_to_answer() = api::ToProtoDuration(absl::Minutes(19));
  return consult;
}

struct Case {
  const char* label;
  v1::EventType type;
  v1::Consult consult;
  EventFacts facts;
};

EventFacts Facts(const char* target_unit = kCardiologyUnit, const char* specialty = "kardiologi") {
  EventFacts facts;
  facts.subject_key = kSubjectKey;
  facts.target_unit = target_unit;
  facts.specialty = specialty;
  return facts;
}

// One change of every kind a consult goes through.
std::vector<Case> EveryConsultChange() {
  std::vector<Case> cases;
  cases.push_back({"created", v1::EVENT_TYPE_CONSULT_CREATED, NewConsult(), Facts()});
  cases.push_back({"offered", v1::EVENT_TYPE_CONSULT_OFFERED, Offered(0, 0), Facts()});
  cases.push_back({"escalated", v1::EVENT_TYPE_CONSULT_ESCALATED, Escalated(), Facts()});

  EventFacts first = Facts();
  first.first_acceptance = true;
  cases.push_back({"first accepted", v1::EVENT_TYPE_CONSULT_ACCEPTED, Accepted(), first});
  cases.push_back({"accepted again", v1::EVENT_TYPE_CONSULT_ACCEPTED, Accepted(), Facts()});

  v1::Consult declined = Offered(0, 0);
  declined.set_state(v1::CONSULT_STATE_DECLINED);
  declined.clear_current_offer();
  declined.mutable_decline()->set_note(kDeclineNote);
  cases.push_back({"declined", v1::EVENT_TYPE_CONSULT_DECLINED, declined, Facts()});

  EventFacts handover = Facts(kMedicineUnit, "internmedicin");
  handover.previous_line = kCardiologyLine;
  cases.push_back({"reassigned", v1::EVENT_TYPE_CONSULT_REASSIGNED, Reassigned(), handover});

  v1::Consult overdue = Accepted();
  overdue.set_answer_overdue(true);
  cases.push_back({"answer overdue", v1::EVENT_TYPE_CONSULT_ANSWER_OVERDUE, overdue, Facts()});

  cases.push_back({"answered", v1::EVENT_TYPE_CONSULT_ANSWERED, Answered(), Facts()});

  v1::Consult corrected = Answered();
  corrected.set_outcome(v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT);
  corrected.set_outcome_note(kOutcomeNote);
  cases.push_back({"outcome recorded", v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED, corrected, Facts()});

  v1::Consult closed = Answered();
  closed.set_state(v1::CONSULT_STATE_CLOSED);
  cases.push_back({"closed", v1::EVENT_TYPE_CONSULT_CLOSED, closed, Facts()});

  v1::Consult unanswered = Offered(1, 2);
  unanswered.set_state(v1::CONSULT_STATE_UNANSWERED);
  unanswered.clear_current_offer();
  unanswered.set_escalation_count(5);
  unanswered.set_unanswered_reason(v1::UNANSWERED_REASON_NOBODY_ACCEPTED);
  cases.push_back({"unanswered", v1::EVENT_TYPE_CONSULT_UNANSWERED, unanswered, Facts()});

  v1::Consult cancelled = Offered(0, 0);
  cancelled.set_state(v1::CONSULT_STATE_CANCELLED);
  cancelled.clear_current_offer();
  cancelled.set_cancel_reason(kCancelReason);
  cases.push_back({"cancelled", v1::EVENT_TYPE_CONSULT_CANCELLED, cancelled, Facts()});
  return cases;
}

// What metrics says of the event once the outbox has given it its id, a
// minute after it happened.
std::string MetricsVerdict(v1::Event event) {
  event.set_event_id(kEventId);
  absl::optional<metrics::EventRejection> rejection =
      metrics::ValidateEvent(event, "06", kEventTime + absl::Minutes(1));
  if (!rejection) return "accepted";
  return absl::StrCat(rejection->reason, " ", rejection->field, ": ", rejection->description);
}

TEST(ConsultEventTest, EveryConsultEventTypeIsCovered) {
  std::vector<v1::EventType> covered;
  for (const Case& c : EveryConsultChange()) covered.push_back(c.type);
  for (int type = v1::EventType_MIN; type <= v1::EventType_MAX; ++type) {
    if (!metrics::IsConsultEvent(static_cast<v1::EventType>(type))) continue;
    EXPECT_THAT(covered, ::testing::Contains(type)) << v1::EventType_Name(type);
  }
}

TEST(ConsultEventTest, MetricsAcceptsEveryChange) {
  for (const Case& c : EveryConsultChange()) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(MetricsVerdict(MetricsEventOf(c.type, c.consult, c.facts, kEventTime)), "accepted");
  }
}

TEST(ConsultEventTest, NoEventCarriesPatientPractitionerOrConsultIdentity) {
  std::vector<std::string> secrets = samspar::testing::WrittenForms(PatientNumber());
  for (const char* secret : {kQuestion, kAnswer, kOutcomeNote, kCancelReason, kDeclineNote, kConsultId, kRequesterName,
                             kRequesterHsaId, kAssigneeName, kAssigneeHsaId, kSecondName, kSecondHsaId}) {
    secrets.emplace_back(secret);
  }
  for (const Case& c : EveryConsultChange()) {
    SCOPED_TRACE(c.label);
    const std::string wire = MetricsEventOf(c.type, c.consult, c.facts, kEventTime).SerializeAsString();
    for (const std::string& secret : secrets) EXPECT_THAT(wire, Not(HasSubstr(secret)));
  }
}

TEST(ConsultEventTest, CarriesWhatKpisGroupBy) {
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_CREATED, NewConsult(), Facts(), kEventTime);
  EXPECT_EQ(event.event_id(), "");
  EXPECT_EQ(event.type(), v1::EVENT_TYPE_CONSULT_CREATED);
  EXPECT_EQ(api::FromProto(event.event_time()), kEventTime);
  EXPECT_EQ(event.region(), "regions/06");
  EXPECT_EQ(event.subject_key(), kSubjectKey);
  EXPECT_EQ(event.track(), v1::TRACK_ACUTE);
  EXPECT_EQ(event.requester_unit(), kRequesterUnit);
  EXPECT_EQ(event.requester_unit_type(), v1::UNIT_TYPE_HEALTH_CENTRE);
  EXPECT_EQ(event.requester_role(), v1::CALLER_ROLE_CLINICIAN);
  EXPECT_EQ(event.line(), kCardiologyLine);
  EXPECT_EQ(event.target_unit(), kCardiologyUnit);
  EXPECT_EQ(event.specialty(), "kardiologi");
  EXPECT_EQ(event.priority(), v1::PRIORITY_COLOUR_YELLOW);
  EXPECT_EQ(event.source(), "samspar.v1.ConsultService");
  EXPECT_EQ(event.outcome(), v1::CONSULT_OUTCOME_UNSPECIFIED);
  EXPECT_FALSE(event.has_time_to_accept());
  EXPECT_FALSE(event.has_time_to_answer());
  EXPECT_FALSE(event.has_escalation_step());
  EXPECT_EQ(event.previous_line(), "");
}

TEST(ConsultEventTest, CreatedBeforeRoutingHasNoLine) {
  v1::Consult consult = NewConsult();
  consult.clear_routed_line();
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_CREATED, consult, Facts("", ""), kEventTime);
  EXPECT_EQ(event.line(), "");
  EXPECT_EQ(event.target_unit(), "");
  EXPECT_EQ(MetricsVerdict(event), "accepted");
}

TEST(ConsultEventTest, OfferCarriesItsStepAndRound) {
  const v1::Event offered = MetricsEventOf(v1::EVENT_TYPE_CONSULT_OFFERED, Offered(0, 0), Facts(), kEventTime);
  EXPECT_EQ(offered.line(), kCardiologyLine);
  EXPECT_EQ(offered.target_unit(), kCardiologyUnit);
  ASSERT_TRUE(offered.has_escalation_step());
  EXPECT_EQ(offered.escalation_step(), 0);
  ASSERT_TRUE(offered.has_escalation_round());
  EXPECT_EQ(offered.escalation_round(), 0);
  EXPECT_EQ(offered.escalation_count(), 0);

  const v1::Event escalated = MetricsEventOf(v1::EVENT_TYPE_CONSULT_ESCALATED, Offered(2, 1), Facts(), kEventTime);
  EXPECT_EQ(escalated.escalation_step(), 2);
  EXPECT_EQ(escalated.escalation_round(), 1);
}

TEST(ConsultEventTest, EscalationCountsHowOftenTheConsultMovedOn) {
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_ESCALATED, Escalated(), Facts(), kEventTime);
  EXPECT_EQ(event.escalation_count(), 1);
}

TEST(ConsultEventTest, OfferToANamedPractitionerHasNoStep) {
  v1::Consult consult = Offered(0, 0);
  consult.mutable_current_offer()->clear_escalation_step();
  consult.mutable_current_offer()->clear_escalation_round();
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_OFFERED, consult, Facts(), kEventTime);
  EXPECT_FALSE(event.has_escalation_step());
  EXPECT_FALSE(event.has_escalation_round());
  EXPECT_EQ(event.line(), kCardiologyLine);
  EXPECT_EQ(MetricsVerdict(event), "accepted");
}

TEST(ConsultEventTest, OnlyTheFirstAcceptanceCarriesTimeToAccept) {
  EventFacts first = Facts();
  first.first_acceptance = true;
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_ACCEPTED, Accepted(), first, kEventTime);
  ASSERT_TRUE(event.has_time_to_accept());
  EXPECT_EQ(api::FromProto(event.time_to_accept()), absl::Minutes(4));
  EXPECT_FALSE(event.has_escalation_step());

  const v1::Event later = MetricsEventOf(v1::EVENT_TYPE_CONSULT_ACCEPTED, Accepted(), Facts(), kEventTime);
  EXPECT_FALSE(later.has_time_to_accept());
}

TEST(ConsultEventTest, HandoverToAnotherLineNamesBothLines) {
  EventFacts facts = Facts(kMedicineUnit, "internmedicin");
  facts.previous_line = kCardiologyLine;
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_REASSIGNED, Reassigned(), facts, kEventTime);
  EXPECT_EQ(event.line(), kMedicineLine);
  EXPECT_EQ(event.target_unit(), kMedicineUnit);
  EXPECT_EQ(event.previous_line(), kCardiologyLine);
  EXPECT_EQ(event.specialty(), "internmedicin");
  // The handover's offer is on a step of the new line, but only offers and
  // escalations report steps.
  EXPECT_FALSE(event.has_escalation_step());
}

TEST(ConsultEventTest, PreviousLineIsOnlyForHandovers) {
  EventFacts facts = Facts();
  facts.previous_line = kMedicineLine;
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_ACCEPTED, Accepted(), facts, kEventTime);
  EXPECT_EQ(event.previous_line(), "");
}

TEST(ConsultEventTest, AnswerOverdueIsFlagged) {
  v1::Consult consult = Accepted();
  consult.set_answer_overdue(true);
  EXPECT_TRUE(MetricsEventOf(v1::EVENT_TYPE_CONSULT_ANSWER_OVERDUE, consult, Facts(), kEventTime).answer_overdue());
  consult.set_state(v1::CONSULT_STATE_ANSWERED);
  consult.set_outcome(v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  *consult.mutable_time_to_answer() = api::ToProtoDuration(absl::Hours(2));
  EXPECT_TRUE(MetricsEventOf(v1::EVENT_TYPE_CONSULT_ANSWERED, consult, Facts(), kEventTime).answer_overdue());
}

TEST(ConsultEventTest, AnswerCarriesOutcomeAndTimeToAnswer) {
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_ANSWERED, Answered(), Facts(), kEventTime);
  EXPECT_EQ(event.outcome(), v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  ASSERT_TRUE(event.has_time_to_answer());
  EXPECT_EQ(api::FromProto(event.time_to_answer()), absl::Minutes(19));
  EXPECT_FALSE(event.has_time_to_accept());
  EXPECT_EQ(event.escalation_count(), 1);
}

TEST(ConsultEventTest, OutcomeRecordedCarriesTheLatestOutcomeOnly) {
  v1::Consult consult = Answered();
  consult.set_outcome(v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT);
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED, consult, Facts(), kEventTime);
  EXPECT_EQ(event.outcome(), v1::CONSULT_OUTCOME_PLANNED_SPECIALIST_VISIT);
  EXPECT_FALSE(event.has_time_to_answer());
}

TEST(ConsultEventTest, FinalEventsCountUnderTheRoutedLineWithoutOutcome) {
  for (const Case& c : EveryConsultChange()) {
    if (c.type != v1::EVENT_TYPE_CONSULT_CLOSED && c.type != v1::EVENT_TYPE_CONSULT_UNANSWERED &&
        c.type != v1::EVENT_TYPE_CONSULT_CANCELLED && c.type != v1::EVENT_TYPE_CONSULT_DECLINED) {
      continue;
    }
    SCOPED_TRACE(c.label);
    const v1::Event event = MetricsEventOf(c.type, c.consult, c.facts, kEventTime);
    EXPECT_EQ(event.line(), kCardiologyLine);
    EXPECT_EQ(event.target_unit(), kCardiologyUnit);
    EXPECT_EQ(event.outcome(), v1::CONSULT_OUTCOME_UNSPECIFIED);
    EXPECT_FALSE(event.has_time_to_answer());
    EXPECT_EQ(event.escalation_count(), c.consult.escalation_count());
  }
}

TEST(ConsultEventTest, AmbulanceConsultTreatedOnSceneIsAccepted) {
  v1::Consult consult = Answered();
  consult.set_track(v1::TRACK_ACCESSIBLE_PRIMARY_CARE);
  consult.mutable_requester_unit()->set_name("regions/06/units/SE2321000057-AMBJ");
  consult.set_requester_unit_type(v1::UNIT_TYPE_AMBULANCE_STATION);
  consult.set_requester_role(v1::CALLER_ROLE_AMBULANCE_CLINICIAN);
  consult.set_routed_line("regions/06/lines/narakut-primarvard");
  consult.set_priority(v1::PRIORITY_COLOUR_WHITE);
  consult.set_outcome(v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE);
  const v1::Event event = MetricsEventOf(v1::EVENT_TYPE_CONSULT_ANSWERED, consult,
                                         Facts("regions/06/units/SE2321000057-VCJK", "allmanmedicin"), kEventTime);
  EXPECT_EQ(event.track(), v1::TRACK_ACCESSIBLE_PRIMARY_CARE);
  EXPECT_EQ(event.requester_unit_type(), v1::UNIT_TYPE_AMBULANCE_STATION);
  EXPECT_EQ(event.requester_role(), v1::CALLER_ROLE_AMBULANCE_CLINICIAN);
  EXPECT_EQ(event.outcome(), v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE);
  EXPECT_EQ(MetricsVerdict(event), "accepted");
}

}  // namespace
}  // namespace samspar::consult
