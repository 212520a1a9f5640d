#include "services/consult/routing/escalation_plan.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"

namespace samspar::consult {
namespace {

// How one pass over the steps ended: at a contact to offer, at the
// switchboard, or after the last step.
struct Pass {
  const v1::ResolvedStep* step = nullptr;
  const v1::OnCallContact* contact = nullptr;
  std::vector<int> skipped;
  bool at_switchboard = false;
};

absl::Duration FromProto(const google::protobuf::Duration& duration) {
  return absl::Seconds(duration.seconds()) + absl::Nanoseconds(duration.nanos());
}

const v1::OnCallContact* FirstToOffer(const v1::ResolvedStep& step, const std::vector<std::string>& offered,
                                      absl::string_view exclude_practitioner) {
  for (const v1::OnCallContact& contact : step.contacts()) {
    const std::string& name = contact.practitioner().name();
    if (contact.routable() && name != exclude_practitioner && !absl::c_linear_search(offered, name)) {
      return &contact;
    }
  }
  return nullptr;
}

// Walks the steps from `from_step` on. The step of the last offer
// (`current_step`) is not reported as skipped when nobody is left on it:
// it was not passed over, it ran out.
Pass WalkSteps(const v1::OnCallAnswer& answer, int from_step, int current_step,
               const std::vector<std::string>& offered, absl::string_view exclude_practitioner) {
  Pass pass;
  for (const v1::ResolvedStep& step : answer.steps()) {
    if (step.escalation_step() < from_step) continue;
    if (step.policy_step().target() == v1::ESCALATION_TARGET_SWITCHBOARD) {
      pass.at_switchboard = true;
      return pass;
    }
    if (const v1::OnCallContact* contact = FirstToOffer(step, offered, exclude_practitioner)) {
      pass.step = &step;
      pass.contact = contact;
      return pass;
    }
    if (step.escalation_step() != current_step) pass.skipped.push_back(step.escalation_step());
  }
  return pass;
}

void Report(const Pass& pass, int round, EscalationDecision& decision) {
  for (int step : pass.skipped) decision.skipped.push_back({.step = step, .round = round});
}

void Offer(const Pass& pass, int round, std::vector<std::string> offered_before, EscalationDecision& decision) {
  decision.offer = PlannedOffer{
      .practitioner = pass.contact->practitioner(),
      .step = pass.step->escalation_step(),
      .round = round,
      .ack_timeout = FromProto(pass.step->policy_step().ack_timeout()),
      .presence = pass.contact->presence(),
  };
  offered_before.push_back(pass.contact->practitioner().name());
  decision.position = {.step = decision.offer->step, .round = round, .offered_in_round = std::move(offered_before)};
}

}  // namespace

EscalationDecision NextOffer(const v1::OnCallAnswer& answer, int repeat_count, const EscalationPosition& after,
                             absl::string_view exclude_practitioner) {
  EscalationDecision decision{.position = after};
  int round = 0;
  if (after.step >= 0) {
    const Pass rest = WalkSteps(answer, after.step, after.step, after.offered_in_round, exclude_practitioner);
    Report(rest, after.round, decision);
    if (rest.contact != nullptr) {
      Offer(rest, after.round, after.offered_in_round, decision);
      return decision;
    }
    if (after.round >= repeat_count) {
      decision.reached_switchboard = rest.at_switchboard;
      return decision;
    }
    round = after.round + 1;
  }
  // A new round, with nobody offered in it yet. If it finds nobody, no later
  // round over the same answer would find anyone either: routing ends here,
  // without reporting the steps of rounds that offer nobody.
  const Pass fresh = WalkSteps(answer, 0, -1, {}, exclude_practitioner);
  if (fresh.contact == nullptr) {
    decision.reached_switchboard = fresh.at_switchboard;
    return decision;
  }
  Report(fresh, round, decision);
  Offer(fresh, round, {}, decision);
  return decision;
}

bool HasRoutableContact(const v1::OnCallAnswer& answer) {
  return NextOffer(answer, /*repeat_count=*/0, EscalationPosition{}).offer.has_value();
}

}  // namespace samspar::consult
