#include "services/roster/oncall/on_call_answer.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/ids/resource_id.h"
#include "services/roster/api/proto_time.h"

namespace samspar::roster {
namespace {

// Routing's order within a step: AVAILABLE, BUSY, UNKNOWN, AWAY, OFFLINE.
int RoutingRank(int state) {
  switch (state) {
    case v1::PRESENCE_STATE_AVAILABLE:
      return 0;
    case v1::PRESENCE_STATE_BUSY:
      return 1;
    case v1::PRESENCE_STATE_AWAY:
      return 3;
    case v1::PRESENCE_STATE_OFFLINE:
      return 4;
    default:
      return 2;
  }
}

v1::OnCallReason ToReason(const LoadedLine& line, const DutyReason& reason) {
  v1::OnCallReason out;
  out.set_kind(static_cast<v1::OnCallReasonKind>(reason.kind));
  out.set_source(reason.source);
  if (reason.kind != ReasonKind::kEscalationPolicy) *out.mutable_duty() = ToProto(reason.duty);
  if (!reason.replaced_practitioner.empty()) {
    *out.mutable_replaced_practitioner() = line.RefOf(reason.replaced_practitioner);
  }
  out.set_description(reason.description);
  return out;
}

std::string FamilyNameOf(const LoadedLine& line, const std::string& hsa_id) {
  auto found = line.people.find(hsa_id);
  return found == line.people.end() ? hsa_id : found->second.family_name();
}

}  // namespace

std::vector<std::string> ContactsOf(const OnCallSnapshot& snapshot) {
  std::vector<std::string> people;
  for (const StepAnswer& step : snapshot.steps) {
    for (const StepContact& contact : step.contacts) {
      if (std::find(people.begin(), people.end(), contact.practitioner) == people.end()) {
        people.push_back(contact.practitioner);
      }
    }
  }
  return people;
}

v1::OnCallAnswer ToAnswer(const LoadedLine& line, const OnCallSnapshot& snapshot, const PresenceView& presence) {
  v1::OnCallAnswer answer;
  answer.set_line(line.line.name());
  *answer.mutable_resolve_time() = ToProto(snapshot.at);
  answer.set_within_hours(snapshot.within_hours);
  if (snapshot.next_open_time.has_value()) *answer.mutable_next_open_time() = ToProto(*snapshot.next_open_time);
  answer.set_gap(snapshot.gap);
  if (snapshot.next_change_time.has_value()) *answer.mutable_next_change_time() = ToProto(*snapshot.next_change_time);
  answer.set_presence_known(presence.known);
  answer.set_public_phone(line.line.public_phone());
  answer.set_fallback_phone(line.line.fallback_phone());
  for (const StepAnswer& step : snapshot.steps) {
    v1::ResolvedStep& resolved = *answer.add_steps();
    resolved.set_escalation_step(step.index);
    *resolved.mutable_policy_step() = line.line.escalation_policy().steps(step.index);
    std::vector<const StepContact*> ordered;
    for (const StepContact& contact : step.contacts) ordered.push_back(&contact);
    auto state_of = [&](const StepContact* contact) {
      auto found = presence.by_practitioner.find(contact->practitioner);
      return found == presence.by_practitioner.end() ? static_cast<int>(v1::PRESENCE_STATE_UNKNOWN)
                                                     : found->second.state;
    };
    std::stable_sort(ordered.begin(), ordered.end(), [&](const StepContact* a, const StepContact* b) {
      return std::make_tuple(RoutingRank(state_of(a)), FamilyNameOf(line, a->practitioner)) <
             std::make_tuple(RoutingRank(state_of(b)), FamilyNameOf(line, b->practitioner));
    });
    for (const StepContact* contact : ordered) {
      v1::OnCallContact& out = *resolved.add_contacts();
      *out.mutable_practitioner() = line.RefOf(contact->practitioner);
      if (auto person = line.people.find(contact->practitioner); person != line.people.end()) {
        *out.mutable_contact_points() = person->second.contact_points();
      }
      auto live = presence.by_practitioner.find(contact->practitioner);
      if (live != presence.by_practitioner.end()) {
        out.set_presence(static_cast<v1::PresenceState>(live->second.state));
        *out.mutable_presence_expire_time() = ToProto(live->second.expire_time);
      } else {
        out.set_presence(v1::PRESENCE_STATE_UNKNOWN);
      }
      out.set_routable(out.presence() != v1::PRESENCE_STATE_OFFLINE);
      *out.mutable_reason() = ToReason(line, contact->reason);
    }
  }
  return answer;
}

v1::Duty ToDuty(const LoadedLine& line, const Duty& duty) {
  v1::Duty out;
  out.set_id(
      ids::DerivedResourceId(absl::StrCat(line.line.name(), "|", duty.practitioner, "|", static_cast<int>(duty.tier),
                                          "|", duty.reason.source, "|", absl::ToUnixMicros(duty.whole.start))));
  out.set_line(line.line.name());
  out.set_line_display_name(line.line.display_name());
  *out.mutable_practitioner() = line.RefOf(duty.practitioner);
  out.set_tier(static_cast<v1::OnCallTier>(duty.tier));
  *out.mutable_interval() = ToProto(duty.interval);
  *out.mutable_reason() = ToReason(line, duty.reason);
  return out;
}

v1::CoverageGap ToGap(const LoadedLine& line, const CoverageGap& gap) {
  v1::CoverageGap out;
  out.set_line(line.line.name());
  out.set_line_display_name(line.line.display_name());
  *out.mutable_interval() = ToProto(gap.interval);
  out.set_later_step_covered(gap.later_step_covered);
  return out;
}

}  // namespace samspar::roster
