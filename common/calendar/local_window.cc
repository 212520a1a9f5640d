#include "common/calendar/local_window.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/calendar/local_time.h"

namespace samspar::calendar {

absl::StatusOr<Interval> ResolveWindow(const LocalWindow& window, absl::TimeZone zone) {
  if (window.end <= window.start) {
    return absl::InvalidArgumentError(
        absl::StrCat("local window end ", absl::FormatCivilTime(window.end),
                     " must be after its start ", absl::FormatCivilTime(window.start)));
  }
  return Interval{ResolveLocal(window.start, zone), ResolveLocal(window.end, zone)};
}

}  // namespace samspar::calendar
