#include "tools/samspar/consult_views.h"

#include <algorithm>
#include <sstream>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/calendar/stockholm_time.h"
#include "tools/samspar/consult_args.h"
#include "tools/samspar/kpi_tables.h"

namespace samspar::cli {
namespace {

constexpr int kLabelWidth = 16;

// The last part of a resource name: the id the commands take.
std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

std::string Person(const v1::PractitionerRef& person) {
  if (!person.display_name().empty() && !person.hsa_id().empty()) {
    return absl::StrCat(person.display_name(), " (", person.hsa_id(), ")");
  }
  if (!person.display_name().empty()) return person.display_name();
  if (!person.hsa_id().empty()) return person.hsa_id();
  return person.name().empty() ? "" : IdOf(person.name());
}

// The display name alone, for narrow table columns.
std::string ShortPerson(const v1::PractitionerRef& person) {
  if (!person.display_name().empty()) return person.display_name();
  return Person(person);
}

std::string Unit(const v1::UnitRef& unit) {
  if (!unit.display_name().empty() && !unit.hsa_id().empty()) {
    return absl::StrCat(unit.display_name(), " (", unit.hsa_id(), ")");
  }
  if (!unit.display_name().empty()) return unit.display_name();
  if (!unit.hsa_id().empty()) return unit.hsa_id();
  return unit.name().empty() ? "" : IdOf(unit.name());
}

// Who did something, by name: the HSA-id is in the fields that name people.
std::string Who(const v1::Actor& actor) {
  if (actor.kind() == v1::ACTOR_KIND_SAMSPAR) return "Samspår";
  const std::string person = ShortPerson(actor.practitioner());
  if (actor.kind() == v1::ACTOR_KIND_SYSTEM && !actor.client_id().empty()) {
    return person.empty() ? actor.client_id() : absl::StrCat(person, " via ", actor.client_id());
  }
  return person;
}

// The routed line by its display name; any other line by its id.
std::string LineText(const v1::Consult& consult, const std::string& line) {
  if (line == consult.routed_line() && !consult.routed_line_display_name().empty()) {
    return consult.routed_line_display_name();
  }
  return IdOf(line);
}

std::string StateText(v1::ConsultState state) { return ChoiceName(v1::ConsultState_Name(state), "CONSULT_STATE_"); }
std::string TrackText(v1::Track track) { return ChoiceName(v1::Track_Name(track), "TRACK_"); }
std::string OutcomeText(v1::ConsultOutcome outcome) {
  return ChoiceName(v1::ConsultOutcome_Name(outcome), "CONSULT_OUTCOME_");
}
std::string PriorityText(v1::PriorityColour priority) {
  return priority == v1::PRIORITY_COLOUR_UNSPECIFIED
             ? ""
             : ChoiceName(v1::PriorityColour_Name(priority), "PRIORITY_COLOUR_");
}

// Text on one line: runs of whitespace (new lines too) become one space.
std::string OneLine(const std::string& text) {
  return absl::StrJoin(absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
}

// At most `limit` characters (not bytes: Swedish letters are two) of text on
// one line, "…" marking a cut.
std::string Excerpt(const std::string& text, size_t limit) {
  const std::string line = OneLine(text);
  std::vector<size_t> starts;  // where each character starts
  for (size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  if (starts.size() <= limit) return line;
  return line.substr(0, starts[limit - 1]) + "…";
}

bool IsTwelveDigits(const std::string& value) {
  return value.size() == 12 && std::all_of(value.begin(), value.end(),
                                           [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

// In full, for the participants the service showed it to.
std::string PatientText(const v1::PatientIdentifier& patient) {
  switch (patient.kind()) {
    case v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER:
    case v1::PATIENT_IDENTIFIER_KIND_SAMORDNINGSNUMMER: {
      const std::string& value = patient.value();
      return absl::StrCat(ChoiceName(v1::PatientIdentifierKind_Name(patient.kind()), "PATIENT_IDENTIFIER_KIND_"), " ",
                          IsTwelveDigits(value) ? absl::StrCat(value.substr(0, 8), "-", value.substr(8)) : value);
    }
    case v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER: {
      std::string text = absl::StrCat("reservnummer ", patient.value(), ", issued in ", patient.issuing_region());
      if (!patient.issuing_unit().empty()) absl::StrAppend(&text, " by ", IdOf(patient.issuing_unit()));
      return text;
    }
    default:
      return patient.value();
  }
}

// Enough to recognise whom a row is about: the birth date, not the number.
std::string MaskedPatient(const v1::PatientIdentifier& patient) {
  if (patient.kind() == v1::PATIENT_IDENTIFIER_KIND_RESERVNUMMER) return "reservnummer";
  return IsTwelveDigits(patient.value()) ? absl::StrCat(patient.value().substr(0, 8), "-****") : "****";
}

std::string TargetText(const v1::Consult& consult) {
  const v1::ConsultTarget& target = consult.target();
  switch (target.target_case()) {
    case v1::ConsultTarget::kLine:
      return absl::StrCat("line ", LineText(consult, target.line()));
    case v1::ConsultTarget::kSpecialty:
      return absl::StrCat("specialty ", target.specialty());
    case v1::ConsultTarget::kUnit:
      return absl::StrCat("unit ", Unit(target.unit()));
    case v1::ConsultTarget::kPractitioner:
      return absl::StrCat("practitioner ", Person(target.practitioner()));
    default:
      return "";
  }
}

bool HasPendingOffer(const v1::Consult& consult) {
  return consult.has_current_offer() &&
         (consult.state() == v1::CONSULT_STATE_OFFERED || consult.state() == v1::CONSULT_STATE_ESCALATED ||
          consult.state() == v1::CONSULT_STATE_REASSIGNED);
}

// "step 2, round 1": both counted from one, as people count.
std::string StepText(bool has_step, int32_t step, bool has_round, int32_t round) {
  std::vector<std::string> parts;
  if (has_step) parts.push_back(absl::StrCat("step ", step + 1));
  if (has_round) parts.push_back(absl::StrCat("round ", round + 1));
  return absl::StrJoin(parts, ", ");
}

// Where the consult stands and with whom, in a phrase.
std::string Whereabouts(const v1::Consult& consult) {
  const std::string assignee = Person(consult.assignee());
  switch (consult.state()) {
    case v1::CONSULT_STATE_CREATED:
      return "not offered yet: routing waits for the roster";
    case v1::CONSULT_STATE_OFFERED:
    case v1::CONSULT_STATE_ESCALATED:
    case v1::CONSULT_STATE_REASSIGNED: {
      std::string text = absl::StrCat("offered to ", Person(consult.current_offer().practitioner()));
      if (consult.current_offer().has_expire_time()) {
        absl::StrAppend(&text, " until ", FormatConsultTime(consult.current_offer().expire_time()));
      }
      if (consult.state() == v1::CONSULT_STATE_REASSIGNED) absl::StrAppend(&text, "; held by ", assignee);
      return text;
    }
    case v1::CONSULT_STATE_ACCEPTED: {
      std::string text = absl::StrCat("held by ", assignee);
      if (consult.has_answer_due_time()) {
        absl::StrAppend(&text, ", answer due ", FormatConsultTime(consult.answer_due_time()));
      }
      if (consult.answer_overdue()) absl::StrAppend(&text, " (overdue)");
      return text;
    }
    case v1::CONSULT_STATE_ANSWERED:
      return absl::StrCat("answered by ", assignee, ", ", OutcomeText(consult.outcome()));
    case v1::CONSULT_STATE_CLOSED:
      return absl::StrCat("closed, ", OutcomeText(consult.outcome()));
    case v1::CONSULT_STATE_CANCELLED:
      return "cancelled by the requester";
    case v1::CONSULT_STATE_DECLINED:
      return absl::StrCat("declined by ", Person(consult.decline().practitioner()), " as not for this line");
    case v1::CONSULT_STATE_UNANSWERED: {
      std::string text =
          absl::StrCat("unanswered (",
                       ChoiceName(v1::UnansweredReason_Name(consult.unanswered_reason()), "UNANSWERED_REASON_"), ")");
      if (!consult.fallback_phone().empty()) absl::StrAppend(&text, ": call ", consult.fallback_phone());
      return text;
    }
    default:
      return "";
  }
}

// The history actions whose note carries text (declines, handovers,
// outcomes, cancellations): patient data, withheld from non-participants.
bool CarriesNote(v1::ConsultHistoryAction action) {
  return action == v1::CONSULT_HISTORY_ACTION_OFFER_DECLINED || action == v1::CONSULT_HISTORY_ACTION_DECLINED ||
         action == v1::CONSULT_HISTORY_ACTION_REASSIGN_REQUESTED ||
         action == v1::CONSULT_HISTORY_ACTION_OUTCOME_RECORDED || action == v1::CONSULT_HISTORY_ACTION_CANCELLED;
}

std::string HistoryDetails(const v1::ConsultHistoryEntry& entry, const v1::Consult& consult) {
  std::vector<std::string> parts;
  if (const std::string subject = Person(entry.subject()); !subject.empty()) parts.push_back(subject);
  if (!entry.line().empty()) parts.push_back(absl::StrCat("line ", LineText(consult, entry.line())));
  const std::string step = StepText(entry.has_escalation_step(), entry.escalation_step(), entry.has_escalation_round(),
                                    entry.escalation_round());
  if (!step.empty()) parts.push_back(step);
  if (consult.patient_data_withheld() && CarriesNote(entry.action())) {
    parts.push_back(absl::StrCat("note ", kWithheld));
  } else if (!entry.note().empty()) {
    parts.push_back(absl::StrCat("“", OneLine(entry.note()), "”"));
  }
  return absl::StrJoin(parts, ", ");
}

std::string ActionText(v1::ConsultHistoryAction action) {
  return ChoiceName(v1::ConsultHistoryAction_Name(action), "CONSULT_HISTORY_ACTION_");
}

// "  label           value", continuation lines of the value under its start.
void AddField(std::string& text, absl::string_view label, absl::string_view value) {
  const std::string indent(2 + kLabelWidth + 1, ' ');
  absl::StrAppend(&text, absl::StrFormat("  %-*s ", kLabelWidth, label),
                  absl::StrReplaceAll(value, {{"\n", absl::StrCat("\n", indent)}}), "\n");
}

void AddTime(std::string& text, absl::string_view label, bool has_time, const google::protobuf::Timestamp& time) {
  if (has_time) AddField(text, label, FormatConsultTime(time));
}

// The pending offer: to whom, on which line and step, until when.
void AddOffer(const v1::Consult& consult, std::string& text) {
  const v1::ConsultOffer& offer = consult.current_offer();
  std::string to = Person(offer.practitioner());
  if (offer.presence() != v1::PRESENCE_STATE_UNSPECIFIED) {
    absl::StrAppend(&to, ", ", ChoiceName(v1::PresenceState_Name(offer.presence()), "PRESENCE_STATE_"));
  }
  AddField(text, "offered to", to);
  std::vector<std::string> where;
  if (!offer.line().empty()) where.push_back(absl::StrCat("line ", LineText(consult, offer.line())));
  const std::string step = StepText(offer.has_escalation_step(), offer.escalation_step(), offer.has_escalation_round(),
                                    offer.escalation_round());
  if (!step.empty()) where.push_back(step);
  if (offer.has_offer_time()) where.push_back(absl::StrCat("since ", FormatConsultTime(offer.offer_time())));
  if (!where.empty()) AddField(text, "offer", absl::StrJoin(where, ", "));
  AddTime(text, "offer moves on", offer.has_expire_time(), offer.expire_time());
}

void AddPeople(const v1::Consult& consult, std::string& text) {
  std::string requester = Person(consult.requester());
  if (consult.requester_role() != v1::CALLER_ROLE_UNSPECIFIED) {
    absl::StrAppend(&requester, ", ", ChoiceName(v1::CallerRole_Name(consult.requester_role()), "CALLER_ROLE_"));
  }
  AddField(text, "requester", requester);
  if (consult.has_requester_unit()) {
    std::string unit = Unit(consult.requester_unit());
    if (consult.requester_unit_type() != v1::UNIT_TYPE_UNSPECIFIED) {
      absl::StrAppend(&unit, ", ", ChoiceName(v1::UnitType_Name(consult.requester_unit_type()), "UNIT_TYPE_"));
    }
    AddField(text, "from unit", unit);
  }
  for (const v1::ContactPoint& callback : consult.requester_callback()) {
    AddField(text, "call back",
             callback.label().empty() ? callback.value() : absl::StrCat(callback.value(), " (", callback.label(), ")"));
  }
  AddField(text, "asked", TargetText(consult));
  if (!consult.routed_line().empty()) {
    const std::string id = IdOf(consult.routed_line());
    const std::string& shown = consult.routed_line_display_name();
    AddField(text, "routed line", shown.empty() ? id : absl::StrCat(shown, " (", id, ")"));
  }
}

void AddPatientData(const v1::Consult& consult, std::string& text) {
  if (consult.patient_data_withheld()) {
    AddField(text, "patient", kWithheld);
    AddField(text, "question", kWithheld);
    AddField(text, "context", kWithheld);
    return;
  }
  AddField(text, "patient",
           consult.has_patient() ? PatientText(consult.patient()) : "none (a question without a patient)");
  for (const v1::PatientIdentifier& earlier : consult.previous_patient_identifiers()) {
    AddField(text, "earlier", PatientText(earlier));
  }
  AddField(text, "question", consult.question());
  if (!consult.context().ambulance_mission_id().empty()) {
    AddField(text, "mission", consult.context().ambulance_mission_id());
  }
  for (const v1::DocumentReference& document : consult.context().ehr_documents()) {
    std::string shown = document.display_name().empty() ? document.id() : document.display_name();
    absl::StrAppend(&shown, " (", document.system(), " ", document.id(), ")");
    if (!document.uri().empty()) absl::StrAppend(&shown, " ", document.uri());
    AddField(text, "document", shown);
  }
}

// Who has it now, the answer, the outcome, and how it ended.
void AddProgress(const v1::Consult& consult, std::string& text) {
  const bool withheld = consult.patient_data_withheld();
  if (HasPendingOffer(consult)) AddOffer(consult, text);
  if (consult.has_assignee()) AddField(text, "assignee", Person(consult.assignee()));
  if (withheld && consult.has_answer_time()) {
    AddField(text, "answer", kWithheld);
  } else if (!consult.answer().empty()) {
    AddField(text, "answer", consult.answer());
  }
  if (consult.outcome() != v1::CONSULT_OUTCOME_UNSPECIFIED) {
    std::string outcome = OutcomeText(consult.outcome());
    if (const std::string by = Who(consult.outcome_recorded_by()); !by.empty()) absl::StrAppend(&outcome, ", by ", by);
    AddField(text, "outcome", outcome);
    if (withheld) {
      AddField(text, "outcome note", kWithheld);
    } else if (!consult.outcome_note().empty()) {
      AddField(text, "outcome note", consult.outcome_note());
    }
  }
  if (consult.state() == v1::CONSULT_STATE_DECLINED || consult.has_decline()) {
    const v1::ConsultDecline& decline = consult.decline();
    AddField(text, "declined by", Person(decline.practitioner()));
    AddField(text, "where instead", withheld ? kWithheld : decline.note());
    if (!decline.suggested_line().empty()) AddField(text, "suggested line", IdOf(decline.suggested_line()));
  }
  if (consult.state() == v1::CONSULT_STATE_CANCELLED) {
    AddField(text, "cancelled", withheld ? std::string(kWithheld) : consult.cancel_reason());
  }
  if (consult.unanswered_reason() != v1::UNANSWERED_REASON_UNSPECIFIED) {
    AddField(text, "unanswered",
             ChoiceName(v1::UnansweredReason_Name(consult.unanswered_reason()), "UNANSWERED_REASON_"));
  }
  if (!consult.fallback_phone().empty()) AddField(text, "fallback phone", consult.fallback_phone());
  AddField(text, "messages", withheld ? std::string(kWithheld) : absl::StrCat(consult.message_count()));
}

void AddTimes(const v1::Consult& consult, std::string& text) {
  AddTime(text, "created", consult.has_create_time(), consult.create_time());
  AddTime(text, "first offered", consult.has_offer_time(), consult.offer_time());
  AddTime(text, "accepted", consult.has_accept_time(), consult.accept_time());
  AddTime(text, "answer due", consult.has_answer_due_time(), consult.answer_due_time());
  AddTime(text, "answered", consult.has_answer_time(), consult.answer_time());
  AddTime(text, "closes by itself", consult.has_auto_close_time(), consult.auto_close_time());
  AddTime(text, "closed", consult.has_close_time(), consult.close_time());
  AddTime(text, "ended", consult.has_end_time(), consult.end_time());
  AddTime(text, "last change", consult.has_update_time(), consult.update_time());
  if (consult.has_time_to_accept()) {
    AddField(text, "time to accept", FormatDuration(static_cast<double>(consult.time_to_accept().seconds())));
  }
  if (consult.has_time_to_answer()) {
    AddField(text, "time to answer", FormatDuration(static_cast<double>(consult.time_to_answer().seconds())));
  }
}

void AddHistory(const v1::Consult& consult, std::string& text) {
  if (consult.history().empty()) return;
  TextTable table({{"time"}, {"what"}, {"state after"}, {"by"}, {"details"}});
  for (const v1::ConsultHistoryEntry& entry : consult.history()) {
    table.AddRow({entry.has_event_time() ? FormatConsultTime(entry.event_time()) : "", ActionText(entry.action()),
                  StateText(entry.state()), Who(entry.actor()), HistoryDetails(entry, consult)});
  }
  std::ostringstream printed;
  table.Print(printed);
  const std::string rows = printed.str();
  absl::StrAppend(&text, "\nhistory\n");
  for (absl::string_view line : absl::StrSplit(rows, '\n', absl::SkipEmpty())) {
    absl::StrAppend(&text, "  ", line, "\n");
  }
}

std::string MessageAuthor(const v1::ConsultMessage& message) {
  std::string author = Who(message.author());
  if (message.author_role() != v1::CONSULT_PARTICIPANT_ROLE_UNSPECIFIED) {
    absl::StrAppend(&author, ", ",
                    ChoiceName(v1::ConsultParticipantRole_Name(message.author_role()), "CONSULT_PARTICIPANT_ROLE_"));
  }
  return author;
}

// The question as a line shows it: its start, or that it is withheld.
std::string QuestionExcerpt(const v1::Consult& consult, size_t limit) {
  if (consult.patient_data_withheld()) return kWithheld;
  return absl::StrCat("“", Excerpt(consult.question(), limit), "”");
}

}  // namespace

std::string FormatConsultTime(const google::protobuf::Timestamp& time) {
  const absl::Time instant = absl::FromUnixSeconds(time.seconds());
  absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
  // Without the zone's rules, the instant in UTC and marked so, rather than
  // a local time that is wrong.
  if (!zone.ok()) return absl::FormatTime("%Y-%m-%d %H:%M:%SZ", instant, absl::UTCTimeZone());
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", instant, *zone);
}

std::string FormatConsult(const v1::Consult& consult) {
  std::string text = absl::StrCat("consult ", IdOf(consult.name()), "  (", consult.name(), ")\n");
  std::string state = StateText(consult.state());
  if (consult.escalation_count() > 0) {
    absl::StrAppend(&state, ", moved on ", consult.escalation_count(),
                    consult.escalation_count() == 1 ? " time" : " times");
  }
  if (consult.answer_overdue()) absl::StrAppend(&state, ", answer overdue");
  AddField(text, "state", state);
  AddField(text, "track", TrackText(consult.track()));
  if (consult.priority() != v1::PRIORITY_COLOUR_UNSPECIFIED)
    AddField(text, "priority", PriorityText(consult.priority()));
  if (consult.context().rub_band() != v1::RUB_BAND_UNSPECIFIED) {
    AddField(text, "RUB band", ChoiceName(v1::RubBand_Name(consult.context().rub_band()), "RUB_BAND_"));
  }
  AddPeople(consult, text);
  AddPatientData(consult, text);
  AddProgress(consult, text);
  AddTimes(consult, text);
  AddHistory(consult, text);
  return text;
}

std::string FormatConsultTable(const std::vector<v1::Consult>& consults) {
  if (consults.empty()) return "no consults\n";
  TextTable table({{"consult"},
                   {"created"},
                   {"track"},
                   {"priority"},
                   {"state"},
                   {"line"},
                   {"requester"},
                   {"with"},
                   {"patient"},
                   {"question"}});
  for (const v1::Consult& consult : consults) {
    std::string state = StateText(consult.state());
    if (consult.answer_overdue()) absl::StrAppend(&state, " (overdue)");
    std::string with = "–";
    if (HasPendingOffer(consult)) {
      with = absl::StrCat("offered: ", ShortPerson(consult.current_offer().practitioner()));
    } else if (consult.has_assignee()) {
      with = ShortPerson(consult.assignee());
    }
    std::string line = consult.routed_line_display_name();
    if (line.empty()) line = consult.routed_line().empty() ? "–" : IdOf(consult.routed_line());
    std::string patient = "–";
    if (consult.patient_data_withheld()) {
      patient = kWithheld;
    } else if (consult.has_patient()) {
      patient = MaskedPatient(consult.patient());
    }
    const std::string priority = PriorityText(consult.priority());
    table.AddRow({IdOf(consult.name()), consult.has_create_time() ? FormatConsultTime(consult.create_time()) : "",
                  TrackText(consult.track()), priority.empty() ? "–" : priority, state, line,
                  ShortPerson(consult.requester()), with, patient,
                  consult.patient_data_withheld() ? kWithheld : Excerpt(consult.question(), 40)});
  }
  std::ostringstream printed;
  table.Print(printed);
  return printed.str();
}

std::string FormatConsultMessage(const v1::ConsultMessage& message) {
  std::string text = absl::StrCat(message.has_create_time() ? FormatConsultTime(message.create_time()) : "", "  ",
                                  MessageAuthor(message), "\n");
  for (absl::string_view line : absl::StrSplit(message.text(), '\n')) absl::StrAppend(&text, "    ", line, "\n");
  for (const v1::DocumentReference& document : message.documents()) {
    absl::StrAppend(&text, "    document ", document.display_name().empty() ? document.id() : document.display_name(),
                    " (", document.system(), " ", document.id(), ")",
                    document.uri().empty() ? "" : absl::StrCat(" ", document.uri()), "\n");
  }
  return text;
}

std::string FormatConsultEvent(const v1::WatchConsultResponse& event) {
  const v1::Consult& consult = event.consult();
  if (event.has_message()) {
    const v1::ConsultMessage& message = event.message();
    return absl::StrCat(message.has_create_time() ? FormatConsultTime(message.create_time()) : "", "  message from ",
                        MessageAuthor(message), ": ", OneLine(message.text()));
  }
  if (event.has_change()) {
    const v1::ConsultHistoryEntry& change = event.change();
    std::string line = absl::StrCat(change.has_event_time() ? FormatConsultTime(change.event_time()) : "", "  ",
                                    ActionText(change.action()), " → ", StateText(change.state()));
    if (const std::string details = HistoryDetails(change, consult); !details.empty()) {
      absl::StrAppend(&line, "  ", details);
    }
    if (const std::string by = Who(change.actor()); !by.empty()) absl::StrAppend(&line, "  by ", by);
    return line;
  }
  std::string line = absl::StrCat(consult.has_update_time() ? FormatConsultTime(consult.update_time()) : "",
                                  "  consult ", IdOf(consult.name()), " ", TrackText(consult.track()));
  if (consult.priority() != v1::PRIORITY_COLOUR_UNSPECIFIED)
    absl::StrAppend(&line, " ", PriorityText(consult.priority()));
  absl::StrAppend(&line, "  now ", StateText(consult.state()));
  if (const std::string where = Whereabouts(consult); !where.empty()) absl::StrAppend(&line, ": ", where);
  return line;
}

std::string FormatOfferEvent(const v1::WatchMyOffersResponse& event) {
  const std::string kind = ChoiceName(v1::OfferEventKind_Name(event.kind()), "OFFER_EVENT_KIND_");
  if (event.kind() == v1::OFFER_EVENT_KIND_SNAPSHOT_END) {
    return absl::StrCat(kind, "  the consults offered to you or held by you now are above; changes follow");
  }
  const v1::Consult& consult = event.consult();
  if (event.kind() == v1::OFFER_EVENT_KIND_MESSAGE_CREATED && event.has_message()) {
    const v1::ConsultMessage& message = event.message();
    return absl::StrCat(message.has_create_time() ? FormatConsultTime(message.create_time()) : "", "  ", kind, "  ",
                        IdOf(consult.name()), "  from ", MessageAuthor(message), ": ", OneLine(message.text()));
  }
  std::string line =
      absl::StrCat(consult.has_update_time() ? FormatConsultTime(consult.update_time()) : "", "  ", kind, "  ",
                   IdOf(consult.name()), "  ", StateText(consult.state()), "  ", TrackText(consult.track()));
  if (consult.priority() != v1::PRIORITY_COLOUR_UNSPECIFIED)
    absl::StrAppend(&line, ", ", PriorityText(consult.priority()));
  absl::StrAppend(&line, "  from ", Person(consult.requester()));
  if (HasPendingOffer(consult) && consult.current_offer().has_expire_time()) {
    absl::StrAppend(&line, "  until ", FormatConsultTime(consult.current_offer().expire_time()));
  }
  if (event.kind() == v1::OFFER_EVENT_KIND_ANSWER_OVERDUE && consult.has_answer_due_time()) {
    absl::StrAppend(&line, "  answer was due ", FormatConsultTime(consult.answer_due_time()));
  }
  absl::StrAppend(&line, "  ", QuestionExcerpt(consult, 80));
  return line;
}

}  // namespace samspar::cli
