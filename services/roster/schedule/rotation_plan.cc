#include "services/roster/schedule/rotation_plan.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/calendar/local_time.h"

namespace samspar::roster {
namespace {

int64_t PeriodMinutes(const RotationSpec& spec) {
  switch (spec.period) {
    case RotationPeriod::kDay:
      return 24 * 60;
    case RotationPeriod::kWeek:
      return 7 * 24 * 60;
    case RotationPeriod::kHours:
      return int64_t{spec.period_hours} * 60;
  }
  return 24 * 60;
}

absl::CivilMinute At(absl::CivilDay day, calendar::TimeOfDay time) {
  return absl::CivilMinute(day.year(), day.month(), day.day(), time.hour, time.minute);
}

// A turn far beyond any window a caller may ask for (92 days of one-hour
// turns is 2 208) means a bug, not a schedule.
constexpr int kMaxTurnsPerQuestion = 20000;

}  // namespace

RotationPlan::RotationPlan(RotationSpec spec, const WeeklyHours& hours, absl::TimeZone zone)
    : spec_(std::move(spec)),
      hours_(hours),
      zone_(zone),
      first_handover_(At(spec_.start_date, spec_.handover)),
      period_minutes_(std::max<int64_t>(1, PeriodMinutes(spec_))),
      end_(spec_.end_date.has_value() ? calendar::ResolveLocal(At(*spec_.end_date, spec_.handover), zone)
                                      : absl::InfiniteFuture()) {}

absl::Time RotationPlan::Boundary(int64_t k) const {
  return calendar::ResolveLocal(first_handover_ + k * period_minutes_, zone_);
}

int64_t RotationPlan::TurnAt(absl::Time instant) const {
  // Wall-clock turns differ from real time by at most the hour the clocks
  // move, so the estimate is off by a turn at most; walk to the right one.
  absl::Duration remainder;
  int64_t k = absl::IDivDuration(instant - Boundary(0), absl::Minutes(period_minutes_), &remainder);
  if (instant < Boundary(0)) k -= 1;
  while (Boundary(k) > instant) --k;
  while (Boundary(k + 1) <= instant) ++k;
  return k;
}

calendar::Interval RotationPlan::TurnInterval(int64_t k) const {
  return {Boundary(k), std::min(Boundary(k + 1), end_)};
}

IntervalSet RotationPlan::CoveredPartOf(int64_t k) const {
  return hours_.CoveredIn(TurnInterval(k), zone_);
}

int RotationPlan::ParticipantOf(int64_t k) const {
  const int64_t n = static_cast<int64_t>(spec_.participants.size());
  if (!spec_.restrict_to_line_hours) return static_cast<int>(k % n);
  absl::MutexLock lock(&mutex_);
  if (covered_before_.empty()) covered_before_.push_back(0);
  while (static_cast<int64_t>(covered_before_.size()) <= k) {
    int64_t previous = static_cast<int64_t>(covered_before_.size()) - 1;
    covered_before_.push_back(covered_before_.back() + (CoveredPartOf(previous).empty() ? 0 : 1));
  }
  return static_cast<int>(covered_before_[k] % n);
}

std::vector<Duty> RotationPlan::DutiesOverlapping(calendar::Interval window) const {
  std::vector<Duty> duties;
  if (spec_.participants.empty() || window.empty()) return duties;
  absl::Time stop = std::min(window.end, end_);
  if (stop <= Begin() || window.start >= end_) return duties;
  const int n = static_cast<int>(spec_.participants.size());
  int64_t k = std::max<int64_t>(0, TurnAt(window.start));
  for (int guard = 0; guard < kMaxTurnsPerQuestion && Boundary(k) < stop; ++guard, ++k) {
    calendar::Interval turn = TurnInterval(k);
    if (turn.empty()) continue;
    IntervalSet parts = spec_.restrict_to_line_hours ? CoveredPartOf(k) : IntervalSet{turn};
    if (parts.empty()) continue;
    int participant = ParticipantOf(k);
    for (const calendar::Interval& part : parts) {
      if (!part.Overlaps(window)) continue;
      Duty duty;
      duty.practitioner = spec_.participants[participant];
      duty.tier = spec_.tier;
      duty.interval = part;
      duty.reason.kind = ReasonKind::kRotation;
      duty.reason.source = spec_.name;
      duty.reason.duty = part;
      duty.reason.description = absl::StrCat("Turn ", participant + 1, " of ", n, " in rotation ",
                                             spec_.display_name.empty() ? spec_.name : spec_.display_name);
      duties.push_back(std::move(duty));
    }
  }
  return duties;
}

}  // namespace samspar::roster
