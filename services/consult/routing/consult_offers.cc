#include "services/consult/routing/consult_offers.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/consult/routing/escalation_plan.h"

namespace samspar::consult {
namespace {

// The contract's defaults (roster.proto, Line and EscalationPolicy).
constexpr absl::Duration kAcuteAnswerTimeout = absl::Minutes(30);
constexpr absl::Duration kOtherAnswerTimeout = absl::Hours(4);
constexpr absl::Duration kAutoCloseDelay = absl::Hours(72);
// An offer off the steps waits as long as the line's first step; a line
// without one (never valid in the roster) gets this.
constexpr absl::Duration kDefaultAckTimeout = absl::Minutes(5);

std::string RegionOf(const v1::Consult& consult) {
  absl::StatusOr<api::RegionalName> name = api::ParseRegional(consult.name(), "consults", "name");
  return name.ok() ? name->region : "";
}

bool IsRosterUnavailable(const absl::Status& status) { return status.code() == absl::StatusCode::kUnavailable; }

absl::Duration FirstStepAckTimeout(const v1::Line& line) {
  const v1::EscalationPolicy& policy = line.escalation_policy();
  if (policy.steps().empty()) return kDefaultAckTimeout;
  const absl::Duration timeout = api::FromProto(policy.steps(0).ack_timeout());
  return timeout > absl::ZeroDuration() ? timeout : kDefaultAckTimeout;
}

// The switchboard the requester is given: the one the roster named, else
// the line's, else the deployment's for the region.
std::string FallbackPhone(const RoutedLine& routed, absl::string_view switchboard) {
  if (!routed.answer.fallback_phone().empty()) return routed.answer.fallback_phone();
  if (!routed.line.fallback_phone().empty()) return routed.line.fallback_phone();
  return std::string(switchboard);
}

v1::PractitionerRef RefOf(const v1::Practitioner& practitioner) {
  v1::PractitionerRef ref;
  ref.set_name(practitioner.name());
  ref.set_hsa_id(practitioner.hsa_id());
  ref.set_display_name(practitioner.display_name());
  return ref;
}

struct OfferTo {
  v1::PractitionerRef practitioner;
  v1::PresenceState presence = v1::PRESENCE_STATE_UNKNOWN;
  std::string line;
  absl::optional<int> step = absl::nullopt;  // unset for an offer off the steps
  int round = 0;
  absl::Duration ack_timeout = kDefaultAckTimeout;
};

void Offer(ConsultChange& change, const OfferTo& to) {
  v1::Consult& consult = change.consult();
  v1::ConsultOffer& offer = *consult.mutable_current_offer();
  offer.Clear();
  *offer.mutable_practitioner() = to.practitioner;
  offer.set_line(to.line);
  if (to.step.has_value()) {
    offer.set_escalation_step(*to.step);
    offer.set_escalation_round(to.round);
  }
  *offer.mutable_offer_time() = api::ToProto(change.now());
  *offer.mutable_expire_time() = api::ToProto(change.now() + to.ack_timeout);
  offer.set_presence(to.presence);
  if (!consult.has_offer_time()) *consult.mutable_offer_time() = api::ToProto(change.now());
  change.stored().due_time = change.now() + to.ack_timeout;
  // During a handover the assignee's answer deadline is due too, if sooner.
  if (consult.state() == v1::CONSULT_STATE_REASSIGNED && !consult.answer_overdue() && consult.has_answer_due_time()) {
    change.stored().due_time = std::min(*change.stored().due_time, api::FromProto(consult.answer_due_time()));
  }

  v1::ConsultHistoryEntry& entry = change.RecordRouting(v1::CONSULT_HISTORY_ACTION_OFFERED);
  *entry.mutable_subject() = to.practitioner;
  entry.set_line(to.line);
  if (to.step.has_value()) {
    entry.set_escalation_step(*to.step);
    entry.set_escalation_round(to.round);
  }
}

void RecordSkipped(ConsultChange& change, const EscalationDecision& decision, const std::string& line) {
  for (const SkippedStep& skipped : decision.skipped) {
    v1::ConsultHistoryEntry& entry = change.RecordRouting(v1::CONSULT_HISTORY_ACTION_STEP_SKIPPED);
    entry.set_line(line);
    entry.set_escalation_step(skipped.step);
    entry.set_escalation_round(skipped.round);
  }
}

OfferTo OnStep(const PlannedOffer& planned, const std::string& line) {
  return OfferTo{.practitioner = planned.practitioner,
                 .presence = planned.presence,
                 .line = line,
                 .step = planned.step,
                 .round = planned.round,
                 .ack_timeout = planned.ack_timeout};
}

// The handover found nobody: the assignee keeps the consult, with what is
// left of their answer deadline.
absl::Status HandBack(ConsultChange& change) {
  SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kReassignFailed));
  StoredConsult& stored = change.stored();
  stored.consult.clear_current_offer();
  stored.handover_line.reset();
  change.RecordRouting(v1::CONSULT_HISTORY_ACTION_REASSIGN_FAILED);
  stored.due_time = absl::nullopt;
  if (!stored.consult.answer_overdue() && stored.consult.has_answer_due_time()) {
    stored.due_time = api::FromProto(stored.consult.answer_due_time());
  }
  return absl::OkStatus();
}

absl::Status MoveOnHandover(ConsultChange& change, RosterGateway& roster) {
  StoredConsult& stored = change.stored();
  if (!stored.handover_line.has_value()) return HandBack(change);
  absl::StatusOr<RoutedLine> routed =
      roster.Resolve(RegionOf(stored.consult), stored.handover_line->name, change.now());
  if (IsRosterUnavailable(routed.status())) return routed.status();
  if (!routed.ok()) return HandBack(change);  // the line was retired meanwhile
  const EscalationDecision decision = NextOffer(routed->answer, routed->line.escalation_policy().repeat_count(),
                                                stored.escalation, stored.consult.assignee().name());
  if (!decision.offer.has_value()) return HandBack(change);
  SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kReassignMovedOn));
  RecordSkipped(change, decision, routed->line.name());
  stored.escalation = decision.position;
  Offer(change, OnStep(*decision.offer, routed->line.name()));
  return absl::OkStatus();
}

}  // namespace

LineFacts FactsOf(const v1::Line& line) {
  LineFacts facts{.name = line.name(),
                  .display_name = line.display_name(),
                  .unit = line.unit().name(),
                  .specialty = line.specialty()};
  facts.answer_timeout = api::FromProto(line.escalation_policy().answer_timeout());
  if (facts.answer_timeout <= absl::ZeroDuration()) {
    bool fast = false;
    for (int track : line.tracks()) {
      fast = fast || track == v1::TRACK_ACUTE || track == v1::TRACK_ACCESSIBLE_PRIMARY_CARE;
    }
    facts.answer_timeout = fast ? kAcuteAnswerTimeout : kOtherAnswerTimeout;
  }
  facts.auto_close_delay = api::FromProto(line.auto_close_delay());
  if (facts.auto_close_delay <= absl::ZeroDuration()) facts.auto_close_delay = kAutoCloseDelay;
  return facts;
}

absl::Status OfferFirst(ConsultChange& change, const RoutedLine& routed) {
  StoredConsult& stored = change.stored();
  v1::Consult& consult = stored.consult;
  consult.set_routed_line(routed.line.name());
  consult.set_routed_line_display_name(routed.line.display_name());
  // The number to call meanwhile, if the wait gets long.
  consult.set_fallback_phone(FallbackPhone(routed, consult.fallback_phone()));
  stored.routed_line = FactsOf(routed.line);
  stored.escalation = EscalationPosition{};

  absl::optional<OfferTo> first;
  EscalationDecision decision;
  if (routed.named.has_value() && routed.named->presence != v1::PRESENCE_STATE_OFFLINE) {
    first = OfferTo{.practitioner = RefOf(routed.named->practitioner),
                    .presence = routed.named->presence,
                    .line = routed.line.name(),
                    .ack_timeout = FirstStepAckTimeout(routed.line)};
  } else {
    decision = NextOffer(routed.answer, routed.line.escalation_policy().repeat_count(), EscalationPosition{});
    if (decision.offer.has_value()) first = OnStep(*decision.offer, routed.line.name());
  }

  if (!first.has_value()) {
    // The roster said someone was routable a moment ago; nobody is now.
    return EndUnanswered(change, ConsultEvent::kRoutingRefused, v1::UNANSWERED_REASON_NO_ONE_ON_CALL,
                         FallbackPhone(routed, ""));
  }
  SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kRoutedOffered));
  RecordSkipped(change, decision, routed.line.name());
  stored.escalation = decision.offer.has_value() ? decision.position : EscalationPosition{};
  Offer(change, *first);
  change.Emit(v1::EVENT_TYPE_CONSULT_OFFERED);
  return absl::OkStatus();
}

void EndOffer(ConsultChange& change, v1::ConsultHistoryAction action, absl::string_view note) {
  v1::Consult& consult = change.consult();
  const v1::ConsultOffer offer = consult.current_offer();
  v1::ConsultHistoryEntry& entry = change.Record(action);
  *entry.mutable_subject() = offer.practitioner();
  entry.set_line(offer.line());
  if (offer.has_escalation_step()) {
    entry.set_escalation_step(offer.escalation_step());
    entry.set_escalation_round(offer.escalation_round());
  }
  entry.set_note(std::string(note));
  consult.clear_current_offer();
  change.stored().due_time = absl::nullopt;
}

absl::Status MoveOn(ConsultChange& change, RosterGateway& roster, absl::string_view switchboard) {
  StoredConsult& stored = change.stored();
  v1::Consult& consult = stored.consult;
  if (consult.state() == v1::CONSULT_STATE_REASSIGNED) return MoveOnHandover(change, roster);
  const std::string region = RegionOf(consult);

  absl::StatusOr<RoutedLine> routed;
  EscalationPosition after = stored.escalation;
  if (after.step < 0) {
    // The named practitioner did not take it: the fallback line from its
    // first step, as if it had been the target, refusals included.
    v1::ConsultTarget line_target;
    line_target.set_line(consult.routed_line());
    routed = roster.Route(region, consult.track(), line_target, change.now());
    after = EscalationPosition{};
    // Who just let it pass is not offered it again at once from the line.
    for (auto entry = consult.history().rbegin(); entry != consult.history().rend(); ++entry) {
      if (entry->action() == v1::CONSULT_HISTORY_ACTION_OFFERED) {
        after.offered_in_round.push_back(entry->subject().name());
        break;
      }
    }
  } else {
    routed = roster.Resolve(region, consult.routed_line(), change.now());
  }
  if (IsRosterUnavailable(routed.status())) return routed.status();
  if (!routed.ok()) {
    const std::string phone = MetadataOf(routed.status(), "fallback_phone").value_or(std::string(switchboard));
    return EndUnanswered(change, ConsultEvent::kNobodyLeft, UnansweredReasonOf(routed.status()), phone);
  }
  stored.routed_line = FactsOf(routed->line);
  consult.set_fallback_phone(FallbackPhone(*routed, switchboard));
  const EscalationDecision decision = NextOffer(routed->answer, routed->line.escalation_policy().repeat_count(), after);
  RecordSkipped(change, decision, routed->line.name());
  if (!decision.offer.has_value()) {
    return EndUnanswered(change, ConsultEvent::kNobodyLeft, v1::UNANSWERED_REASON_NOBODY_ACCEPTED,
                         FallbackPhone(*routed, switchboard));
  }
  SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kMovedOn));
  consult.set_escalation_count(consult.escalation_count() + 1);
  stored.escalation = decision.position;
  Offer(change, OnStep(*decision.offer, routed->line.name()));
  change.Emit(v1::EVENT_TYPE_CONSULT_ESCALATED);
  return absl::OkStatus();
}

absl::Status EndUnanswered(ConsultChange& change, ConsultEvent event, v1::UnansweredReason reason,
                           absl::string_view phone) {
  SAMSPAR_RETURN_IF_ERROR(change.Apply(event));
  v1::Consult& consult = change.consult();
  consult.clear_current_offer();
  consult.set_unanswered_reason(reason);
  consult.set_fallback_phone(std::string(phone));
  change.RecordRouting(v1::CONSULT_HISTORY_ACTION_UNANSWERED);
  change.Emit(v1::EVENT_TYPE_CONSULT_UNANSWERED);
  return absl::OkStatus();
}

v1::UnansweredReason UnansweredReasonOf(const absl::Status& refusal) {
  const std::string reason = ReasonOf(refusal).value_or("");
  if (reason == "LINE_CLOSED") return v1::UNANSWERED_REASON_LINE_CLOSED;
  if (reason == "NO_ONE_ON_CALL") return v1::UNANSWERED_REASON_NO_ONE_ON_CALL;
  return v1::UNANSWERED_REASON_NO_LINE_FOR_TARGET;
}

absl::Status OfferHandover(ConsultChange& change, const RoutedLine& routed,
                           const absl::optional<NamedPractitioner>& practitioner, absl::string_view note) {
  StoredConsult& stored = change.stored();
  absl::optional<OfferTo> to;
  EscalationDecision decision;
  if (practitioner.has_value()) {
    to = OfferTo{.practitioner = RefOf(practitioner->practitioner),
                 .presence = practitioner->presence,
                 .line = routed.line.name(),
                 .ack_timeout = FirstStepAckTimeout(routed.line)};
  } else {
    decision = NextOffer(routed.answer, routed.line.escalation_policy().repeat_count(), EscalationPosition{},
                         stored.consult.assignee().name());
    if (!decision.offer.has_value()) {
      return WithMetadata(
          Error(absl::StatusCode::kFailedPrecondition, "NO_ONE_ON_CALL",
                absl::StrCat(routed.line.display_name(), " has nobody else who can be offered the consult now")),
          "line", routed.line.name());
    }
    to = OnStep(*decision.offer, routed.line.name());
  }
  SAMSPAR_RETURN_IF_ERROR(change.Apply(ConsultEvent::kReassignRequested));
  v1::ConsultHistoryEntry& entry = change.Record(v1::CONSULT_HISTORY_ACTION_REASSIGN_REQUESTED);
  if (practitioner.has_value()) *entry.mutable_subject() = to->practitioner;
  entry.set_line(routed.line.name());
  entry.set_note(std::string(note));
  if (practitioner.has_value()) {
    stored.handover_line.reset();
    stored.escalation = EscalationPosition{};
  } else {
    stored.handover_line = FactsOf(routed.line);
    stored.escalation = decision.position;
    RecordSkipped(change, decision, routed.line.name());
  }
  Offer(change, *to);
  const bool other_line = routed.line.name() != stored.consult.routed_line();
  change.Emit(PendingEvent{.type = v1::EVENT_TYPE_CONSULT_REASSIGNED,
                           .previous_line = other_line ? stored.consult.routed_line() : "",
                           .line = other_line ? absl::make_optional(FactsOf(routed.line)) : absl::nullopt});
  return absl::OkStatus();
}

}  // namespace samspar::consult
