#ifndef SAMSPAR_TOOLS_SAMSPAR_CONSULT_ARGS_H_
#define SAMSPAR_TOOLS_SAMSPAR_CONSULT_ARGS_H_

// How `samspar consult` reads what a person types: enum values as short
// lower-case words ("semi-acute", "advice-given-referral-avoided"), resource
// names as bare ids in the caller's region, patients as a personnummer or
// samordningsnummer in any form Skatteverket writes. Errors are
// INVALID_ARGUMENT with a message that says what is accepted and never
// repeats the text given, which may be a patient's identity.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "samspar/v1/common.pb.h"
#include "samspar/v1/consult.pb.h"

namespace samspar::cli {

// An enum value as people write it: the name without `prefix`, in lower
// case with '-' for '_' (CONSULT_OUTCOME_SENT_TO_ED -> sent-to-ed).
std::string ChoiceName(absl::string_view enum_name, absl::string_view prefix);

// acute, semi-acute, primary-care (also accessible-primary-care): the tracks
// asked as consults.
absl::StatusOr<v1::Track> ParseConsultTrack(absl::string_view text);

// A ConsultOutcome name without CONSULT_OUTCOME_, in any case, with '-' or
// '_' between words. The error lists every name.
absl::StatusOr<v1::ConsultOutcome> ParseOutcome(absl::string_view text);

// busy, not-on-duty, not-for-this-line, other.
absl::StatusOr<v1::DeclineReason> ParseDeclineReason(absl::string_view text);

// red, yellow, white.
absl::StatusOr<v1::PriorityColour> ParsePriority(absl::string_view text);

// 1 to 5.
absl::StatusOr<v1::RubBand> ParseRubBand(int band);

// requested, assigned, offered, participating, units; empty is every consult
// the caller may read.
absl::StatusOr<v1::ConsultRelation> ParseRelation(absl::string_view text);

// `regions/{region}/{collection}/{id}` from a full name (kept as given; the
// service checks it) or a bare id, which is taken to be in `region`.
absl::StatusOr<std::string> ExpandName(absl::string_view region, absl::string_view collection, absl::string_view text);

// A consult's name from `regions/06/consults/X` or a bare X.
absl::StatusOr<std::string> ConsultName(absl::string_view region, absl::string_view text);

// A personnummer or samordningsnummer (YYYYMMDDNNNC, YYYYMMDD-NNNC,
// YYMMDD-NNNC, ...), in canonical form with its kind.
absl::StatusOr<v1::PatientIdentifier> ParsePatient(absl::string_view text);

// A reserve number issued in `region` (a two-digit county code).
v1::PatientIdentifier ReserveNumber(absl::string_view number, absl::string_view region);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_CONSULT_ARGS_H_
