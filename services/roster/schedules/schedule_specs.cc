#include "services/roster/schedules/schedule_specs.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/api/local_date.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/roster/api/directory_fields.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"

namespace samspar::roster {
namespace {

constexpr int kMaxParticipants = 100;
constexpr int kMaxPeriodHours = 14 * 24;

absl::Status CheckTier(v1::OnCallTier tier, absl::string_view field) {
  if (!v1::OnCallTier_IsValid(tier)) {
    return FieldError(absl::StrCat(field, ".tier"), "FIELD_INVALID", absl::StrCat(field, ".tier is not a tier"));
  }
  return absl::OkStatus();
}

// The practitioner's HSA-id, from a reference the client sets by name.
absl::StatusOr<std::string> ReadPractitioner(const v1::PractitionerRef& ref, absl::string_view field) {
  if (ref.name().empty()) {
    return FieldError(absl::StrCat(field, ".name"), "FIELD_REQUIRED", absl::StrCat(field, " is required"));
  }
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(ref.name(), "practitioners", absl::StrCat(field, ".name")));
  return name.id;
}

// Whether an hours period gives handovers at the same wall-clock times every
// day (a divisor of 24) or on a fixed day of a cycle (a multiple of 24).
bool IsWholePeriod(int hours) {
  if (hours <= 0 || hours > kMaxPeriodHours) return false;
  return hours < 24 ? 24 % hours == 0 : hours % 24 == 0;
}

}  // namespace

Tier TierOf(v1::OnCallTier tier) { return tier == v1::ON_CALL_TIER_BACKUP ? Tier::kBackup : Tier::kPrimary; }

absl::StatusOr<RotationSpec> ReadRotation(const v1::Rotation& rotation, absl::string_view field) {
  RotationSpec spec{.name = rotation.name(), .display_name = rotation.display_name()};
  SAMSPAR_RETURN_IF_ERROR(CheckText(rotation.display_name(), false, 200, absl::StrCat(field, ".display_name")));
  SAMSPAR_RETURN_IF_ERROR(CheckTier(rotation.tier(), field));
  spec.tier = TierOf(rotation.tier());
  if (rotation.participants_size() == 0 || rotation.participants_size() > kMaxParticipants) {
    return FieldError(absl::StrCat(field, ".participants"),
                      rotation.participants_size() == 0 ? "FIELD_REQUIRED" : "FIELD_INVALID",
                      absl::StrCat(field, ".participants must name 1 to ", kMaxParticipants, " practitioners"));
  }
  for (int i = 0; i < rotation.participants_size(); ++i) {
    SAMSPAR_ASSIGN_OR_RETURN(std::string hsa_id,
                             ReadPractitioner(rotation.participants(i), absl::StrCat(field, ".participants[", i, "]")));
    spec.participants.push_back(std::move(hsa_id));
  }
  const std::string period_hours = absl::StrCat(field, ".period_hours");
  switch (rotation.period()) {
    case v1::ROTATION_PERIOD_DAY:
    case v1::ROTATION_PERIOD_WEEK:
      spec.period = rotation.period() == v1::ROTATION_PERIOD_DAY ? RotationPeriod::kDay : RotationPeriod::kWeek;
      if (rotation.period_hours() != 0) {
        return FieldError(period_hours, "FIELD_INVALID", "is only for a period of ROTATION_PERIOD_HOURS");
      }
      break;
    case v1::ROTATION_PERIOD_HOURS:
      spec.period = RotationPeriod::kHours;
      if (!IsWholePeriod(rotation.period_hours())) {
        return FieldError(
            period_hours, "FIELD_INVALID",
            absl::StrCat(period_hours, " must divide 24 (1, 2, 3, 4, 6, 8, 12) or be a multiple of 24 up to ",
                         kMaxPeriodHours));
      }
      spec.period_hours = rotation.period_hours();
      break;
    default:
      return FieldError(absl::StrCat(field, ".period"), "FIELD_REQUIRED", absl::StrCat(field, ".period is required"));
  }
  if (!rotation.has_handover_time()) {
    return FieldError(absl::StrCat(field, ".handover_time"), "FIELD_REQUIRED",
                      absl::StrCat(field, ".handover_time is required"));
  }
  SAMSPAR_ASSIGN_OR_RETURN(spec.handover,
                           ReadTimeOfDay(rotation.handover_time(), false, absl::StrCat(field, ".handover_time")));
  if (!rotation.has_start_date()) {
    return FieldError(absl::StrCat(field, ".start_date"), "FIELD_REQUIRED",
                      absl::StrCat(field, ".start_date is required"));
  }
  SAMSPAR_ASSIGN_OR_RETURN(spec.start_date,
                           api::ReadLocalDate(rotation.start_date(), absl::StrCat(field, ".start_date")));
  if (rotation.has_end_date()) {
    SAMSPAR_ASSIGN_OR_RETURN(absl::CivilDay end,
                             api::ReadLocalDate(rotation.end_date(), absl::StrCat(field, ".end_date")));
    if (end <= spec.start_date) {
      return FieldError(absl::StrCat(field, ".end_date"), "FIELD_INVALID",
                        absl::StrCat(field, ".end_date must be after start_date"));
    }
    spec.end_date = end;
  }
  spec.restrict_to_line_hours = rotation.restrict_to_line_hours();
  return spec;
}

absl::StatusOr<ShiftSpec> ReadShift(const v1::Shift& shift, absl::string_view field) {
  ShiftSpec spec{.name = shift.name(), .note = shift.note()};
  SAMSPAR_ASSIGN_OR_RETURN(spec.practitioner,
                           ReadPractitioner(shift.practitioner(), absl::StrCat(field, ".practitioner")));
  SAMSPAR_RETURN_IF_ERROR(CheckTier(shift.tier(), field));
  spec.tier = TierOf(shift.tier());
  if (!shift.has_interval()) {
    return FieldError(absl::StrCat(field, ".interval"), "FIELD_REQUIRED", absl::StrCat(field, ".interval is required"));
  }
  SAMSPAR_ASSIGN_OR_RETURN(spec.interval,
                           ReadInterval(shift.interval(), absl::Hours(31 * 24), absl::StrCat(field, ".interval")));
  SAMSPAR_RETURN_IF_ERROR(CheckText(shift.note(), false, 500, absl::StrCat(field, ".note")));
  return spec;
}

absl::StatusOr<OverrideSpec> ReadOverride(const v1::Override& override_, absl::string_view field) {
  OverrideSpec spec{.name = override_.name(), .reason = override_.reason()};
  switch (override_.kind()) {
    case v1::OVERRIDE_KIND_ADD:
    case v1::OVERRIDE_KIND_REMOVE:
    case v1::OVERRIDE_KIND_REPLACE:
      spec.kind = static_cast<OverrideKind>(override_.kind());
      break;
    default:
      return FieldError(absl::StrCat(field, ".kind"), "FIELD_REQUIRED", absl::StrCat(field, ".kind is required"));
  }
  SAMSPAR_ASSIGN_OR_RETURN(spec.practitioner,
                           ReadPractitioner(override_.practitioner(), absl::StrCat(field, ".practitioner")));
  const std::string replaced = absl::StrCat(field, ".replaced_practitioner");
  if (spec.kind == OverrideKind::kReplace) {
    SAMSPAR_ASSIGN_OR_RETURN(spec.replaced_practitioner, ReadPractitioner(override_.replaced_practitioner(), replaced));
    if (spec.replaced_practitioner == spec.practitioner) {
      return FieldError(replaced, "FIELD_INVALID", "must be someone else than practitioner");
    }
  } else if (override_.has_replaced_practitioner()) {
    return FieldError(replaced, "FIELD_INVALID", "is only for a REPLACE override");
  }
  SAMSPAR_RETURN_IF_ERROR(CheckTier(override_.tier(), field));
  spec.tier = TierOf(override_.tier());
  if (!override_.has_interval()) {
    return FieldError(absl::StrCat(field, ".interval"), "FIELD_REQUIRED", absl::StrCat(field, ".interval is required"));
  }
  SAMSPAR_ASSIGN_OR_RETURN(spec.interval,
                           ReadInterval(override_.interval(), absl::Hours(92 * 24), absl::StrCat(field, ".interval")));
  SAMSPAR_RETURN_IF_ERROR(CheckText(override_.reason(), false, 500, absl::StrCat(field, ".reason")));
  return spec;
}

absl::StatusOr<LineSpec> ReadLine(const v1::Line& line) {
  LineSpec spec{.name = line.name(), .display_name = line.display_name()};
  absl::StatusOr<WeeklyHours> hours = ReadWeeklyHours(line.coverage_hours(), "line.coverage_hours");
  if (!hours.ok()) return absl::InternalError(absl::StrCat("stored line ", line.name(), " has unreadable hours"));
  spec.hours = *std::move(hours);
  for (const v1::EscalationStep& step : line.escalation_policy().steps()) {
    spec.steps.push_back(
        {.target = static_cast<StepTarget>(step.target()), .practitioner = step.practitioner().hsa_id()});
  }
  return spec;
}

}  // namespace samspar::roster
