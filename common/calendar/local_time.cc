#include "common/calendar/local_time.h"

namespace samspar::calendar {

absl::Time ResolveLocal(absl::CivilMinute local, absl::TimeZone zone) {
  const absl::TimeZone::TimeInfo info = zone.At(absl::CivilSecond(local));
  if (info.kind == absl::TimeZone::TimeInfo::SKIPPED) return info.trans;
  // For a repeated time `pre` (the offset in force before the change) is the
  // earlier instant; for an ordinary time pre, trans and post agree.
  return info.pre;
}

}  // namespace samspar::calendar
