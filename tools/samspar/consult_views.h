#ifndef SAMSPAR_TOOLS_SAMSPAR_CONSULT_VIEWS_H_
#define SAMSPAR_TOOLS_SAMSPAR_CONSULT_VIEWS_H_

// What `samspar consult` prints: consults, their conversation and the events
// of the watch streams as text for a clinician at a terminal. Times are in
// Swedish local time (Europe/Stockholm); enum values are the short words the
// commands take ("semi-acute", "sent-to-ed"). Patient data the service
// withheld from a caller who is not a participant is shown as withheld, never
// as an empty field, so that nobody reads "no patient" or "no answer" into it.

#include <string>
#include <vector>

#include "google/protobuf/timestamp.pb.h"
#include "samspar/v1/consult.pb.h"

namespace samspar::cli {

inline constexpr char kWithheld[] = "(withheld: not a participant)";

// "2026-11-24 18:05:09", Stockholm time.
std::string FormatConsultTime(const google::protobuf::Timestamp& time);

// One consult in full: state, track, priority, who asked whom, the patient,
// the question, the current offer, the assignee, answer and outcome, how it
// ended, its times, and its history as a table. Ends with a newline.
std::string FormatConsult(const v1::Consult& consult);

// Consults as one aligned table, a row each: id, created, track, priority,
// state, line, requester, with whom it is now, patient (masked), the start
// of the question. "no consults" when empty.
std::string FormatConsultTable(const std::vector<v1::Consult>& consults);

// A message of the conversation: time, author and role, then the text and
// its documents, indented.
std::string FormatConsultMessage(const v1::ConsultMessage& message);

// One line (no newline) for a WatchConsult message: the consult as it is
// (the first), a change from its history, or a new message.
std::string FormatConsultEvent(const v1::WatchConsultResponse& event);

// One line (no newline) for a WatchMyOffers message: what happened, the
// consult's id (to accept or decline it by), track, priority, requester and
// the start of the question.
std::string FormatOfferEvent(const v1::WatchMyOffersResponse& event);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_CONSULT_VIEWS_H_
