#ifndef SAMSPAR_SERVICES_ROSTER_SCHEDULES_SCHEDULE_SPECS_H_
#define SAMSPAR_SERVICES_ROSTER_SCHEDULES_SCHEDULE_SPECS_H_

// A line, its rotations, shifts and overrides as the API carries them, read
// into the resolver's specs (services/roster/schedule). The same reading
// checks what clients write and loads what is stored, so nothing the
// resolver cannot follow is ever stored. Errors name fields under `field`.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/schedule/line_schedule.h"
#include "services/roster/schedule/overrides.h"
#include "services/roster/schedule/rotation_plan.h"

namespace samspar::roster {

absl::StatusOr<RotationSpec> ReadRotation(const v1::Rotation& rotation, absl::string_view field);
absl::StatusOr<ShiftSpec> ReadShift(const v1::Shift& shift, absl::string_view field);
absl::StatusOr<OverrideSpec> ReadOverride(const v1::Override& override_, absl::string_view field);

// A stored line (checked when written, so an error here is INTERNAL).
absl::StatusOr<LineSpec> ReadLine(const v1::Line& line);

// The stored tier; PRIMARY when unset.
Tier TierOf(v1::OnCallTier tier);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_SCHEDULES_SCHEDULE_SPECS_H_
