#include "services/consult/lifecycle/consult_transitions.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/status/errors.h"

namespace samspar::consult {
namespace {

using v1::ConsultState;

// How long after closing RecordConsultOutcome may still correct the outcome
// (consult.proto; common.proto, OUTCOME_LOCKED).
constexpr absl::Duration kOutcomeCorrectionWindow = absl::Hours(24 * 30);

struct Transition {
  ConsultState from;
  ConsultEvent event;
  ConsultState to;
};

// consult.proto's table, row by row (a row with several sources is one line
// per source). Creation is not here: a new consult has no state to leave.
constexpr Transition kTransitions[] = {
    {v1::CONSULT_STATE_CREATED, ConsultEvent::kRoutedOffered, v1::CONSULT_STATE_OFFERED},
    {v1::CONSULT_STATE_CREATED, ConsultEvent::kRoutingRefused, v1::CONSULT_STATE_UNANSWERED},

    {v1::CONSULT_STATE_OFFERED, ConsultEvent::kAccepted, v1::CONSULT_STATE_ACCEPTED},
    {v1::CONSULT_STATE_ESCALATED, ConsultEvent::kAccepted, v1::CONSULT_STATE_ACCEPTED},
    {v1::CONSULT_STATE_OFFERED, ConsultEvent::kMovedOn, v1::CONSULT_STATE_ESCALATED},
    {v1::CONSULT_STATE_ESCALATED, ConsultEvent::kMovedOn, v1::CONSULT_STATE_ESCALATED},
    {v1::CONSULT_STATE_OFFERED, ConsultEvent::kNobodyLeft, v1::CONSULT_STATE_UNANSWERED},
    {v1::CONSULT_STATE_ESCALATED, ConsultEvent::kNobodyLeft, v1::CONSULT_STATE_UNANSWERED},
    {v1::CONSULT_STATE_OFFERED, ConsultEvent::kDeclinedNotForThisLine,
     v1::CONSULT_STATE_DECLINED},
    {v1::CONSULT_STATE_ESCALATED, ConsultEvent::kDeclinedNotForThisLine,
     v1::CONSULT_STATE_DECLINED},

    {v1::CONSULT_STATE_ACCEPTED, ConsultEvent::kAnswerOverdue, v1::CONSULT_STATE_ACCEPTED},
    {v1::CONSULT_STATE_ACCEPTED, ConsultEvent::kReassignRequested, v1::CONSULT_STATE_REASSIGNED},
    {v1::CONSULT_STATE_REASSIGNED, ConsultEvent::kAccepted, v1::CONSULT_STATE_ACCEPTED},
    {v1::CONSULT_STATE_REASSIGNED, ConsultEvent::kReassignMovedOn, v1::CONSULT_STATE_REASSIGNED},
    {v1::CONSULT_STATE_REASSIGNED, ConsultEvent::kReassignFailed, v1::CONSULT_STATE_ACCEPTED},
    {v1::CONSULT_STATE_ACCEPTED, ConsultEvent::kAnswered, v1::CONSULT_STATE_ANSWERED},
    {v1::CONSULT_STATE_ANSWERED, ConsultEvent::kClosed, v1::CONSULT_STATE_CLOSED},

    {v1::CONSULT_STATE_CREATED, ConsultEvent::kCancelled, v1::CONSULT_STATE_CANCELLED},
    {v1::CONSULT_STATE_OFFERED, ConsultEvent::kCancelled, v1::CONSULT_STATE_CANCELLED},
    {v1::CONSULT_STATE_ESCALATED, ConsultEvent::kCancelled, v1::CONSULT_STATE_CANCELLED},
    {v1::CONSULT_STATE_ACCEPTED, ConsultEvent::kCancelled, v1::CONSULT_STATE_CANCELLED},
    {v1::CONSULT_STATE_REASSIGNED, ConsultEvent::kCancelled, v1::CONSULT_STATE_CANCELLED},
};

// The state as the API spells it (the contract's metadata "state" would carry
// the same), or its number for a value this build does not know.
std::string StateName(ConsultState state) {
  const std::string& name = v1::ConsultState_Name(state);
  return name.empty() ? absl::StrCat("consult state ", static_cast<int>(state)) : name;
}

// What the event would have done, to complete "a consult in STATE cannot ...".
const char* WhatItWouldDo(ConsultEvent event) {
  switch (event) {
    case ConsultEvent::kRoutedOffered: return "be offered by delayed routing";
    case ConsultEvent::kRoutingRefused: return "be ended unanswered by delayed routing";
    case ConsultEvent::kAccepted: return "be accepted";
    case ConsultEvent::kMovedOn: return "move on to another contact";
    case ConsultEvent::kNobodyLeft: return "end unanswered for want of a contact";
    case ConsultEvent::kDeclinedNotForThisLine: return "be declined as not for this line";
    case ConsultEvent::kAnswerOverdue: return "become overdue";
    case ConsultEvent::kReassignRequested: return "be reassigned";
    case ConsultEvent::kReassignMovedOn: return "move its handover on to another contact";
    case ConsultEvent::kReassignFailed: return "go back to its previous assignee";
    case ConsultEvent::kAnswered: return "be answered";
    case ConsultEvent::kClosed: return "be closed";
    case ConsultEvent::kCancelled: return "be cancelled";
  }
  // An event value outside the enum: refused like any other unknown pair.
  return "change that way";
}

}  // namespace

absl::StatusOr<ConsultState> NextState(ConsultState from, ConsultEvent event) {
  for (const Transition& transition : kTransitions) {
    if (transition.from == from && transition.event == event) return transition.to;
  }
  return WithMetadata(Error(absl::StatusCode::kFailedPrecondition, "INVALID_STATE_TRANSITION",
                            absl::StrCat("a consult in ", StateName(from), " cannot ", WhatItWouldDo(event))),
                      "state", StateName(from));
}

bool IsFinal(ConsultState state) {
  return state == v1::CONSULT_STATE_CLOSED || state == v1::CONSULT_STATE_CANCELLED ||
         state == v1::CONSULT_STATE_UNANSWERED || state == v1::CONSULT_STATE_DECLINED;
}

bool HasPendingOffer(ConsultState state) {
  return state == v1::CONSULT_STATE_OFFERED || state == v1::CONSULT_STATE_ESCALATED ||
         state == v1::CONSULT_STATE_REASSIGNED;
}

absl::Status CheckCanRecordOutcome(const v1::Consult& consult, absl::Time now) {
  const ConsultState state = consult.state();
  if (state == v1::CONSULT_STATE_ANSWERED) return absl::OkStatus();
  if (state != v1::CONSULT_STATE_CLOSED) {
    return Error(absl::StatusCode::kFailedPrecondition, "CONSULT_NOT_ANSWERED",
                 absl::StrCat("a consult in ", StateName(state),
                              " has no outcome yet; it gets one when it is answered"));
  }
  const absl::Time locked_at = api::FromProto(consult.close_time()) + kOutcomeCorrectionWindow;
  if (now > locked_at) {
    return Error(
        absl::StatusCode::kFailedPrecondition, "OUTCOME_LOCKED",
        absl::StrCat("the outcome can be changed for 30 days after closing; it locked at ",
                     absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", locked_at, absl::UTCTimeZone())));
  }
  return absl::OkStatus();
}

absl::Status CheckConversationOpen(ConsultState state) {
  if (!IsFinal(state)) return absl::OkStatus();
  return Error(absl::StatusCode::kFailedPrecondition, "CONSULT_ENDED",
               absl::StrCat("a consult in ", StateName(state),
                            " has ended; its conversation takes no more messages"));
}

}  // namespace samspar::consult
