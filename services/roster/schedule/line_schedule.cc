#include "services/roster/schedule/line_schedule.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"

namespace samspar::roster {
namespace {

// How far ahead an answer looks for its next change: beyond the longest
// override (92 days), so that the end of anything in force is seen.
constexpr absl::Duration kLookAhead = absl::Hours(24 * 93);

absl::optional<Tier> TierOf(StepTarget target) {
  switch (target) {
    case StepTarget::kOnCall:
      return Tier::kPrimary;
    case StepTarget::kBackup:
      return Tier::kBackup;
    case StepTarget::kPractitioner:
    case StepTarget::kSwitchboard:
      return absl::nullopt;
  }
  return absl::nullopt;
}

}  // namespace

LineSchedule::LineSchedule(LineSpec line, std::vector<RotationSpec> rotations,
                           std::vector<ShiftSpec> shifts, std::vector<OverrideSpec> overrides,
                           absl::flat_hash_set<std::string> inactive, absl::TimeZone zone)
    : line_(std::move(line)),
      zone_(zone),
      shifts_(std::move(shifts)),
      overrides_(std::move(overrides)),
      inactive_(std::move(inactive)) {
  for (RotationSpec& rotation : rotations) {
    rotations_.push_back(std::make_unique<RotationPlan>(std::move(rotation), line_.hours, zone_));
  }
}

std::vector<Duty> LineSchedule::DutiesIn(calendar::Interval window) const {
  // Overrides act on whole duties (a REPLACE follows A's duty to its end), so
  // they are applied before the duties are clipped to the window.
  std::vector<Duty> duties;
  for (const auto& rotation : rotations_) {
    std::vector<Duty> turns = rotation->DutiesOverlapping(window);
    std::move(turns.begin(), turns.end(), std::back_inserter(duties));
  }
  for (const ShiftSpec& shift : shifts_) {
    if (shift.interval.Overlaps(window)) duties.push_back(ShiftDuty(shift));
  }
  // Every override that touches these duties applies, not only those in the
  // window, so that a duty is cut into the same pieces whatever the window.
  calendar::Interval span = window;
  auto widen = [&span](calendar::Interval interval) {
    span = {std::min(span.start, interval.start), std::max(span.end, interval.end)};
  };
  for (const Duty& duty : duties) widen(duty.interval);
  for (const OverrideSpec& spec : overrides_) {
    if (spec.kind == OverrideKind::kAdd && spec.interval.Overlaps(window)) widen(spec.interval);
  }
  std::vector<OverrideSpec> touching;
  for (const OverrideSpec& spec : overrides_) {
    if (spec.interval.Overlaps(span)) touching.push_back(spec);
  }
  duties = ApplyOverrides(std::move(duties), std::move(touching));

  std::vector<Duty> result;
  for (Duty& duty : duties) {
    if (inactive_.contains(duty.practitioner)) continue;
    duty.whole = duty.interval;
    duty.interval = {std::max(duty.interval.start, window.start), std::min(duty.interval.end, window.end)};
    if (duty.interval.empty()) continue;
    result.push_back(std::move(duty));
  }
  std::sort(result.begin(), result.end(), [](const Duty& a, const Duty& b) {
    return std::tie(a.interval.start, a.practitioner, a.tier, a.reason.source) <
           std::tie(b.interval.start, b.practitioner, b.tier, b.reason.source);
  });
  return result;
}

OnCallSnapshot LineSchedule::At(absl::Time instant) const {
  OnCallSnapshot snapshot;
  snapshot.at = instant;
  calendar::Interval ahead{instant, instant + kLookAhead};
  IntervalSet hours = line_.hours.CoveredIn(ahead, zone_);
  snapshot.within_hours = !hours.empty() && hours.front().start == instant;
  if (!snapshot.within_hours) {
    absl::Time opening = hours.empty() ? line_.hours.NextOpening(ahead.end, zone_) : hours.front().start;
    if (opening != absl::InfiniteFuture()) snapshot.next_open_time = opening;
  }

  std::vector<Duty> duties = DutiesIn(ahead);
  std::vector<absl::Time> changes;
  for (const calendar::Interval& open : hours) {
    changes.push_back(open.start);
    changes.push_back(open.end);
  }
  for (const Duty& duty : duties) {
    changes.push_back(duty.interval.start);
    changes.push_back(duty.interval.end);
  }
  for (absl::Time change : changes) {
    if (change > instant && change < ahead.end &&
        (!snapshot.next_change_time.has_value() || change < *snapshot.next_change_time)) {
      snapshot.next_change_time = change;
    }
  }

  for (size_t index = 0; index < line_.steps.size(); ++index) {
    const EscalationStepSpec& step = line_.steps[index];
    StepAnswer answer;
    answer.index = static_cast<int>(index);
    if (absl::optional<Tier> tier = TierOf(step.target); tier.has_value()) {
      for (const Duty& duty : duties) {
        if (duty.tier != *tier || !duty.interval.Contains(instant)) continue;
        bool listed = std::any_of(answer.contacts.begin(), answer.contacts.end(),
                                  [&](const StepContact& c) { return c.practitioner == duty.practitioner; });
        if (!listed) answer.contacts.push_back({duty.practitioner, duty.reason});
      }
    } else if (step.target == StepTarget::kPractitioner && !inactive_.contains(step.practitioner)) {
      DutyReason reason;
      reason.kind = ReasonKind::kEscalationPolicy;
      reason.source = line_.name;
      reason.description = absl::StrCat("Named in step ", index + 1, " of the escalation policy of ",
                                        line_.display_name.empty() ? line_.name : line_.display_name);
      answer.contacts.push_back({step.practitioner, std::move(reason)});
    }
    snapshot.steps.push_back(std::move(answer));
  }
  snapshot.gap = snapshot.within_hours && (snapshot.steps.empty() || snapshot.steps.front().contacts.empty());
  return snapshot;
}

IntervalSet LineSchedule::RequiredIn(calendar::Interval window) const {
  return line_.hours.CoveredIn(window, zone_);
}

std::vector<IntervalSet> LineSchedule::StepCoverage(calendar::Interval window) const {
  std::vector<Duty> duties = DutiesIn(window);
  std::vector<IntervalSet> coverage;
  for (const EscalationStepSpec& step : line_.steps) {
    std::vector<calendar::Interval> covered;
    if (absl::optional<Tier> tier = TierOf(step.target); tier.has_value()) {
      for (const Duty& duty : duties) {
        if (duty.tier == *tier) covered.push_back(duty.interval);
      }
    } else if (step.target == StepTarget::kPractitioner && !inactive_.contains(step.practitioner)) {
      covered.push_back(window);
    }
    coverage.push_back(Union(std::move(covered)));
  }
  return coverage;
}

std::vector<CoverageGap> LineSchedule::GapsIn(calendar::Interval window) const {
  std::vector<IntervalSet> coverage = StepCoverage(window);
  IntervalSet first = coverage.empty() ? IntervalSet{} : coverage.front();
  std::vector<calendar::Interval> later_pieces;
  for (size_t i = 1; i < coverage.size(); ++i) {
    later_pieces.insert(later_pieces.end(), coverage[i].begin(), coverage[i].end());
  }
  IntervalSet later = Union(std::move(later_pieces));
  std::vector<CoverageGap> gaps;
  for (const calendar::Interval& gap : Subtract(RequiredIn(window), first)) {
    gaps.push_back({gap, CoversAll(later, gap)});
  }
  return gaps;
}

}  // namespace samspar::roster
