#ifndef SAMSPAR_SERVICES_CONSULT_LIFECYCLE_CONSULT_TRANSITIONS_H_
#define SAMSPAR_SERVICES_CONSULT_LIFECYCLE_CONSULT_TRANSITIONS_H_

// The consult's state machine (consult.proto, ConsultState): which event may
// move a consult from which state to which, and the checks of the calls that
// leave the state as it is. Pure decisions: callers store the new state only
// when they get one, and leave the consult unchanged on a refusal.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "samspar/v1/consult.pb.h"

namespace samspar::consult {

// What can happen to a consult, one per row of the transition table. The
// hand-over rows have events of their own: running out of contacts ends a
// consult UNANSWERED while it is being offered, but gives it back to the
// previous assignee while it is being handed over, and the caller's side
// effects differ as much as the target state.
enum class ConsultEvent {
  // Delayed routing reached the roster and offered the consult
  // (CREATED → OFFERED).
  kRoutedOffered,
  // Delayed routing reached the roster and a refusal applied, or the routing
  // deadline passed (CREATED → UNANSWERED).
  kRoutingRefused,
  // The offered contact accepted (OFFERED, ESCALATED, REASSIGNED → ACCEPTED).
  kAccepted,
  // A decline other than NOT_FOR_THIS_LINE, or an ack timeout, with another
  // contact left (OFFERED, ESCALATED → ESCALATED).
  kMovedOn,
  // A decline other than NOT_FOR_THIS_LINE, or an ack timeout, with nobody
  // left after the repeats or at a SWITCHBOARD step
  // (OFFERED, ESCALATED → UNANSWERED).
  kNobodyLeft,
  // The offered contact declined with NOT_FOR_THIS_LINE
  // (OFFERED, ESCALATED → DECLINED).
  kDeclinedNotForThisLine,
  // The answer deadline passed (ACCEPTED → ACCEPTED, `answer_overdue` set).
  kAnswerOverdue,
  // The assignee started a handover (ACCEPTED → REASSIGNED).
  kReassignRequested,
  // The handover's contact declined or timed out and another contact is left
  // (REASSIGNED → REASSIGNED).
  kReassignMovedOn,
  // The handover's contact declined or timed out and nobody is left; the
  // previous assignee keeps the consult (REASSIGNED → ACCEPTED).
  kReassignFailed,
  // The assignee answered (ACCEPTED → ANSWERED).
  kAnswered,
  // A participant closed the consult, or its auto-close delay passed
  // (ANSWERED → CLOSED).
  kClosed,
  // The requester withdrew the consult
  // (CREATED, OFFERED, ESCALATED, ACCEPTED, REASSIGNED → CANCELLED).
  kCancelled,
};

// The state after `event` happens to a consult in `from`. Any pair outside
// the table is FAILED_PRECONDITION with reason INVALID_STATE_TRANSITION and
// a message naming the current state.
absl::StatusOr<v1::ConsultState> NextState(v1::ConsultState from, ConsultEvent event);

// CLOSED, CANCELLED, UNANSWERED and DECLINED: nothing happens afterwards.
bool IsFinal(v1::ConsultState state);

// OFFERED, ESCALATED and REASSIGNED: a contact has an offer to accept or
// decline, and the ack timer runs.
bool HasPendingOffer(v1::ConsultState state);

// Whether RecordConsultOutcome may change the outcome now: the consult must
// be ANSWERED or CLOSED (else CONSULT_NOT_ANSWERED), and a CLOSED consult's
// outcome locks 30 days after its `close_time` (OUTCOME_LOCKED).
absl::Status CheckCanRecordOutcome(const v1::Consult& consult, absl::Time now);

// Whether CreateConsultMessage may add to the conversation: not after the
// consult reached a final state (CONSULT_ENDED).
absl::Status CheckConversationOpen(v1::ConsultState state);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_LIFECYCLE_CONSULT_TRANSITIONS_H_
