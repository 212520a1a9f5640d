#ifndef SAMSPAR_SERVICES_ROSTER_LINES_ESCALATION_POLICY_H_
#define SAMSPAR_SERVICES_ROSTER_LINES_ESCALATION_POLICY_H_

// The shape of a line's escalation policy (roster.proto, EscalationPolicy):
// a policy that routing could not follow to its end is refused when it is
// written, not discovered while a consult waits.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

// INVALID_ARGUMENT, reason INVALID_ESCALATION_POLICY, with the offending
// field path under `field` (e.g. "line.escalation_policy.steps[2].ack_timeout").
// Whether named practitioners exist is checked against the directory by the
// caller.
absl::Status CheckEscalationPolicy(const v1::EscalationPolicy& policy, absl::string_view field);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_LINES_ESCALATION_POLICY_H_
