// What `samspar consult` shows a clinician, and how it reads what they type:
// a consult in full with its history and current offer, patient data the
// service withheld shown as withheld, lists as aligned tables, a line per
// stream event, and the words the commands take for enums and names.

#include "tools/samspar/consult_views.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "samspar/v1/consult.pb.h"
#include "tests/support/test_patients.h"
#include "tools/samspar/consult_args.h"

namespace samspar::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kConsultId[] = "01j5q3v8ht2m9kx4c7r6wfzn0d";
constexpr char kConsult[] = "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0d";
constexpr char kLine[] = "regions/06/lines/01j5q2r7kx9m4t3c8v6wzfhn2b";

// 2026-03-12 13:05:09 UTC: 14:05:09 in Stockholm (CET, winter time).
constexpr int64_t kCreated = 1773320709;

// A patient number from Skatteverket's list of test personnummer.
std::string TestNumber() { return testing::SkatteverketTestNumbers(1).at(0); }

// YYYYMMDD-NNNC, as a care professional reads it.
std::string Displayed(const std::string& number) { return number.substr(0, 8) + "-" + number.substr(8); }

google::protobuf::Timestamp At(int64_t seconds_after_creation) {
  google::protobuf::Timestamp time;
  time.set_seconds(kCreated + seconds_after_creation);
  return time;
}

v1::PractitionerRef Practitioner(const std::string& hsa_id, const std::string& display_name) {
  v1::PractitionerRef person;
  person.set_name("regions/06/practitioners/" + hsa_id);
  person.set_hsa_id(hsa_id);
  person.set_display_name(display_name);
  return person;
}

v1::Actor PersonActor(const v1::PractitionerRef& person) {
  v1::Actor actor;
  actor.set_kind(v1::ACTOR_KIND_PERSON);
  *actor.mutable_practitioner() = person;
  return actor;
}

v1::Actor SamsparActor() {
  v1::Actor actor;
  actor.set_kind(v1::ACTOR_KIND_SAMSPAR);
  return actor;
}

const v1::PractitionerRef kRequester = Practitioner("SE2321000057-1001", "Åsa Öberg, distriktsläkare");
const v1::PractitionerRef kFirstContact = Practitioner("SE2321000057-P4K2", "Anna Berg, överläkare");
const v1::PractitionerRef kSecondContact = Practitioner("SE2321000057-P7Q9", "Erik Lind, specialistläkare");

v1::ConsultHistoryEntry Entry(int64_t at, v1::ConsultHistoryAction action, v1::ConsultState state,
                              const v1::Actor& actor) {
  v1::ConsultHistoryEntry entry;
  *entry.mutable_event_time() = At(at);
  entry.set_action(action);
  entry.set_state(state);
  *entry.mutable_actor() = actor;
  return entry;
}

// An acute consult whose first contact declined: now offered to the second,
// on the second step of the cardiology line.
v1::Consult EscalatedConsult() {
  v1::Consult consult;
  consult.set_name(kConsult);
  consult.set_track(v1::TRACK_ACUTE);
  consult.set_priority(v1::PRIORITY_COLOUR_RED);
  *consult.mutable_requester() = kRequester;
  consult.set_requester_role(v1::CALLER_ROLE_CLINICIAN);
  consult.mutable_requester_unit()->set_name("regions/06/units/SE2321000057-E7RT");
  consult.mutable_requester_unit()->set_hsa_id("SE2321000057-E7RT");
  consult.mutable_requester_unit()->set_display_name("Vårdcentralen Bra Liv Gislaved");
  consult.mutable_target()->set_specialty("cardiology");
  consult.set_routed_line(kLine);
  consult.set_routed_line_display_name("Kardiologi bakjour Ryhov");
  consult.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  consult.mutable_patient()->set_value(TestNumber());
  consult.set_question("Bröstsmärta sedan i morse, EKG utan ST-höjning.\nDirektinläggning möjlig?");
  consult.mutable_context()->set_rub_band(v1::RUB_BAND_4);
  consult.set_state(v1::CONSULT_STATE_ESCALATED);
  consult.set_escalation_count(1);
  v1::ConsultOffer& offer = *consult.mutable_current_offer();
  *offer.mutable_practitioner() = kSecondContact;
  offer.set_line(kLine);
  offer.set_escalation_step(1);
  offer.set_escalation_round(0);
  offer.set_presence(v1::PRESENCE_STATE_AVAILABLE);
  *offer.mutable_offer_time() = At(40);
  *offer.mutable_expire_time() = At(160);
  *consult.mutable_create_time() = At(0);
  *consult.mutable_offer_time() = At(1);
  *consult.mutable_update_time() = At(40);

  *consult.add_history() =
      Entry(0, v1::CONSULT_HISTORY_ACTION_CREATED, v1::CONSULT_STATE_CREATED, PersonActor(kRequester));
  v1::ConsultHistoryEntry offered =
      Entry(1, v1::CONSULT_HISTORY_ACTION_OFFERED, v1::CONSULT_STATE_OFFERED, SamsparActor());
  *offered.mutable_subject() = kFirstContact;
  offered.set_line(kLine);
  offered.set_escalation_step(0);
  offered.set_escalation_round(0);
  *consult.add_history() = offered;
  v1::ConsultHistoryEntry declined =
      Entry(39, v1::CONSULT_HISTORY_ACTION_OFFER_DECLINED, v1::CONSULT_STATE_ESCALATED, PersonActor(kFirstContact));
  *declined.mutable_subject() = kFirstContact;
  declined.set_note("busy: står i en akut operation");
  *consult.add_history() = declined;
  v1::ConsultHistoryEntry offered_again =
      Entry(40, v1::CONSULT_HISTORY_ACTION_OFFERED, v1::CONSULT_STATE_ESCALATED, SamsparActor());
  *offered_again.mutable_subject() = kSecondContact;
  offered_again.set_line(kLine);
  offered_again.set_escalation_step(1);
  offered_again.set_escalation_round(0);
  *consult.add_history() = offered_again;
  return consult;
}

// The same consult as a care coordinator, who is not a participant, reads
// it after the requester cancelled it.
v1::Consult WithheldCancelledConsult() {
  v1::Consult consult = EscalatedConsult();
  consult.clear_patient();
  consult.clear_question();
  consult.clear_current_offer();
  consult.set_patient_data_withheld(true);
  consult.set_state(v1::CONSULT_STATE_CANCELLED);
  *consult.mutable_end_time() = At(100);
  v1::ConsultHistoryEntry cancelled =
      Entry(100, v1::CONSULT_HISTORY_ACTION_CANCELLED, v1::CONSULT_STATE_CANCELLED, PersonActor(kRequester));
  *consult.add_history() = cancelled;
  for (v1::ConsultHistoryEntry& entry : *consult.mutable_history()) entry.clear_note();
  return consult;
}

std::vector<std::string> Lines(const std::string& text) { return absl::StrSplit(text, '\n', absl::SkipEmpty()); }

// The line that starts (after indentation) with `label`.
std::string FieldLine(const std::string& text, absl::string_view label) {
  for (const std::string& line : Lines(text)) {
    if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), absl::StrCat(label, " "))) return line;
  }
  return "";
}

// Where `needle` starts in `line`, counted in characters as a terminal shows
// them (Swedish letters are two bytes), or -1.
int Column(const std::string& line, const std::string& needle) {
  const size_t at = line.find(needle);
  if (at == std::string::npos) return -1;
  int characters = 0;
  for (size_t i = 0; i < at; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++characters;
  }
  return characters;
}

TEST(ConsultTimeTest, ShowsStockholmTimeInWinterAndSummer) {
  EXPECT_EQ(FormatConsultTime(At(0)), "2026-03-12 14:05:09");
  google::protobuf::Timestamp summer;
  summer.set_seconds(1782900000);  // 2026-07-01 10:00:00 UTC
  EXPECT_EQ(FormatConsultTime(summer), "2026-07-01 12:00:00");
}

TEST(ConsultDetailTest, ShowsWhoAskedWhomAboutWhichPatient) {
  const std::string text = FormatConsult(EscalatedConsult());

  EXPECT_THAT(Lines(text).at(0), HasSubstr(kConsultId));
  EXPECT_THAT(FieldLine(text, "state"), HasSubstr("escalated, moved on 1 time"));
  EXPECT_THAT(FieldLine(text, "track"), HasSubstr("acute"));
  EXPECT_THAT(FieldLine(text, "priority"), HasSubstr("red"));
  EXPECT_THAT(FieldLine(text, "RUB band"), HasSubstr("4"));
  EXPECT_THAT(FieldLine(text, "requester"), HasSubstr("Åsa Öberg, distriktsläkare (SE2321000057-1001), clinician"));
  EXPECT_THAT(FieldLine(text, "from unit"), HasSubstr("Vårdcentralen Bra Liv Gislaved"));
  EXPECT_THAT(FieldLine(text, "asked"), HasSubstr("specialty cardiology"));
  EXPECT_THAT(FieldLine(text, "routed line"), HasSubstr("Kardiologi bakjour Ryhov (01j5q2r7kx9m4t3c8v6wzfhn2b)"));
  EXPECT_THAT(FieldLine(text, "patient"), HasSubstr("personnummer " + Displayed(TestNumber())));
  EXPECT_THAT(FieldLine(text, "created"), HasSubstr("2026-03-12 14:05:09"));
}

TEST(ConsultDetailTest, KeepsAMultiLineQuestionUnderItsLabel) {
  const std::string text = FormatConsult(EscalatedConsult());
  const std::string first = FieldLine(text, "question");
  ASSERT_THAT(first, HasSubstr("Bröstsmärta sedan i morse"));
  const size_t at = text.find(first) + first.size() + 1;
  const std::string second = text.substr(at, text.find('\n', at) - at);
  EXPECT_EQ(Column(second, "Direktinläggning"), Column(first, "Bröstsmärta"));
}

TEST(ConsultDetailTest, ShowsTheCurrentOfferWithStepRoundAndWhenItMovesOn) {
  const std::string text = FormatConsult(EscalatedConsult());
  EXPECT_THAT(FieldLine(text, "offered to"), HasSubstr("Erik Lind, specialistläkare (SE2321000057-P7Q9), available"));
  EXPECT_THAT(FieldLine(text, "offer"),
              HasSubstr("line Kardiologi bakjour Ryhov, step 2, round 1, since 2026-03-12 14:05:49"));
  EXPECT_THAT(FieldLine(text, "offer moves on"), HasSubstr("2026-03-12 14:07:49"));
}

TEST(ConsultDetailTest, ShowsTheHistoryOldestFirstInAlignedColumns) {
  const std::string text = FormatConsult(EscalatedConsult());
  const size_t history = text.find("\nhistory\n");
  ASSERT_NE(history, std::string::npos);
  const std::vector<std::string> rows = Lines(text.substr(history + 9));
  ASSERT_EQ(rows.size(), 5u);  // the heading and four entries

  EXPECT_THAT(rows[1], HasSubstr("2026-03-12 14:05:09"));
  EXPECT_THAT(rows[1], HasSubstr("created"));
  EXPECT_THAT(rows[2], HasSubstr("offered"));
  EXPECT_THAT(rows[2], HasSubstr("Anna Berg, överläkare (SE2321000057-P4K2), line Kardiologi bakjour Ryhov"));
  EXPECT_THAT(rows[2], HasSubstr("step 1, round 1"));
  EXPECT_THAT(rows[3], HasSubstr("offer-declined"));
  EXPECT_THAT(rows[3], HasSubstr("“busy: står i en akut operation”"));
  EXPECT_THAT(rows[4], HasSubstr("Erik Lind"));
  EXPECT_THAT(rows[4], HasSubstr("step 2, round 1"));

  // Each column starts where its heading does, whatever the Swedish names
  // before it.
  const int by = Column(rows[0], "by"), details = Column(rows[0], "details");
  EXPECT_EQ(Column(rows[1], "Åsa Öberg"), by);
  EXPECT_EQ(Column(rows[2], "Samspår"), by);
  EXPECT_EQ(Column(rows[3], "Anna Berg, överläkare"), by);
  EXPECT_EQ(Column(rows[2], "Anna Berg"), details);
  EXPECT_EQ(Column(rows[4], "Erik Lind"), details);
}

TEST(ConsultDetailTest, SaysSoWhenThereIsNoPatient) {
  v1::Consult consult = EscalatedConsult();
  consult.clear_patient();
  EXPECT_THAT(FieldLine(FormatConsult(consult), "patient"), HasSubstr("none"));
}

TEST(ConsultDetailTest, ShowsWithheldPatientDataAsWithheldNotAsEmpty) {
  const std::string text = FormatConsult(WithheldCancelledConsult());

  EXPECT_THAT(FieldLine(text, "patient"), HasSubstr(kWithheld));
  EXPECT_THAT(FieldLine(text, "question"), HasSubstr(kWithheld));
  EXPECT_THAT(FieldLine(text, "cancelled"), HasSubstr(kWithheld));
  EXPECT_THAT(FieldLine(text, "messages"), HasSubstr(kWithheld));
  EXPECT_THAT(text, Not(HasSubstr("none (a question without a patient)")));
  // The structured fields stay visible.
  EXPECT_THAT(FieldLine(text, "state"), HasSubstr("cancelled"));
  EXPECT_THAT(FieldLine(text, "routed line"), HasSubstr("Kardiologi bakjour Ryhov"));
  // History notes that carry text: the decline and the cancellation.
  const std::vector<std::string> rows = Lines(text.substr(text.find("\nhistory\n")));
  int withheld_notes = 0;
  for (const std::string& row : rows) withheld_notes += absl::StrContains(row, kWithheld) ? 1 : 0;
  EXPECT_EQ(withheld_notes, 2);
}

TEST(ConsultDetailTest, ShowsAnOutcomeButWithholdsItsNoteAndTheAnswer) {
  v1::Consult consult = WithheldCancelledConsult();
  consult.set_state(v1::CONSULT_STATE_ANSWERED);
  *consult.mutable_assignee() = kSecondContact;
  *consult.mutable_answer_time() = At(600);
  consult.set_outcome(v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  *consult.mutable_outcome_recorded_by() = PersonActor(kSecondContact);
  const std::string text = FormatConsult(consult);

  EXPECT_THAT(FieldLine(text, "answer"), HasSubstr(kWithheld));
  EXPECT_THAT(FieldLine(text, "outcome"), HasSubstr("direct-admission, by Erik Lind"));
  EXPECT_THAT(FieldLine(text, "outcome note"), HasSubstr(kWithheld));
}

TEST(ConsultDetailTest, ShowsTheAnswerOutcomeAndTimesToAParticipant) {
  v1::Consult consult = EscalatedConsult();
  consult.clear_current_offer();
  consult.set_state(v1::CONSULT_STATE_ANSWERED);
  *consult.mutable_assignee() = kSecondContact;
  consult.set_answer("Skicka patienten direkt till avdelning 14.");
  consult.set_outcome(v1::CONSULT_OUTCOME_DIRECT_ADMISSION);
  consult.set_outcome_note("Direktinläggning hjärtavdelningen");
  *consult.mutable_answer_time() = At(600);
  consult.mutable_time_to_answer()->set_seconds(600);
  const std::string text = FormatConsult(consult);

  EXPECT_THAT(text, Not(HasSubstr(kWithheld)));
  EXPECT_THAT(FieldLine(text, "answer"), HasSubstr("Skicka patienten direkt till avdelning 14."));
  EXPECT_THAT(FieldLine(text, "outcome note"), HasSubstr("Direktinläggning hjärtavdelningen"));
  EXPECT_THAT(FieldLine(text, "answered"), HasSubstr("2026-03-12 14:15:09"));
  EXPECT_THAT(FieldLine(text, "time to answer"), HasSubstr("10 min"));
  EXPECT_THAT(text, Not(HasSubstr("offered to")));
}

TEST(ConsultDetailTest, TellsTheRequesterWhereToCallWhenNobodyAnswered) {
  v1::Consult consult = EscalatedConsult();
  consult.clear_current_offer();
  consult.set_state(v1::CONSULT_STATE_UNANSWERED);
  consult.set_unanswered_reason(v1::UNANSWERED_REASON_NOBODY_ACCEPTED);
  consult.set_fallback_phone("+46101234567");
  const std::string text = FormatConsult(consult);
  EXPECT_THAT(FieldLine(text, "unanswered"), HasSubstr("nobody-accepted"));
  EXPECT_THAT(FieldLine(text, "fallback phone"), HasSubstr("+46101234567"));
}

TEST(ConsultTableTest, AlignsEveryColumnUnderItsHeading) {
  v1::Consult accepted = EscalatedConsult();
  accepted.set_name("regions/06/consults/01j5q4a2bc3d4e5f6g7h8j9k0m");
  accepted.clear_current_offer();
  accepted.set_state(v1::CONSULT_STATE_ACCEPTED);
  accepted.set_answer_overdue(true);
  *accepted.mutable_assignee() = kFirstContact;
  const std::string table = FormatConsultTable({EscalatedConsult(), WithheldCancelledConsult(), accepted});
  const std::vector<std::string> rows = Lines(table);
  ASSERT_EQ(rows.size(), 4u);

  const int state = Column(rows[0], "state"), with = Column(rows[0], "with"), patient = Column(rows[0], "patient"),
            question = Column(rows[0], "question");
  EXPECT_EQ(Column(rows[1], "escalated"), state);
  EXPECT_EQ(Column(rows[2], "cancelled"), state);
  EXPECT_EQ(Column(rows[3], "accepted (overdue)"), state);
  EXPECT_EQ(Column(rows[1], "offered: Erik Lind"), with);
  EXPECT_EQ(Column(rows[3], "Anna Berg, överläkare"), with);
  EXPECT_EQ(Column(rows[1], Displayed(TestNumber()).substr(0, 9) + "****"), patient);
  EXPECT_EQ(Column(rows[2], kWithheld), patient);
  EXPECT_EQ(Column(rows[1], "Bröstsmärta sedan i morse, EKG utan"), question);
  EXPECT_EQ(Column(rows[3], "Bröstsmärta"), question);
  EXPECT_THAT(rows[2], HasSubstr(std::string(kWithheld) + "  " + kWithheld));
}

TEST(ConsultTableTest, MasksThePatientAndShortensTheQuestion) {
  const std::string table = FormatConsultTable({EscalatedConsult()});
  EXPECT_THAT(table, Not(HasSubstr(TestNumber())));
  EXPECT_THAT(table, Not(HasSubstr(Displayed(TestNumber()))));
  EXPECT_THAT(table, HasSubstr("Bröstsmärta sedan i morse, EKG utan ST-…"));
  EXPECT_THAT(table, Not(HasSubstr("Direktinläggning")));
}

TEST(ConsultTableTest, SaysSoWhenThereAreNone) { EXPECT_EQ(FormatConsultTable({}), "no consults\n"); }

v1::ConsultMessage Message() {
  v1::ConsultMessage message;
  message.set_name(std::string(kConsult) + "/messages/01j5q5b3cd4e5f6g7h8j9k0m1n");
  *message.mutable_author() = PersonActor(kRequester);
  message.set_author_role(v1::CONSULT_PARTICIPANT_ROLE_REQUESTER);
  message.set_text("Troponin 45.\nNytt EKG bifogat.");
  *message.mutable_create_time() = At(300);
  return message;
}

TEST(ConsultMessageTest, ShowsTimeAuthorRoleAndTheTextIndented) {
  EXPECT_EQ(FormatConsultMessage(Message()),
            "2026-03-12 14:10:09  Åsa Öberg, distriktsläkare, requester\n"
            "    Troponin 45.\n"
            "    Nytt EKG bifogat.\n");
}

TEST(ConsultEventTest, StartsWithTheConsultAsItIs) {
  v1::WatchConsultResponse event;
  *event.mutable_consult() = EscalatedConsult();
  const std::string line = FormatConsultEvent(event);
  EXPECT_THAT(line, Not(HasSubstr("\n")));
  EXPECT_THAT(line, HasSubstr(kConsultId));
  EXPECT_THAT(line, HasSubstr("now escalated: offered to Erik Lind, specialistläkare (SE2321000057-P7Q9) until "
                              "2026-03-12 14:07:49"));
}

TEST(ConsultEventTest, ShowsAChangeWithWhoMadeIt) {
  v1::WatchConsultResponse event;
  *event.mutable_consult() = EscalatedConsult();
  *event.mutable_change() = EscalatedConsult().history(2);
  EXPECT_EQ(FormatConsultEvent(event),
            "2026-03-12 14:05:48  offer-declined → escalated  Anna Berg, överläkare (SE2321000057-P4K2), "
            "“busy: står i en akut operation”  by Anna Berg, överläkare");
}

TEST(ConsultEventTest, ShowsAMessageOnOneLine) {
  v1::WatchConsultResponse event;
  *event.mutable_consult() = EscalatedConsult();
  *event.mutable_message() = Message();
  EXPECT_EQ(FormatConsultEvent(event),
            "2026-03-12 14:10:09  message from Åsa Öberg, distriktsläkare, requester: "
            "Troponin 45. Nytt EKG bifogat.");
}

TEST(OfferEventTest, RingsWithWhatTheContactNeedsToDecide) {
  v1::WatchMyOffersResponse event;
  event.set_kind(v1::OFFER_EVENT_KIND_OFFERED);
  *event.mutable_consult() = EscalatedConsult();
  EXPECT_EQ(FormatOfferEvent(event),
            "2026-03-12 14:05:49  offered  01j5q3v8ht2m9kx4c7r6wfzn0d  escalated  acute, red  from Åsa Öberg, "
            "distriktsläkare (SE2321000057-1001)  until 2026-03-12 14:07:49  “Bröstsmärta sedan i morse, EKG utan "
            "ST-höjning. Direktinläggning möjlig?”");
}

TEST(OfferEventTest, AWithdrawnOfferShowsTheQuestionAsWithheld) {
  v1::WatchMyOffersResponse event;
  event.set_kind(v1::OFFER_EVENT_KIND_OFFER_WITHDRAWN);
  *event.mutable_consult() = WithheldCancelledConsult();
  const std::string line = FormatOfferEvent(event);
  EXPECT_THAT(line, HasSubstr("offer-withdrawn  01j5q3v8ht2m9kx4c7r6wfzn0d  cancelled"));
  EXPECT_THAT(line, HasSubstr(kWithheld));
}

TEST(OfferEventTest, MarksTheEndOfTheSnapshotAndShowsMessages) {
  v1::WatchMyOffersResponse end;
  end.set_kind(v1::OFFER_EVENT_KIND_SNAPSHOT_END);
  EXPECT_THAT(FormatOfferEvent(end), ::testing::StartsWith("snapshot-end  "));

  v1::WatchMyOffersResponse message;
  message.set_kind(v1::OFFER_EVENT_KIND_MESSAGE_CREATED);
  *message.mutable_consult() = EscalatedConsult();
  *message.mutable_message() = Message();
  EXPECT_EQ(FormatOfferEvent(message),
            "2026-03-12 14:10:09  message-created  01j5q3v8ht2m9kx4c7r6wfzn0d  from Åsa Öberg, distriktsläkare, "
            "requester: Troponin 45. Nytt EKG bifogat.");
}

TEST(ConsultArgsTest, ReadsOutcomesInAnyCaseWithHyphensOrUnderscores) {
  EXPECT_EQ(ParseOutcome("advice-given-referral-avoided").value(), v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED);
  EXPECT_EQ(ParseOutcome("ADVICE_GIVEN_REFERRAL_AVOIDED").value(), v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED);
  EXPECT_EQ(ParseOutcome("Sent-To-ED").value(), v1::CONSULT_OUTCOME_SENT_TO_ED);
  EXPECT_EQ(ParseOutcome("CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE").value(),
            v1::CONSULT_OUTCOME_AMBULANCE_TO_HEALTH_CENTRE);
}

TEST(ConsultArgsTest, AnUnknownOutcomeListsEveryName) {
  for (const char* wrong : {"advice-given", "", "unspecified"}) {
    absl::StatusOr<v1::ConsultOutcome> outcome = ParseOutcome(wrong);
    ASSERT_FALSE(outcome.ok()) << wrong;
    EXPECT_EQ(outcome.status().code(), absl::StatusCode::kInvalidArgument);
    for (const char* name : {"advice-given-referral-avoided", "stays-in-primary-care", "direct-to-radiology",
                             "ambulance-treated-on-scene", "conference-requested", "handed-back-to-primary-care"}) {
      EXPECT_THAT(outcome.status().message(), HasSubstr(name));
    }
    EXPECT_THAT(outcome.status().message(), Not(HasSubstr("unspecified")));
  }
}

TEST(ConsultArgsTest, NeverRepeatsWhatWasTyped) {
  const std::string number = TestNumber();
  EXPECT_THAT(ParseOutcome(number).status().message(), Not(HasSubstr(number)));
  EXPECT_THAT(ParseConsultTrack(number).status().message(), Not(HasSubstr(number)));
  EXPECT_THAT(ConsultName("06", "x/" + number).status().message(), Not(HasSubstr(number)));
  EXPECT_THAT(ParsePatient(number + "0").status().message(), Not(HasSubstr(number)));
}

TEST(ConsultArgsTest, ReadsTheTracksAskedAsConsults) {
  EXPECT_EQ(ParseConsultTrack("acute").value(), v1::TRACK_ACUTE);
  EXPECT_EQ(ParseConsultTrack("semi-acute").value(), v1::TRACK_SEMI_ACUTE);
  EXPECT_EQ(ParseConsultTrack("SEMI_ACUTE").value(), v1::TRACK_SEMI_ACUTE);
  EXPECT_EQ(ParseConsultTrack("primary-care").value(), v1::TRACK_ACCESSIBLE_PRIMARY_CARE);
  EXPECT_EQ(ParseConsultTrack("accessible-primary-care").value(), v1::TRACK_ACCESSIBLE_PRIMARY_CARE);
  absl::StatusOr<v1::Track> conference = ParseConsultTrack("multidisciplinary-conference");
  ASSERT_FALSE(conference.ok());
  EXPECT_THAT(conference.status().message(), HasSubstr("acute, semi-acute, primary-care"));
  EXPECT_FALSE(ParseConsultTrack("").ok());
}

TEST(ConsultArgsTest, ReadsReasonsPrioritiesBandsAndRelations) {
  EXPECT_EQ(ParseDeclineReason("not-for-this-line").value(), v1::DECLINE_REASON_NOT_FOR_THIS_LINE);
  EXPECT_EQ(ParseDeclineReason("busy").value(), v1::DECLINE_REASON_BUSY);
  EXPECT_FALSE(ParseDeclineReason("tired").ok());
  EXPECT_EQ(ParsePriority("Red").value(), v1::PRIORITY_COLOUR_RED);
  EXPECT_FALSE(ParsePriority("green").ok());
  EXPECT_EQ(ParseRubBand(5).value(), v1::RUB_BAND_5);
  EXPECT_FALSE(ParseRubBand(0).ok());
  EXPECT_FALSE(ParseRubBand(6).ok());
  EXPECT_EQ(ParseRelation("").value(), v1::CONSULT_RELATION_UNSPECIFIED);
  EXPECT_EQ(ParseRelation("requested").value(), v1::CONSULT_RELATION_REQUESTED_BY_ME);
  EXPECT_EQ(ParseRelation("units").value(), v1::CONSULT_RELATION_MY_UNITS);
  EXPECT_FALSE(ParseRelation("mine").ok());
}

TEST(ConsultArgsTest, ExpandsABareIdInTheCallersRegion) {
  EXPECT_EQ(ConsultName("06", kConsultId).value(), kConsult);
  EXPECT_EQ(ConsultName("13", kConsult).value(), kConsult);  // a full name as given: the service judges it
  EXPECT_EQ(ExpandName("06", "lines", "01j5q2r7kx9m4t3c8v6wzfhn2b").value(), kLine);
  EXPECT_EQ(ExpandName("06", "practitioners", "SE2321000057-P4K2").value(),
            "regions/06/practitioners/SE2321000057-P4K2");
  EXPECT_FALSE(ConsultName("06", "").ok());
  EXPECT_FALSE(ConsultName("06", "consults/" + std::string(kConsultId)).ok());
}

TEST(ConsultArgsTest, ReadsAPersonnummerInEitherLongForm) {
  const std::string number = TestNumber();
  for (const std::string& written : {number, Displayed(number)}) {
    absl::StatusOr<v1::PatientIdentifier> patient = ParsePatient(written);
    ASSERT_TRUE(patient.ok()) << patient.status();
    EXPECT_EQ(patient->kind(), v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
    EXPECT_EQ(patient->value(), number);
  }
  EXPECT_FALSE(ParsePatient("not a number").ok());
}

TEST(ConsultArgsTest, AReserveNumberCarriesItsIssuingRegion) {
  v1::PatientIdentifier patient = ReserveNumber("RES-4711", "06");
  EXPECT_EQ(patient.kind(), v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER);
  EXPECT_EQ(patient.value(), "RES-4711");
  EXPECT_EQ(patient.issuing_region(), "regions/06");
}

}  // namespace
}  // namespace samspar::cli
