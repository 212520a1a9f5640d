#ifndef SAMSPAR_SERVICES_METRICS_PERIOD_REPORT_PERIOD_H_
#define SAMSPAR_SERVICES_METRICS_PERIOD_REPORT_PERIOD_H_

// The local dates a KPI report or a series point covers, and the instants
// that events must fall between to count in it. Days, weeks and months are
// civil time in the region's zone, so a day is 23 or 25 hours long when the
// clocks change, and consecutive periods neither overlap nor leave a gap.

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/interval.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::metrics {

struct Period {
  absl::CivilDay first_day;
  absl::CivilDay last_day;  // inclusive
  // From local midnight at the start of first_day to local midnight at the
  // end of last_day.
  calendar::Interval interval;

  friend bool operator==(const Period&, const Period&) = default;
};

// The local dates of a request's LocalDateRange: both required and real,
// the end not before the start (INVALID_TIME_RANGE); errors name the fields
// under `field`.
struct DateRange {
  absl::CivilDay first;
  absl::CivilDay last;  // inclusive
};
absl::StatusOr<DateRange> ReadDateRange(const v1::LocalDateRange& range, absl::string_view field);

// The period a request asks for. DAY, WEEK (ISO, Monday to Sunday) and MONTH
// are those containing `anchor_date`, or today's local date at `now` when it
// is unset; CUSTOM is `custom_range`, at most 366 days. INVALID_ARGUMENT
// naming the field under "period." (FIELD_REQUIRED, FIELD_INVALID, or
// INVALID_TIME_RANGE for a range that ends before it starts or is too long).
absl::StatusOr<Period> ResolvePeriod(const v1::ReportPeriod& period, absl::Time now, absl::TimeZone zone);

// The period a report compares with: the calendar month before a MONTH, and
// for every other kind the same number of days immediately before (the
// previous day, the previous ISO week, or an equally long custom range).
Period PreviousPeriod(const Period& period, v1::PeriodKind kind, absl::TimeZone zone);

// The following take `kind` DAY, WEEK or MONTH (a series' granularity, or the
// bucket of an event); callers validate it first, and any other kind is taken
// as DAY.

// The consecutive whole periods, oldest first, that cover [first, last]: the
// range widened to the start of its first week or month and the end of its
// last. At most kMaxPeriods; a longer range is cut after the first
// kMaxPeriods, so callers that must refuse long ranges check them before.
// Empty when `last` is before `first`.
inline constexpr std::size_t kMaxPeriods = 1000;
std::vector<Period> PeriodsBetween(v1::PeriodKind kind, absl::CivilDay first, absl::CivilDay last, absl::TimeZone zone);

// The day, week or month in which `instant` falls on the local calendar.
Period PeriodOf(v1::PeriodKind kind, absl::Time instant, absl::TimeZone zone);

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_PERIOD_REPORT_PERIOD_H_
