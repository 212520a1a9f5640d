#include "services/roster/schedule/overrides.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace samspar::roster {
namespace {

std::string Because(const OverrideSpec& override_spec) {
  return override_spec.reason.empty() ? override_spec.name : override_spec.reason;
}

// The parts of `duty` before and after `window`, each keeping its reason.
void KeepOutside(const Duty& duty, calendar::Interval window, std::vector<Duty>& into) {
  if (duty.interval.start < window.start) {
    Duty before = duty;
    before.interval.end = std::min(duty.interval.end, window.start);
    into.push_back(std::move(before));
  }
  if (duty.interval.end > window.end) {
    Duty after = duty;
    after.interval.start = std::max(duty.interval.start, window.end);
    into.push_back(std::move(after));
  }
}

calendar::Interval Intersection(calendar::Interval a, calendar::Interval b) {
  return {std::max(a.start, b.start), std::min(a.end, b.end)};
}

void Replace(const OverrideSpec& spec, std::vector<Duty>& duties) {
  std::vector<Duty> result;
  for (Duty& duty : duties) {
    if (duty.practitioner != spec.replaced_practitioner || duty.tier != spec.tier ||
        !duty.interval.Overlaps(spec.interval)) {
      result.push_back(std::move(duty));
      continue;
    }
    KeepOutside(duty, spec.interval, result);
    Duty stand_in;
    stand_in.practitioner = spec.practitioner;
    stand_in.tier = spec.tier;
    stand_in.interval = Intersection(duty.interval, spec.interval);
    stand_in.reason.kind = ReasonKind::kOverrideReplace;
    stand_in.reason.source = spec.name;
    stand_in.reason.duty = Intersection(duty.reason.duty, spec.interval);
    stand_in.reason.replaced_practitioner = spec.replaced_practitioner;
    stand_in.reason.description =
        absl::StrCat(duty.reason.description, ", replaced by override ", Because(spec));
    result.push_back(std::move(stand_in));
  }
  duties = std::move(result);
}

void Remove(const OverrideSpec& spec, std::vector<Duty>& duties) {
  std::vector<Duty> result;
  for (Duty& duty : duties) {
    if (duty.practitioner != spec.practitioner || duty.tier != spec.tier ||
        !duty.interval.Overlaps(spec.interval)) {
      result.push_back(std::move(duty));
      continue;
    }
    KeepOutside(duty, spec.interval, result);
  }
  duties = std::move(result);
}

void Add(const OverrideSpec& spec, std::vector<Duty>& duties) {
  Duty added;
  added.practitioner = spec.practitioner;
  added.tier = spec.tier;
  added.interval = spec.interval;
  added.reason.kind = ReasonKind::kOverrideAdd;
  added.reason.source = spec.name;
  added.reason.duty = spec.interval;
  added.reason.description = absl::StrCat("Added by override ", Because(spec));
  duties.push_back(std::move(added));
}

}  // namespace

Duty ShiftDuty(const ShiftSpec& shift) {
  Duty duty;
  duty.practitioner = shift.practitioner;
  duty.tier = shift.tier;
  duty.interval = shift.interval;
  duty.reason.kind = ReasonKind::kShift;
  duty.reason.source = shift.name;
  duty.reason.duty = shift.interval;
  duty.reason.description =
      shift.note.empty() ? absl::StrCat("Shift ", shift.name) : absl::StrCat("Shift: ", shift.note);
  return duty;
}

std::vector<Duty> ApplyOverrides(std::vector<Duty> duties, std::vector<OverrideSpec> overrides) {
  auto rank = [](OverrideKind kind) {
    return kind == OverrideKind::kReplace ? 0 : kind == OverrideKind::kRemove ? 1 : 2;
  };
  std::stable_sort(overrides.begin(), overrides.end(), [&](const OverrideSpec& a, const OverrideSpec& b) {
    if (rank(a.kind) != rank(b.kind)) return rank(a.kind) < rank(b.kind);
    return a.name < b.name;
  });
  for (const OverrideSpec& spec : overrides) {
    if (spec.interval.empty()) continue;
    switch (spec.kind) {
      case OverrideKind::kReplace:
        Replace(spec, duties);
        break;
      case OverrideKind::kRemove:
        Remove(spec, duties);
        break;
      case OverrideKind::kAdd:
        Add(spec, duties);
        break;
    }
  }
  return duties;
}

}  // namespace samspar::roster
