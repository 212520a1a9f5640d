#include "common/calendar/stockholm_time.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace samspar::calendar {

absl::StatusOr<absl::TimeZone> LoadZone(const std::string& name) {
  absl::TimeZone zone;
  // On failure absl falls back to UTC, which would shift every shift by an
  // hour or two without anyone noticing; hence the error.
  if (!absl::LoadTimeZone(name, &zone)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "time zone \"", name, "\" could not be loaded; is the tzdata package installed?"));
  }
  return zone;
}

absl::StatusOr<absl::TimeZone> StockholmTimeZone() {
  // A function-local static is initialised once, thread-safely.
  static const absl::StatusOr<absl::TimeZone> zone = LoadZone("Europe/Stockholm");
  return zone;
}

}  // namespace samspar::calendar
