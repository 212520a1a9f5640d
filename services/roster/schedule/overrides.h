#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULE_OVERRIDES_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULE_OVERRIDES_H_

// Explicit shifts and overrides: the changes people make on top of
// rotations (an extra shift at Midsummer, "sick, replaced by B", a swap).

#include <string>
#include <vector>

#include "common/calendar/interval.h"
#include "services/roster/schedule/duty.h"

namespace samspar::roster {

struct ShiftSpec {
  std::string name = {};  // resource name
  std::string practitioner = {};
  Tier tier = Tier::kPrimary;
  calendar::Interval interval = {};
  std::string note = {};
};

// The duty an explicit shift gives.
Duty ShiftDuty(const ShiftSpec& shift);

enum class OverrideKind { kAdd = 1, kRemove = 2, kReplace = 3 };

struct OverrideSpec {
  std::string name = {};  // resource name; ids sort by creation
  OverrideKind kind = OverrideKind::kAdd;
  std::string practitioner = {};           // added, removed, or taking over
  std::string replaced_practitioner = {};  // kReplace
  Tier tier = Tier::kPrimary;
  calendar::Interval interval = {};
  std::string reason = {};  // "Sjuk", "Byte"
};

// `duties` after `overrides`: every REPLACE first, then every REMOVE, then
// every ADD, each kind in creation order (by name). A REPLACE hands over A's
// duties on its tier only where they overlap its window, so B is on call
// exactly while A would have been; a REMOVE cuts the practitioner's duties
// on its tier out of its window, whatever put them there; an ADD is a duty of
// its own for its window.
std::vector<Duty> ApplyOverrides(std::vector<Duty> duties, std::vector<OverrideSpec> overrides);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULE_OVERRIDES_H_
