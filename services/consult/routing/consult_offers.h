#ifndef SAMSPAR_SERVICES_CONSULT_ROUTING_CONSULT_OFFERS_H_
#define SAMSPAR_SERVICES_CONSULT_ROUTING_CONSULT_OFFERS_H_

// Offering a consult along its line (consult.proto, "Routing"): the first
// offer once the target is routed, the next after a decline or an ack
// timeout, and the end of it all (UNANSWERED with the switchboard, or a
// failed handover back to the assignee). Each step is written into a
// ConsultChange, with its history entries and metrics events; the roster is
// asked afresh before every offer, since who is on call and present changes.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "samspar/v1/consult.pb.h"
#include "services/consult/lifecycle/consult_change.h"
#include "services/consult/routing/roster_gateway.h"

namespace samspar::consult {

// What routing keeps of `line` for the timers and events that follow; the
// contract's defaults where the line leaves a duration unset.
LineFacts FactsOf(const v1::Line& line);

// The first offer of a consult whose target routing resolved to `routed`:
// to the named practitioner (unless OFFLINE) off the steps, else to the
// first routable contact of the line (CREATED → OFFERED). When nobody can be
// offered it after all, the consult ends UNANSWERED (NO_ONE_ON_CALL) with
// the line's fallback phone.
absl::Status OfferFirst(ConsultChange& change, const RoutedLine& routed);

// Ends the pending offer without acceptance: a decline or an ack timeout
// (`action` OFFER_DECLINED or OFFER_TIMED_OUT, `note` for the history). The
// contact stops being a participant; MoveOn then finds the next.
void EndOffer(ConsultChange& change, v1::ConsultHistoryAction action, absl::string_view note);

// After EndOffer: the next contact on the line (ESCALATED, or REASSIGNED
// during a handover), else the end: UNANSWERED with `unanswered_reason` and
// the fallback phone (the line's, else `switchboard`), or a handover given
// back to the assignee (ACCEPTED). UNAVAILABLE (ROSTER_UNAVAILABLE) when the
// roster cannot answer: the change is then left with no pending offer, for
// a retry.
absl::Status MoveOn(ConsultChange& change, RosterGateway& roster, absl::string_view switchboard);

// The consult ends UNANSWERED for `reason`, the requester given `phone`.
absl::Status EndUnanswered(ConsultChange& change, ConsultEvent event, v1::UnansweredReason reason,
                           absl::string_view phone);

// What a routing refusal (LINE_CLOSED, NO_ONE_ON_CALL, NO_LINE_FOR_TARGET and
// the like) means for a consult whose routing turned to the line late.
v1::UnansweredReason UnansweredReasonOf(const absl::Status& refusal);

// Starts a handover of an ACCEPTED consult (ACCEPTED → REASSIGNED) to
// `practitioner` (offered with `line`'s first-step ack timeout, off the
// steps) or, when unset, to whoever is on call on `routed.line` other than
// the assignee. FAILED_PRECONDITION (NO_ONE_ON_CALL) when nobody can be
// offered it; the change is then unusable.
absl::Status OfferHandover(ConsultChange& change, const RoutedLine& routed,
                           const absl::optional<NamedPractitioner>& practitioner, absl::string_view note);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_ROUTING_CONSULT_OFFERS_H_
