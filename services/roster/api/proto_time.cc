#include "services/roster/api/proto_time.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace samspar::roster {

absl::StatusOr<calendar::Interval> ReadInterval(const v1::Interval& interval, absl::Duration longest,
                                                absl::string_view field) {
  if (!interval.has_start_time()) {
    return FieldError(absl::StrCat(field, ".start_time"), "FIELD_REQUIRED",
                      absl::StrCat(field, ".start_time is required"));
  }
  if (!interval.has_end_time()) {
    return FieldError(absl::StrCat(field, ".end_time"), "FIELD_REQUIRED", absl::StrCat(field, ".end_time is required"));
  }
  calendar::Interval read{FromProto(interval.start_time()), FromProto(interval.end_time())};
  if (read.empty()) {
    return FieldError(field, "INVALID_TIME_RANGE", "must end after it starts");
  }
  if (read.length() > longest) {
    return FieldError(field, "INVALID_TIME_RANGE",
                      absl::StrCat(field, " may be at most ", absl::ToInt64Hours(longest) / 24, " days long"));
  }
  return read;
}

absl::StatusOr<calendar::TimeOfDay> ReadTimeOfDay(const v1::LocalTimeOfDay& time, bool allow_midnight_end,
                                                  absl::string_view field) {
  bool midnight_end = allow_midnight_end && time.hours() == 24 && time.minutes() == 0;
  if (!midnight_end && (time.hours() < 0 || time.hours() > 23 || time.minutes() < 0 || time.minutes() > 59)) {
    return FieldError(field, "FIELD_INVALID",
                      absl::StrCat(field, " must be a time of day (hours 0-23, minutes 0-59)",
                                   allow_midnight_end ? ", or 24:00" : ""));
  }
  return calendar::TimeOfDay{time.hours(), time.minutes()};
}

absl::StatusOr<WeeklyHours> ReadWeeklyHours(const v1::WeeklyHours& hours, absl::string_view field) {
  if (hours.around_the_clock()) {
    if (hours.windows_size() > 0 || hours.public_holidays() != v1::PUBLIC_HOLIDAY_RULE_UNSPECIFIED) {
      return FieldError(field, "FIELD_INVALID",
                        absl::StrCat(field, ": around_the_clock takes no windows and no public_holidays rule"));
    }
    return WeeklyHours::AroundTheClock();
  }
  if (hours.windows_size() == 0) {
    return FieldError(absl::StrCat(field, ".windows"), "FIELD_REQUIRED",
                      absl::StrCat(field, " needs windows unless around_the_clock is set"));
  }
  HolidayRule rule;
  switch (hours.public_holidays()) {
    case v1::PUBLIC_HOLIDAY_RULE_IGNORE:
      rule = HolidayRule::kIgnore;
      break;
    case v1::PUBLIC_HOLIDAY_RULE_CLOSED:
      rule = HolidayRule::kClosed;
      break;
    case v1::PUBLIC_HOLIDAY_RULE_AS_SUNDAY:
      rule = HolidayRule::kAsSunday;
      break;
    default:
      return FieldError(absl::StrCat(field, ".public_holidays"), "FIELD_REQUIRED",
                        absl::StrCat(field, ".public_holidays must say how public holidays are treated"));
  }
  std::vector<HoursWindow> windows;
  for (int i = 0; i < hours.windows_size(); ++i) {
    const v1::HoursWindow& window = hours.windows(i);
    std::string at = absl::StrCat(field, ".windows[", i, "]");
    if (window.days_size() == 0) {
      return FieldError(absl::StrCat(at, ".days"), "FIELD_REQUIRED", absl::StrCat(at, ".days needs at least one day"));
    }
    HoursWindow read;
    for (int day : window.days()) {
      if (day < v1::DAY_OF_WEEK_MONDAY || day > v1::DAY_OF_WEEK_SUNDAY) {
        return FieldError(absl::StrCat(at, ".days"), "FIELD_INVALID", absl::StrCat(at, ".days holds an unknown day"));
      }
      // absl::Weekday counts from Monday = 0.
      read.days.push_back(static_cast<absl::Weekday>(day - 1));
    }
    absl::StatusOr<calendar::TimeOfDay> start =
        ReadTimeOfDay(window.start_time(), false, absl::StrCat(at, ".start_time"));
    if (!start.ok()) return start.status();
    absl::StatusOr<calendar::TimeOfDay> end = ReadTimeOfDay(window.end_time(), true, absl::StrCat(at, ".end_time"));
    if (!end.ok()) return end.status();
    read.start = *start;
    read.end = *end;
    windows.push_back(std::move(read));
  }
  return WeeklyHours(std::move(windows), rule);
}

}  // namespace samspar::roster
