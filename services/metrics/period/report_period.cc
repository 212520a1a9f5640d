#include "services/metrics/period/report_period.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/api/local_date.h"
#include "common/calendar/local_time.h"
#include "common/status/errors.h"
#include "common/status/macros.h"

namespace samspar::metrics {
namespace {

// ReportPeriod's bound on a custom range: a year, leap day included.
constexpr absl::civil_diff_t kMaxCustomDays = 366;

Period DaysFromTo(absl::CivilDay first, absl::CivilDay last, absl::TimeZone zone) {
  // Every boundary goes through the one rule of the suite, so one period's end
  // is exactly the next one's start even in a zone whose midnight is skipped.
  return Period{first, last,
                calendar::Interval{calendar::ResolveLocal(absl::CivilMinute(first), zone),
                                   calendar::ResolveLocal(absl::CivilMinute(last + 1), zone)}};
}

Period Containing(v1::PeriodKind kind, absl::CivilDay day, absl::TimeZone zone) {
  switch (kind) {
    case v1::PERIOD_KIND_WEEK: {
      // PrevWeekday looks strictly before, so a Monday starts its own week.
      const absl::CivilDay monday = absl::PrevWeekday(day + 1, absl::Weekday::monday);
      return DaysFromTo(monday, monday + 6, zone);
    }
    case v1::PERIOD_KIND_MONTH: {
      const absl::CivilMonth month(day);
      return DaysFromTo(absl::CivilDay(month), absl::CivilDay(month + 1) - 1, zone);
    }
    default:
      return DaysFromTo(day, day, zone);
  }
}

absl::StatusOr<Period> ResolveCustom(const v1::ReportPeriod& period, absl::TimeZone zone) {
  if (period.has_anchor_date()) {
    return FieldError("period.anchor_date", "FIELD_INVALID",
                      "must be unset for a CUSTOM period, whose dates are custom_range");
  }
  if (!period.has_custom_range()) {
    return FieldError("period.custom_range", "FIELD_REQUIRED", "is required for a CUSTOM period");
  }
  SAMSPAR_ASSIGN_OR_RETURN(const DateRange range, ReadDateRange(period.custom_range(), "period.custom_range"));
  if (range.last - range.first + 1 > kMaxCustomDays) {
    return FieldError("period.custom_range", "INVALID_TIME_RANGE", "may be at most 366 days long");
  }
  return DaysFromTo(range.first, range.last, zone);
}

}  // namespace

absl::StatusOr<DateRange> ReadDateRange(const v1::LocalDateRange& range, absl::string_view field) {
  if (!range.has_start_date()) {
    return FieldError(absl::StrCat(field, ".start_date"), "FIELD_REQUIRED", "is required");
  }
  if (!range.has_end_date()) {
    return FieldError(absl::StrCat(field, ".end_date"), "FIELD_REQUIRED", "is required");
  }
  SAMSPAR_ASSIGN_OR_RETURN(const absl::CivilDay first,
                           api::ReadLocalDate(range.start_date(), absl::StrCat(field, ".start_date")));
  SAMSPAR_ASSIGN_OR_RETURN(const absl::CivilDay last,
                           api::ReadLocalDate(range.end_date(), absl::StrCat(field, ".end_date")));
  if (last < first) return FieldError(field, "INVALID_TIME_RANGE", "must not end before it starts");
  return DateRange{first, last};
}

absl::StatusOr<Period> ResolvePeriod(const v1::ReportPeriod& period, absl::Time now, absl::TimeZone zone) {
  switch (period.kind()) {
    case v1::PERIOD_KIND_DAY:
    case v1::PERIOD_KIND_WEEK:
    case v1::PERIOD_KIND_MONTH: {
      if (period.has_custom_range()) {
        return FieldError("period.custom_range", "FIELD_INVALID", "is only for a CUSTOM period");
      }
      // "Today" is the region's calendar day, not UTC's: at 00:30 in
      // Stockholm it is already tomorrow there.
      absl::CivilDay anchor = absl::ToCivilDay(now, zone);
      if (period.has_anchor_date()) {
        SAMSPAR_ASSIGN_OR_RETURN(anchor, api::ReadLocalDate(period.anchor_date(), "period.anchor_date"));
      }
      return Containing(period.kind(), anchor, zone);
    }
    case v1::PERIOD_KIND_CUSTOM:
      return ResolveCustom(period, zone);
    case v1::PERIOD_KIND_UNSPECIFIED:
      return FieldError("period.kind", "FIELD_REQUIRED", "is required: DAY, WEEK, MONTH or CUSTOM");
    default:
      return FieldError("period.kind", "FIELD_INVALID", "must be DAY, WEEK, MONTH or CUSTOM");
  }
}

Period PreviousPeriod(const Period& period, v1::PeriodKind kind, absl::TimeZone zone) {
  // Months differ in length, so only a month is not simply the same number
  // of days back.
  if (kind == v1::PERIOD_KIND_MONTH) return Containing(kind, period.first_day - 1, zone);
  const absl::civil_diff_t days = period.last_day - period.first_day + 1;
  return DaysFromTo(period.first_day - days, period.first_day - 1, zone);
}

std::vector<Period> PeriodsBetween(v1::PeriodKind kind, absl::CivilDay first, absl::CivilDay last,
                                   absl::TimeZone zone) {
  std::vector<Period> periods;
  for (absl::CivilDay day = first; day <= last && periods.size() < kMaxPeriods; day = periods.back().last_day + 1) {
    periods.push_back(Containing(kind, day, zone));
  }
  return periods;
}

Period PeriodOf(v1::PeriodKind kind, absl::Time instant, absl::TimeZone zone) {
  return Containing(kind, absl::ToCivilDay(instant, zone), zone);
}

}  // namespace samspar::metrics
