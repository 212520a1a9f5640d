#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULE_DUTY_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULE_DUTY_H_

// A resolved on-call duty: a practitioner on a tier of a line for an
// interval, with what put them there, so that a wrong answer can be traced
// to the rotation, shift or override that gave it.

#include <string>

#include "common/calendar/interval.h"

namespace samspar::roster {

// The numbers are those of samspar.v1.OnCallTier.
enum class Tier { kPrimary = 1, kBackup = 2 };

// The numbers are those of samspar.v1.OnCallReasonKind.
enum class ReasonKind {
  kRotation = 1,
  kShift = 2,
  kOverrideAdd = 3,
  kOverrideReplace = 4,
  kEscalationPolicy = 5,
};

struct DutyReason {
  ReasonKind kind = ReasonKind::kRotation;
  std::string source = {};  // resource name of the rotation, shift, override or line
  // The whole duty this reason gives (a rotation turn, a shift, the part of a
  // replaced duty that the override takes over), before any window clips it.
  calendar::Interval duty = {};
  std::string replaced_practitioner = {};  // kOverrideReplace: whom they stand in for
  std::string description = {};            // a sentence for people
};

struct Duty {
  std::string practitioner = {};  // HSA-id
  Tier tier = Tier::kPrimary;
  calendar::Interval interval = {};  // when they are on call by this reason
  DutyReason reason;
  // This piece of duty before a window clipped it: the same in every answer
  // whatever the window, and apart from every other piece (an override in
  // the middle of a turn leaves two), so that it identifies the duty.
  calendar::Interval whole = {};
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULE_DUTY_H_
