#ifndef SAMSPAR_SERVICES_CONSULT_API_CONSULT_REQUESTS_H_
#define SAMSPAR_SERVICES_CONSULT_API_CONSULT_REQUESTS_H_

// What each consult request must hold before the service looks anything up
// (consult.proto, common.proto): required fields, lengths, names, enum
// values, patient identifiers. Pure checks of the request alone; what needs
// the consult, the caller or the roster is decided later.
//
// Each returns the first problem found, as INVALID_ARGUMENT with the reason
// and the path of the offending field (e.g.
// "consult.context.ehr_documents[2].uri"). Two refusals keep the code the
// contract gives them: a name in another region than the request's is
// PERMISSION_DENIED, REGION_MISMATCH, and a track that is not asked as a
// consult is TRACK_NOT_ALLOWED. Messages say what is wrong and never repeat
// the value, which may be patient data. Output-only fields are ignored, as
// common.proto ("Field behaviour") says.
//
// Free text (question, answer, notes, reasons, message text, labels and
// document names) must not hold the patient's identity: `patient` is the
// place for it. Text shaped like a personnummer or samordningsnummer is
// refused with FIELD_INVALID; ERROR_REASON_PATIENT_IDENTITY_DETECTED is
// defined for metrics events only.

#include "absl/status/status.h"
#include "samspar/v1/common.pb.h"
#include "samspar/v1/consult.pb.h"

namespace samspar::consult {

// CreateConsult: a region parent; a UUID request_id; a track asked as a
// consult (ACUTE, SEMI_ACUTE, ACCESSIBLE_PRIMARY_CARE); one target in the
// parent's region; a question of 1 to 4000 characters; at most 20 EHR
// documents; E.164 callback numbers; a valid patient identifier when given.
// `requester_unit` is checked when given; whether the caller's token makes
// it optional is the service's to decide.
absl::Status CheckCreateConsult(const v1::CreateConsultRequest& request);

absl::Status CheckAcceptConsult(const v1::AcceptConsultRequest& request);

// A reason; a note (at most 2000 characters) for NOT_FOR_THIS_LINE and
// OTHER; a suggested line only with NOT_FOR_THIS_LINE, in the consult's
// region.
absl::Status CheckDeclineConsult(const v1::DeclineConsultRequest& request);

// An answer of 1 to 4000 characters and an outcome; whether the outcome
// fits the consult is CheckOutcomeFits.
absl::Status CheckAnswerConsult(const v1::AnswerConsultRequest& request);

// An outcome; whether it fits the consult is CheckOutcomeFits.
absl::Status CheckRecordConsultOutcome(const v1::RecordConsultOutcomeRequest& request);

absl::Status CheckCloseConsult(const v1::CloseConsultRequest& request);

// A reason of at most 500 characters.
absl::Status CheckCancelConsult(const v1::CancelConsultRequest& request);

// A practitioner or a line in the consult's region, and a note of at most
// 2000 characters. Reassigning to oneself needs the caller: the service's.
absl::Status CheckReassignConsult(const v1::ReassignConsultRequest& request);

// A valid personnummer or samordningsnummer; whether it may replace the
// consult's identifier needs the consult.
absl::Status CheckIdentifyConsultPatient(const v1::IdentifyConsultPatientRequest& request);

// A consult parent, a UUID request_id, text of 1 to 4000 characters and at
// most 20 documents.
absl::Status CheckCreateConsultMessage(const v1::CreateConsultMessageRequest& request);

// Whether `outcome` (a valid, specified one, as the request checks leave it)
// may be recorded on a consult of `track` asked from a unit of
// `requester_unit_type`: on an ACCESSIBLE_PRIMARY_CARE consult from an
// AMBULANCE_STATION only the AMBULANCE_* outcomes, and those nowhere else.
// INVALID_ARGUMENT, OUTCOME_NOT_FOR_REQUESTER, field "outcome" otherwise.
absl::Status CheckOutcomeFits(v1::ConsultOutcome outcome, v1::Track track, v1::UnitType requester_unit_type);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_API_CONSULT_REQUESTS_H_
