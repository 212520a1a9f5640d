#include "common/calendar/local_hours.h"

#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "common/calendar/local_time.h"

namespace samspar::calendar {
namespace {

absl::Status CheckTimeOfDay(std::string_view field, TimeOfDay time) {
  if (time.hour < 0 || time.hour > 23 || time.minute < 0 || time.minute > 59) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s %02d:%02d is not a time of day (00:00 to 23:59)", field, time.hour, time.minute));
  }
  return absl::OkStatus();
}

absl::CivilMinute At(absl::CivilDay day, TimeOfDay time) {
  return absl::CivilMinute(day.year(), day.month(), day.day(), time.hour, time.minute);
}

}  // namespace

absl::StatusOr<LocalHours> LocalHours::Create(TimeOfDay start, TimeOfDay end) {
  if (absl::Status status = CheckTimeOfDay("start", start); !status.ok()) return status;
  if (absl::Status status = CheckTimeOfDay("end", end); !status.ok()) return status;
  return LocalHours(start, end);
}

LocalWindow LocalHours::On(absl::CivilDay day) const {
  const absl::CivilMinute start = At(day, start_);
  absl::CivilMinute end = At(day, end_);
  if (end <= start) end = At(day + 1, end_);
  return LocalWindow{start, end};
}

Interval OccurrenceOn(absl::CivilDay day, const LocalHours& hours, absl::TimeZone zone) {
  const LocalWindow window = hours.On(day);
  return Interval{ResolveLocal(window.start, zone), ResolveLocal(window.end, zone)};
}

}  // namespace samspar::calendar
