#include "services/roster/oncall/loaded_line.h"

#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/directory/practitioners.h"
#include "services/roster/schedules/line_overrides.h"
#include "services/roster/schedules/rotations.h"
#include "services/roster/schedules/schedule_specs.h"
#include "services/roster/schedules/shifts.h"

namespace samspar::roster {
namespace {

// Every child of the line; a line's schedules are read whole.
store::ListQuery ChildrenOf(const std::string& line) {
  return {.where = "parent = ?", .params = {sql::Value(line)}, .order_by = "name", .offset = 0, .limit = 1 << 30};
}

// Stored schedules were checked when written: one that no longer reads is
// damaged data, not a client's mistake.
absl::Status Damaged(const std::string& name, const absl::Status& status) {
  return absl::InternalError(absl::StrCat("stored ", name, " does not read: ", status.message()));
}

}  // namespace

v1::PractitionerRef LoadedLine::RefOf(const std::string& hsa_id) const {
  v1::PractitionerRef ref;
  ref.set_name(PractitionerName(region, hsa_id));
  ref.set_hsa_id(hsa_id);
  if (auto found = people.find(hsa_id); found != people.end()) ref.set_display_name(found->second.display_name());
  return ref;
}

OnCallSnapshot LoadedLine::At(absl::Time instant) const {
  {
    absl::MutexLock lock(&mutex_);
    // Without a next change, nothing changes within the resolver's
    // look-ahead of 93 days: a day is well inside it.
    if (last_.has_value() && instant >= last_->at &&
        instant < last_->next_change_time.value_or(last_->at + absl::Hours(24))) {
      OnCallSnapshot reused = *last_;
      reused.at = instant;
      return reused;
    }
  }
  OnCallSnapshot fresh = schedule->At(instant);
  absl::MutexLock lock(&mutex_);
  last_ = fresh;
  return fresh;
}

absl::StatusOr<std::shared_ptr<const LoadedLine>> LoadLine(sql::Executor& executor, v1::Line line,
                                                           absl::TimeZone zone) {
  SAMSPAR_ASSIGN_OR_RETURN(LineSpec spec, ReadLine(line));
  absl::flat_hash_set<std::string> named;
  for (const EscalationStepSpec& step : spec.steps) {
    if (!step.practitioner.empty()) named.insert(step.practitioner);
  }

  SAMSPAR_ASSIGN_OR_RETURN(std::vector<v1::Rotation> stored_rotations,
                           Rotations::Table().List(executor, ChildrenOf(line.name())));
  std::vector<RotationSpec> rotations;
  for (const v1::Rotation& rotation : stored_rotations) {
    absl::StatusOr<RotationSpec> read = ReadRotation(rotation, "rotation");
    if (!read.ok()) return Damaged(rotation.name(), read.status());
    named.insert(read->participants.begin(), read->participants.end());
    rotations.push_back(*std::move(read));
  }
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<v1::Shift> stored_shifts,
                           Shifts::Table().List(executor, ChildrenOf(line.name())));
  std::vector<ShiftSpec> shifts;
  for (const v1::Shift& shift : stored_shifts) {
    absl::StatusOr<ShiftSpec> read = ReadShift(shift, "shift");
    if (!read.ok()) return Damaged(shift.name(), read.status());
    named.insert(read->practitioner);
    shifts.push_back(*std::move(read));
  }
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<v1::Override> stored_overrides,
                           Overrides::Table().List(executor, ChildrenOf(line.name())));
  std::vector<OverrideSpec> overrides;
  for (const v1::Override& override_ : stored_overrides) {
    absl::StatusOr<OverrideSpec> read = ReadOverride(override_, "override");
    if (!read.ok()) return Damaged(override_.name(), read.status());
    named.insert(read->practitioner);
    if (!read->replaced_practitioner.empty()) named.insert(read->replaced_practitioner);
    overrides.push_back(*std::move(read));
  }

  auto loaded = std::make_shared<LoadedLine>();
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(line.name(), "lines", "line.name"));
  const std::string& region = loaded->region = name.region;
  absl::flat_hash_set<std::string> inactive;
  for (const std::string& hsa_id : named) {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Practitioner> practitioner,
                             Practitioners::Table().Get(executor, PractitionerName(region, hsa_id)));
    if (!practitioner.has_value() || practitioner->state() == v1::DIRECTORY_STATE_INACTIVE) {
      inactive.insert(hsa_id);
    }
    if (practitioner.has_value()) loaded->people.emplace(hsa_id, *std::move(practitioner));
  }
  loaded->schedule = std::make_unique<LineSchedule>(std::move(spec), std::move(rotations), std::move(shifts),
                                                    std::move(overrides), std::move(inactive), zone);
  loaded->line = std::move(line);
  return std::shared_ptr<const LoadedLine>(std::move(loaded));
}

}  // namespace samspar::roster
