#ifndef SAMSPAR_SERVICES_CONSULT_ROUTING_ESCALATION_PLAN_H_
#define SAMSPAR_SERVICES_CONSULT_ROUTING_ESCALATION_PLAN_H_

// Whom a consult is offered to next (consult.proto, "Routing"): one contact
// at a time along the routed line's escalation steps, as the roster answers
// for the line right now. The consult service asks at creation and after
// every decline or ack timeout, with a fresh on-call answer each time (a
// handover may have changed who is on call between two offers), and stores
// the position it gets back with the consult.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::consult {

// Where a consult's escalation stands: the last offer made on a step.
struct EscalationPosition {
  // The escalation step of the last offer; -1 before the first.
  int step = -1;
  // Its round: 0 on the first pass over the steps, then one per repeat.
  int round = 0;
  // Practitioner resource names offered in this round. Nobody is offered
  // twice in a round, even when a fresh answer lists them again or they are
  // on two steps.
  std::vector<std::string> offered_in_round = {};
};

// The offer to make now.
struct PlannedOffer {
  v1::PractitionerRef practitioner = {};
  int step = 0;
  int round = 0;
  // The step's ack timeout: how long the offer waits before it moves on.
  absl::Duration ack_timeout = absl::ZeroDuration();
  // The contact's presence when offered.
  v1::PresenceState presence = v1::PRESENCE_STATE_UNSPECIFIED;
};

// A step passed over because nobody on it could be offered the consult
// (history STEP_SKIPPED).
struct SkippedStep {
  int step = 0;
  int round = 0;

  friend bool operator==(const SkippedStep&, const SkippedStep&) = default;
};

struct EscalationDecision {
  // Unset when nobody is left: the consult becomes UNANSWERED
  // (NOBODY_ACCEPTED, or NO_ONE_ON_CALL when nothing was ever offered,
  // which the caller knows).
  absl::optional<PlannedOffer> offer = absl::nullopt;
  // The steps passed over on the way, in order, for the history.
  std::vector<SkippedStep> skipped = {};
  // True when routing ended at the line's SWITCHBOARD step rather than
  // after its last step; either way the requester gets the fallback phone.
  bool reached_switchboard = false;
  // To store with the consult for the next call; `after` unchanged when
  // there is no offer.
  EscalationPosition position = {};
};

// The next offer after `after` (a default position for the first offer),
// over `answer` as the roster gives it now. Steps are taken in order, and
// within a step its routable contacts in the roster's order; a step with
// nobody to offer is skipped at once. The steps before a SWITCHBOARD step
// run `repeat_count` more times (the policy's, 0–5), each round from step 0;
// then routing ends, at the switchboard if the line has one. Within a round
// escalation never goes back to an earlier step: someone who comes onto one
// at a handover is reached in the next round. `exclude_practitioner` (a
// resource name, e.g. the assignee handing the consult over) is never
// offered.
EscalationDecision NextOffer(const v1::OnCallAnswer& answer, int repeat_count, const EscalationPosition& after,
                             absl::string_view exclude_practitioner = "");

// Whether a consult could be offered to anyone on the line now: some step
// before a SWITCHBOARD step has a routable contact. CreateConsult refuses
// with NO_ONE_ON_CALL when not.
bool HasRoutableContact(const v1::OnCallAnswer& answer);

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_ROUTING_ESCALATION_PLAN_H_
