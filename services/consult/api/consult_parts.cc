#include "services/consult/api/consult_parts.h"

#include "absl/strings/str_cat.h"

namespace samspar::consult {
namespace {

// Past assignees are those the history shows accepting: a handover keeps
// the previous assignee a participant of what they worked on.
bool WasAssignee(const v1::Consult& consult, absl::string_view practitioner) {
  if (IsAssignee(consult, practitioner)) return true;
  for (const v1::ConsultHistoryEntry& entry : consult.history()) {
    if (entry.action() == v1::CONSULT_HISTORY_ACTION_ACCEPTED && entry.subject().name() == practitioner) return true;
  }
  return false;
}

}  // namespace

std::string PractitionerOf(const identity::Caller& caller) {
  if (!caller.person.has_value()) return "";
  return absl::StrCat("regions/", caller.region, "/practitioners/", caller.person->hsa_id);
}

bool IsRequester(const v1::Consult& consult, absl::string_view practitioner) {
  return !practitioner.empty() && consult.requester().name() == practitioner;
}

bool IsAssignee(const v1::Consult& consult, absl::string_view practitioner) {
  return !practitioner.empty() && consult.assignee().name() == practitioner;
}

bool IsOfferedContact(const v1::Consult& consult, absl::string_view practitioner) {
  return !practitioner.empty() && consult.has_current_offer() &&
         consult.current_offer().practitioner().name() == practitioner;
}

bool WasOffered(const v1::Consult& consult, absl::string_view practitioner) {
  if (practitioner.empty()) return false;
  for (const v1::ConsultHistoryEntry& entry : consult.history()) {
    if (entry.action() == v1::CONSULT_HISTORY_ACTION_OFFERED && entry.subject().name() == practitioner) return true;
  }
  return false;
}

bool IsParticipant(const v1::Consult& consult, absl::string_view practitioner) {
  return IsRequester(consult, practitioner) || WasAssignee(consult, practitioner) ||
         IsOfferedContact(consult, practitioner);
}

audit::AccessBasis BasisOf(const v1::Consult& consult, absl::string_view practitioner) {
  if (IsRequester(consult, practitioner)) return audit::AccessBasis::kRequester;
  if (WasAssignee(consult, practitioner)) return audit::AccessBasis::kAssignee;
  if (IsOfferedContact(consult, practitioner)) return audit::AccessBasis::kOfferedContact;
  return audit::AccessBasis::kNone;
}

void WithholdPatientData(v1::Consult& consult) {
  consult.clear_patient();
  consult.clear_previous_patient_identifiers();
  consult.clear_question();
  consult.clear_answer();
  consult.clear_outcome_note();
  consult.mutable_context()->clear_ambulance_mission_id();
  consult.mutable_context()->clear_ehr_documents();
  if (consult.has_decline()) consult.mutable_decline()->clear_note();
  consult.clear_cancel_reason();
  for (v1::ConsultHistoryEntry& entry : *consult.mutable_history()) entry.clear_note();
  consult.set_message_count(0);
  consult.set_patient_data_withheld(true);
}

}  // namespace samspar::consult
