#include "services/roster/lines/escalation_policy.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "services/roster/api/proto_time.h"

namespace samspar::roster {
namespace {

constexpr int kMaxSteps = 10;
constexpr int kMaxRepeats = 5;

absl::Status Invalid(const std::string& field, absl::string_view message) {
  return FieldError(field, "INVALID_ESCALATION_POLICY", message);
}

// Durations that are unset, negative or carry nanos beyond the seconds'
// range are caught here rather than read as something else.
absl::Status CheckDuration(const google::protobuf::Duration& duration, absl::Duration least, absl::Duration most,
                           const std::string& field) {
  absl::Duration value = FromProto(duration);
  if (value < least || value > most) {
    return Invalid(field,
                   absl::StrCat("must be from ", absl::FormatDuration(least), " to ", absl::FormatDuration(most)));
  }
  return absl::OkStatus();
}

absl::Status CheckStep(const v1::EscalationStep& step, int index, int count, const std::string& field) {
  const std::string at = absl::StrCat(field, ".steps[", index, "]");
  if (step.target() == v1::ESCALATION_TARGET_UNSPECIFIED || !v1::EscalationTarget_IsValid(step.target())) {
    return Invalid(absl::StrCat(at, ".target"), "is required");
  }
  const bool named = step.target() == v1::ESCALATION_TARGET_PRACTITIONER;
  if (named && step.practitioner().name().empty()) {
    return Invalid(absl::StrCat(at, ".practitioner"), "is required when the target is a named practitioner");
  }
  if (!named && step.has_practitioner()) {
    return Invalid(absl::StrCat(at, ".practitioner"), "is only for a step whose target is a named practitioner");
  }
  if (step.target() == v1::ESCALATION_TARGET_SWITCHBOARD) {
    // The switchboard is where routing gives up: a step after it would never
    // be reached, and a policy that starts there never offers anyone.
    if (index != count - 1) return Invalid(absl::StrCat(at, ".target"), "SWITCHBOARD must be the last step");
    if (index == 0) return Invalid(absl::StrCat(at, ".target"), "SWITCHBOARD cannot be the only or first step");
    return absl::OkStatus();
  }
  if (!step.has_ack_timeout()) return Invalid(absl::StrCat(at, ".ack_timeout"), "is required");
  return CheckDuration(step.ack_timeout(), absl::Seconds(30), absl::Hours(24), absl::StrCat(at, ".ack_timeout"));
}

}  // namespace

absl::Status CheckEscalationPolicy(const v1::EscalationPolicy& policy, absl::string_view field) {
  const std::string at(field);
  if (policy.steps_size() == 0 || policy.steps_size() > kMaxSteps) {
    return Invalid(absl::StrCat(at, ".steps"), absl::StrCat("must have 1 to ", kMaxSteps, " steps"));
  }
  for (int i = 0; i < policy.steps_size(); ++i) {
    absl::Status step = CheckStep(policy.steps(i), i, policy.steps_size(), at);
    if (!step.ok()) return step;
  }
  if (policy.repeat_count() < 0 || policy.repeat_count() > kMaxRepeats) {
    return Invalid(absl::StrCat(at, ".repeat_count"), absl::StrCat("must be from 0 to ", kMaxRepeats));
  }
  if (policy.has_answer_timeout()) {
    return CheckDuration(policy.answer_timeout(), absl::Minutes(5), absl::Hours(72),
                         absl::StrCat(at, ".answer_timeout"));
  }
  return absl::OkStatus();
}

}  // namespace samspar::roster
