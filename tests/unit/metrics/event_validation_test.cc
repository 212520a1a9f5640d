// Which ingested events are stored and why the others are refused
// (metrics.proto, Event and EventResult): the reason and field a sending
// service is told, and that the description never repeats what was sent.

#include "services/metrics/events/event_validation.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/api/proto_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/test_patients.h"

namespace samspar::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The server's clock.
const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2026, 3, 10, 12, 0, 0), absl::UTCTimeZone());

constexpr char kFalun[] = "regions/06/units/SE2321000057-V001";
constexpr char kAmbulanceStation[] = "regions/06/units/SE2321000057-A001";
constexpr char kMedicineClinic[] = "regions/06/units/SE2321000057-K001";
constexpr char kMedicineLine[] = "regions/06/lines/medicine-on-call";

// Falun's consult answered on the medicine line a minute ago, as
// ConsultService sends it.
v1::Event AnsweredConsult() {
  v1::Event event;
  event.set_event_id("3f1c2a9e-7b4d-4c21-9a8e-5d6f7a8b9c0d");
  event.set_type(v1::EVENT_TYPE_CONSULT_ANSWERED);
  *event.mutable_event_time() = api::ToProto(kNow - absl::Minutes(1));
  event.set_region("regions/06");
  event.set_subject_key(std::string(64, 'a'));
  event.set_track(v1::TRACK_ACUTE);
  event.set_requester_unit(kFalun);
  event.set_requester_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE);
  event.set_requester_role(v1::CALLER_ROLE_CLINICIAN);
  event.set_target_unit(kMedicineClinic);
  event.set_line(kMedicineLine);
  event.set_specialty("medicine");
  event.set_priority(v1::PRIORITY_COLOUR_YELLOW);
  event.set_outcome(v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED);
  *event.mutable_time_to_answer() = api::ToProtoDuration(absl::Minutes(12));
  event.set_escalation_count(1);
  event.set_source("samspar.v1.ConsultService");
  return event;
}

// The ambulance station's accessible-primary-care consult, answered.
v1::Event AnsweredAmbulanceConsult() {
  v1::Event event = AnsweredConsult();
  event.set_track(v1::TRACK_ACCESSIBLE_PRIMARY_CARE);
  event.set_requester_unit(kAmbulanceStation);
  event.set_requester_unit_type(v1::UNIT_TYPE_AMBULANCE_STATION);
  event.set_requester_role(v1::CALLER_ROLE_AMBULANCE_CLINICIAN);
  event.set_outcome(v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE);
  return event;
}

// Falun's consult as it was created, before it was routed.
v1::Event CreatedConsult() {
  v1::Event event = AnsweredConsult();
  event.set_type(v1::EVENT_TYPE_CONSULT_CREATED);
  event.clear_target_unit();
  event.clear_line();
  event.clear_outcome();
  event.clear_time_to_answer();
  event.clear_escalation_count();
  return event;
}

// A conference requested from Falun, booked two days later, as
// ConferenceService sends it.
v1::Event BookedConference() {
  v1::Event event;
  event.set_event_id("7d0e4b1a-2c3f-4e5a-8b6c-9d0e1f2a3b4c");
  event.set_type(v1::EVENT_TYPE_CONFERENCE_BOOKED);
  *event.mutable_event_time() = api::ToProto(kNow - absl::Minutes(1));
  event.set_region("regions/06");
  event.set_subject_key(std::string(64, 'b'));
  event.set_track(v1::TRACK_MULTIDISCIPLINARY_CONFERENCE);
  event.set_requester_unit(kFalun);
  event.set_requester_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE);
  event.set_specialty("geriatrics");
  *event.mutable_lead_time() = api::ToProtoDuration(absl::Hours(48));
  event.set_practitioner_count(4);
  event.set_source("samspar.v1.ConferenceService");
  return event;
}

// What the sending service is told: "accepted", or "REASON field". Every
// refusal's description names its field.
std::string Verdict(const v1::Event& event, absl::string_view caller_region = "06") {
  const absl::optional<EventRejection> rejection = ValidateEvent(event, caller_region, kNow);
  if (!rejection.has_value()) return "accepted";
  EXPECT_THAT(rejection->description, HasSubstr(rejection->field));
  return absl::StrCat(rejection->reason, " ", rejection->field);
}

TEST(EventValidationTest, ConsultEventsAsTheConsultServiceSendsThemAreAccepted) {
  EXPECT_EQ(Verdict(AnsweredConsult()), "accepted");
  EXPECT_EQ(Verdict(CreatedConsult()), "accepted");
  EXPECT_EQ(Verdict(AnsweredAmbulanceConsult()), "accepted");

  v1::Event accepted = AnsweredConsult();
  accepted.set_type(v1::EVENT_TYPE_CONSULT_ACCEPTED);
  accepted.clear_outcome();
  accepted.clear_time_to_answer();
  *accepted.mutable_time_to_accept() = api::ToProtoDuration(absl::Seconds(40));
  EXPECT_EQ(Verdict(accepted), "accepted");
}

TEST(EventValidationTest, AConferenceEventAsTheConferenceServiceSendsItIsAccepted) {
  EXPECT_EQ(Verdict(BookedConference()), "accepted");
}

TEST(EventValidationTest, AnEventWithoutAnIdIsRefused) {
  v1::Event event = AnsweredConsult();
  event.clear_event_id();
  EXPECT_EQ(Verdict(event), "FIELD_REQUIRED event_id");
}

TEST(EventValidationTest, AnIdThatIsNotAUuidIsRefused) {
  for (const char* id : {"42", "3f1c2a9e7b4d4c219a8e5d6f7a8b9c0d", "3f1c2a9e-7b4d-4c21-9a8e-5d6f7a8b9c0z",
                         "3f1c2a9e-7b4d-4c21-9a8e5-d6f7a8b9c0d"}) {
    v1::Event event = AnsweredConsult();
    event.set_event_id(id);
    EXPECT_EQ(Verdict(event), "FIELD_INVALID event_id") << id;
  }
}

TEST(EventValidationTest, AnEventOfNoKnownTypeIsRefused) {
  v1::Event unspecified = AnsweredConsult();
  unspecified.set_type(v1::EVENT_TYPE_UNSPECIFIED);
  EXPECT_EQ(Verdict(unspecified), "UNKNOWN_EVENT_TYPE type");

  v1::Event from_a_newer_sender = AnsweredConsult();
  from_a_newer_sender.set_type(static_cast<v1::EventType>(99));
  EXPECT_EQ(Verdict(from_a_newer_sender), "UNKNOWN_EVENT_TYPE type");
}

TEST(EventValidationTest, AnEventWithoutATimeIsRefused) {
  v1::Event event = AnsweredConsult();
  event.clear_event_time();
  EXPECT_EQ(Verdict(event), "FIELD_REQUIRED event_time");
}

TEST(EventValidationTest, AnEventSixMinutesAheadOfTheServerIsRefusedAndFourMinutesIsAccepted) {
  v1::Event six = AnsweredConsult();
  *six.mutable_event_time() = api::ToProto(kNow + absl::Minutes(6));
  EXPECT_EQ(Verdict(six), "FUTURE_TIMESTAMP event_time");

  v1::Event four = AnsweredConsult();
  *four.mutable_event_time() = api::ToProto(kNow + absl::Minutes(4));
  EXPECT_EQ(Verdict(four), "accepted");
}

TEST(EventValidationTest, AnEventOfARegionTheCallerDoesNotServeIsRefused) {
  v1::Event event = AnsweredConsult();
  event.set_region("regions/07");
  EXPECT_EQ(Verdict(event), "REGION_MISMATCH region");
  // The same event from a service of region 07.
  EXPECT_EQ(Verdict(AnsweredConsult(), "07"), "REGION_MISMATCH region");
}

TEST(EventValidationTest, ASubjectKeyMustBe64LowercaseHexDigits) {
  v1::Event uppercase = AnsweredConsult();
  uppercase.set_subject_key(std::string(64, 'A'));
  EXPECT_EQ(Verdict(uppercase), "FIELD_INVALID subject_key");

  v1::Event short_key = AnsweredConsult();
  short_key.set_subject_key(std::string(63, 'a'));
  EXPECT_EQ(Verdict(short_key), "FIELD_INVALID subject_key");

  v1::Event missing = AnsweredConsult();
  missing.clear_subject_key();
  EXPECT_EQ(Verdict(missing), "FIELD_REQUIRED subject_key");
}

TEST(EventValidationTest, AConferenceEventNamingALineIsRefused) {
  v1::Event event = BookedConference();
  event.set_line(kMedicineLine);
  EXPECT_EQ(Verdict(event), "FIELD_INVALID line");
}

TEST(EventValidationTest, ConsultsAndConferencesMustBeOnTheirOwnTracks) {
  v1::Event consult = AnsweredConsult();
  consult.set_track(v1::TRACK_MULTIDISCIPLINARY_CONFERENCE);
  EXPECT_EQ(Verdict(consult), "FIELD_INVALID track");

  v1::Event conference = BookedConference();
  conference.set_track(v1::TRACK_ACUTE);
  EXPECT_EQ(Verdict(conference), "FIELD_INVALID track");
}

TEST(EventValidationTest, ALineWithoutTheUnitOwningItIsRefused) {
  v1::Event event = AnsweredConsult();
  event.clear_target_unit();
  EXPECT_EQ(Verdict(event), "FIELD_REQUIRED target_unit");
}

TEST(EventValidationTest, ATargetUnitOfAnotherRegionIsRefused) {
  v1::Event event = AnsweredConsult();
  event.set_target_unit("regions/07/units/SE2321000065-K001");
  EXPECT_EQ(Verdict(event), "FIELD_INVALID target_unit");
}

TEST(EventValidationTest, AnAnswerOrCorrectionWithoutAnOutcomeIsRefused) {
  v1::Event answered = AnsweredConsult();
  answered.clear_outcome();
  EXPECT_EQ(Verdict(answered), "FIELD_REQUIRED outcome");

  v1::Event corrected = AnsweredConsult();
  corrected.set_type(v1::EVENT_TYPE_CONSULT_OUTCOME_RECORDED);
  corrected.clear_time_to_answer();
  corrected.clear_outcome();
  EXPECT_EQ(Verdict(corrected), "FIELD_REQUIRED outcome");
}

TEST(EventValidationTest, AnOutcomeOnACreatedConsultIsRefused) {
  v1::Event event = CreatedConsult();
  event.set_outcome(v1::CONSULT_OUTCOME_SENT_TO_ED);
  EXPECT_EQ(Verdict(event), "FIELD_INVALID outcome");
}

TEST(EventValidationTest, AmbulanceOutcomesBelongToAmbulanceConsultsOnly) {
  v1::Event health_centre = AnsweredConsult();
  health_centre.set_outcome(v1::CONSULT_OUTCOME_AMBULANCE_TREATED_ON_SCENE);
  EXPECT_EQ(Verdict(health_centre), "FIELD_INVALID outcome");

  v1::Event ambulance = AnsweredAmbulanceConsult();
  ambulance.set_outcome(v1::CONSULT_OUTCOME_SENT_TO_ED);
  EXPECT_EQ(Verdict(ambulance), "FIELD_INVALID outcome");
}

TEST(EventValidationTest, AnAnswerWithoutItsTimeToAnswerIsRefused) {
  v1::Event event = AnsweredConsult();
  event.clear_time_to_answer();
  EXPECT_EQ(Verdict(event), "FIELD_REQUIRED time_to_answer");
}

TEST(EventValidationTest, NegativeDurationsAreRefused) {
  v1::Event answer = AnsweredConsult();
  *answer.mutable_time_to_answer() = api::ToProtoDuration(absl::Seconds(-1));
  EXPECT_EQ(Verdict(answer), "FIELD_INVALID time_to_answer");

  v1::Event half_second = AnsweredConsult();
  *half_second.mutable_time_to_answer() = api::ToProtoDuration(absl::Milliseconds(-500));
  EXPECT_EQ(Verdict(half_second), "FIELD_INVALID time_to_answer");

  v1::Event accept = AnsweredConsult();
  accept.set_type(v1::EVENT_TYPE_CONSULT_ACCEPTED);
  accept.clear_outcome();
  accept.clear_time_to_answer();
  *accept.mutable_time_to_accept() = api::ToProtoDuration(absl::Seconds(-5));
  EXPECT_EQ(Verdict(accept), "FIELD_INVALID time_to_accept");

  v1::Event lead = BookedConference();
  *lead.mutable_lead_time() = api::ToProtoDuration(absl::Hours(-1));
  EXPECT_EQ(Verdict(lead), "FIELD_INVALID lead_time");
}

TEST(EventValidationTest, APersonnummerInAnyTextFieldIsRefusedWithoutRepeatingIt) {
  const std::vector<std::string> patients = samspar::testing::SkatteverketTestNumbers(1);
  ASSERT_EQ(patients.size(), 1u) << "Skatteverket's test personnummer are not readable";
  const std::string& patient = patients.front();
  for (const std::string& written : samspar::testing::WrittenForms(patient)) {
    std::vector<std::pair<std::string, v1::Event>> cases;
    v1::Event specialty = AnsweredConsult();
    specialty.set_specialty(written);
    cases.emplace_back("specialty", specialty);
    v1::Event source = AnsweredConsult();
    source.set_source(absl::StrCat("samspar.v1.ConsultService ", written));
    cases.emplace_back("source", source);
    v1::Event requester_unit = AnsweredConsult();
    requester_unit.set_requester_unit(absl::StrCat("regions/06/units/", written));
    cases.emplace_back("requester_unit", requester_unit);
    v1::Event target_unit = AnsweredConsult();
    target_unit.set_target_unit(absl::StrCat("regions/06/units/", written));
    cases.emplace_back("target_unit", target_unit);
    v1::Event line = AnsweredConsult();
    line.set_line(absl::StrCat("regions/06/lines/", written));
    cases.emplace_back("line", line);
    v1::Event conference = BookedConference();
    conference.set_requester_unit(absl::StrCat("regions/06/units/", written));
    cases.emplace_back("requester_unit", conference);

    for (const auto& [field, event] : cases) {
      SCOPED_TRACE(absl::StrCat(field, " holding a personnummer written as ", written.size(), " characters"));
      const absl::optional<EventRejection> rejection = ValidateEvent(event, "06", kNow);
      ASSERT_TRUE(rejection.has_value());
      EXPECT_EQ(rejection->reason, "PATIENT_IDENTITY_DETECTED");
      EXPECT_EQ(rejection->field, field);
      // Neither the number as sent nor its date part.
      EXPECT_THAT(rejection->description, Not(HasSubstr(written)));
      EXPECT_THAT(rejection->description, Not(HasSubstr(patient.substr(2, 6))));
    }
  }
}

}  // namespace
}  // namespace samspar::metrics
