#ifndef SAMSPAR_SERVICES_ROSTER_ICAL_RECURRENCE_RULE_H_
#define SAMSPAR_SERVICES_ROSTER_ICAL_RECURRENCE_RULE_H_

// The part of RFC 5545's RRULE that rosters use: every n days, weeks on
// some weekdays, or months on some days of the month.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace samspar::roster::ical {

// A file cannot make the import expand one event without bound.
inline constexpr int kMaxInstancesPerEvent = 5000;

enum class Frequency { kDaily, kWeekly, kMonthly };

struct RecurrenceRule {
  Frequency frequency = Frequency::kDaily;
  int interval = 1;
  absl::optional<int> count;
  // UNTIL as the last instant an instance may start at (inclusive).
  absl::optional<absl::Time> last_start;
  std::vector<absl::Weekday> weekdays;  // BYDAY of a weekly rule
  std::vector<int> month_days;          // BYMONTHDAY of a monthly rule; -1 is the last day
  absl::Weekday week_start = absl::Weekday::monday;  // WKST
};

// The rule of an RRULE value. An UNTIL without Z is in `zone`, the zone of
// the event's DTSTART; a date UNTIL includes the whole day. INVALID_ARGUMENT
// naming what is not supported: FREQ other than DAILY, WEEKLY or MONTHLY;
// parts other than FREQ, INTERVAL, COUNT, UNTIL, BYDAY (weekly, plain
// weekdays), BYMONTHDAY (monthly) and WKST; COUNT together with UNTIL.
absl::StatusOr<RecurrenceRule> ParseRecurrenceRule(absl::string_view value, absl::TimeZone zone);

// The local starts of the instances of `rule` from `first` (DTSTART, always
// the first instance) in `zone`, in order: each keeps the wall-clock time of
// `first`, whatever the clocks do. Only starts before `before` are given;
// without COUNT the expansion may begin at the last period starting well
// before `from`, as earlier instances are of no interest. At most
// kMaxInstancesPerEvent starts are produced.
std::vector<absl::CivilSecond> ExpandStarts(const RecurrenceRule& rule, absl::CivilSecond first,
                                            absl::TimeZone zone, absl::Time from,
                                            absl::Time before);

}  // namespace samspar::roster::ical

#endif  // SAMSPAR_SERVICES_ROSTER_ICAL_RECURRENCE_RULE_H_
