#include "services/roster/ical/recurrence_rule.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/roster/ical/time_values.h"

namespace samspar::roster::ical {
namespace {

absl::Status Invalid(absl::string_view message) { return absl::InvalidArgumentError(message); }

absl::optional<absl::Weekday> WeekdayOf(absl::string_view code) {
  static constexpr absl::string_view kCodes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  for (int i = 0; i < 7; ++i) {
    if (absl::AsciiStrToUpper(code) == kCodes[i]) return static_cast<absl::Weekday>(i);
  }
  return absl::nullopt;
}

bool IsWord(absl::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '-';
  });
}

absl::StatusOr<int> PositiveNumber(absl::string_view part, absl::string_view text) {
  int number = 0;
  if (!absl::SimpleAtoi(text, &number) || number < 1) {
    return Invalid(absl::StrCat(part, " must be a positive whole number"));
  }
  return number;
}

absl::Status ParsePart(absl::string_view part, absl::string_view text, absl::TimeZone zone,
                       RecurrenceRule& rule) {
  if (part == "FREQ") {
    const std::string frequency = absl::AsciiStrToUpper(text);
    if (frequency == "DAILY") {
      rule.frequency = Frequency::kDaily;
    } else if (frequency == "WEEKLY") {
      rule.frequency = Frequency::kWeekly;
    } else if (frequency == "MONTHLY") {
      rule.frequency = Frequency::kMonthly;
    } else {
      return Invalid("FREQ must be DAILY, WEEKLY or MONTHLY");
    }
  } else if (part == "INTERVAL" || part == "COUNT") {
    const absl::StatusOr<int> number = PositiveNumber(part, text);
    if (!number.ok()) return number.status();
    if (part == "INTERVAL") {
      rule.interval = *number;
    } else {
      rule.count = *number;
    }
  } else if (part == "UNTIL") {
    const absl::StatusOr<DateTimeValue> until = ParseDateTimeText(text, zone);
    if (!until.ok()) {
      return Invalid(
          "UNTIL must be a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, optionally ending in Z)");
    }
    rule.last_start = until->is_date ? ResolveLocalSecond(until->local + 86400, zone) -
                                           absl::Nanoseconds(1)
                                     : until->Instant();
  } else if (part == "BYDAY") {
    for (absl::string_view code : absl::StrSplit(text, ',')) {
      const absl::optional<absl::Weekday> weekday = WeekdayOf(code);
      if (!weekday.has_value()) {
        return Invalid("BYDAY must list plain weekdays (MO, TU, WE, TH, FR, SA, SU)");
      }
      rule.weekdays.push_back(*weekday);
    }
  } else if (part == "BYMONTHDAY") {
    for (absl::string_view number_text : absl::StrSplit(text, ',')) {
      int day = 0;
      if (!absl::SimpleAtoi(number_text, &day) || day == 0 || day < -31 || day > 31) {
        return Invalid("BYMONTHDAY must list days of the month, 1 to 31 or -31 to -1");
      }
      rule.month_days.push_back(day);
    }
  } else if (part == "WKST") {
    const absl::optional<absl::Weekday> weekday = WeekdayOf(text);
    if (!weekday.has_value()) return Invalid("WKST must be a weekday (MO to SU)");
    rule.week_start = *weekday;
  } else {
    // A word is safe to repeat; anything else could be a piece of a value.
    return Invalid(absl::StrCat(IsWord(part) ? part : "a part",
                                " is not supported (only FREQ, INTERVAL, COUNT, UNTIL, BYDAY, "
                                "BYMONTHDAY and WKST)"));
  }
  return absl::OkStatus();
}

int DaysFromWeekStart(absl::Weekday day, absl::Weekday week_start) {
  return (static_cast<int>(day) - static_cast<int>(week_start) + 7) % 7;
}

absl::CivilDay WeekBegin(absl::CivilDay day, absl::Weekday week_start) {
  return day - DaysFromWeekStart(absl::GetWeekday(day), week_start);
}

// The first day of period `period` (0 is the one holding `first`).
absl::CivilDay PeriodBegin(const RecurrenceRule& rule, absl::CivilDay first, int64_t period) {
  const int64_t steps = period * rule.interval;
  switch (rule.frequency) {
    case Frequency::kDaily:
      return first + steps;
    case Frequency::kWeekly:
      return WeekBegin(first, rule.week_start) + 7 * steps;
    case Frequency::kMonthly:
      return absl::CivilDay(absl::CivilMonth(first) + steps);
  }
  return first;
}

// The days of the period beginning on `begin` that the rule picks, in order.
// A monthly rule skips months without the day (the 31st in April), as RFC
// 5545 requires.
std::vector<absl::CivilDay> DaysOfPeriod(const RecurrenceRule& rule, absl::CivilDay first,
                                         absl::CivilDay begin) {
  std::set<absl::CivilDay> days;
  switch (rule.frequency) {
    case Frequency::kDaily:
      days.insert(begin);
      break;
    case Frequency::kWeekly:
      if (rule.weekdays.empty()) {
        days.insert(begin + DaysFromWeekStart(absl::GetWeekday(first), rule.week_start));
      }
      for (const absl::Weekday weekday : rule.weekdays) {
        days.insert(begin + DaysFromWeekStart(weekday, rule.week_start));
      }
      break;
    case Frequency::kMonthly: {
      const int days_in_month = (absl::CivilDay(absl::CivilMonth(begin) + 1) - 1).day();
      std::vector<int> month_days = rule.month_days;
      if (month_days.empty()) month_days.push_back(first.day());
      for (const int month_day : month_days) {
        const int day = month_day > 0 ? month_day : days_in_month + month_day + 1;
        if (day >= 1 && day <= days_in_month) {
          days.insert(absl::CivilDay(begin.year(), begin.month(), day));
        }
      }
      break;
    }
  }
  return std::vector<absl::CivilDay>(days.begin(), days.end());
}

// The period from which expanding is worthwhile: one before the period that
// holds `from`. With COUNT every instance from the first must be counted.
int64_t FirstUsefulPeriod(const RecurrenceRule& rule, absl::CivilDay first, absl::TimeZone zone,
                          absl::Time from) {
  if (rule.count.has_value() || from == absl::InfinitePast()) return 0;
  const absl::CivilDay from_day(zone.At(from).cs);
  if (from_day <= first) return 0;
  int64_t periods = 0;
  switch (rule.frequency) {
    case Frequency::kDaily:
      periods = from_day - first;
      break;
    case Frequency::kWeekly:
      periods = (from_day - WeekBegin(first, rule.week_start)) / 7;
      break;
    case Frequency::kMonthly:
      periods = absl::CivilMonth(from_day) - absl::CivilMonth(first);
      break;
  }
  return std::max<int64_t>(0, periods / rule.interval - 1);
}

}  // namespace

absl::StatusOr<RecurrenceRule> ParseRecurrenceRule(absl::string_view value, absl::TimeZone zone) {
  RecurrenceRule rule;
  std::set<std::string> seen;
  for (absl::string_view item : absl::StrSplit(value, ';', absl::SkipWhitespace())) {
    const std::pair<absl::string_view, absl::string_view> key_value =
        absl::StrSplit(item, absl::MaxSplits('=', 1));
    const std::string part = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(key_value.first));
    if (!seen.insert(part).second) {
      return Invalid(absl::StrCat(IsWord(part) ? part : "a part", " is given more than once"));
    }
    if (absl::Status status =
            ParsePart(part, absl::StripAsciiWhitespace(key_value.second), zone, rule);
        !status.ok()) {
      return status;
    }
  }
  if (!seen.contains("FREQ")) return Invalid("FREQ is missing");
  if (rule.count.has_value() && rule.last_start.has_value()) {
    return Invalid("COUNT and UNTIL must not both be given");
  }
  if (!rule.weekdays.empty() && rule.frequency != Frequency::kWeekly) {
    return Invalid("BYDAY is supported with FREQ=WEEKLY only");
  }
  if (!rule.month_days.empty() && rule.frequency != Frequency::kMonthly) {
    return Invalid("BYMONTHDAY is supported with FREQ=MONTHLY only");
  }
  return rule;
}

std::vector<absl::CivilSecond> ExpandStarts(const RecurrenceRule& rule, absl::CivilSecond first,
                                            absl::TimeZone zone, absl::Time from,
                                            absl::Time before) {
  std::vector<absl::CivilSecond> starts;
  const absl::CivilDay first_day(first);
  const absl::civil_diff_t time_of_day = first - absl::CivilSecond(first_day);
  const int64_t first_period = FirstUsefulPeriod(rule, first_day, zone, from);
  int generated = 0;
  if (first_period == 0) {
    if (ResolveLocalSecond(first, zone) >= before) return starts;
    starts.push_back(first);
    ++generated;
  }
  for (int64_t period = first_period;; ++period) {
    const absl::CivilDay begin = PeriodBegin(rule, first_day, period);
    // Four-digit years are all a file can name.
    if (begin.year() > 9999 || ResolveLocalSecond(absl::CivilSecond(begin), zone) >= before) {
      return starts;
    }
    for (const absl::CivilDay day : DaysOfPeriod(rule, first_day, begin)) {
      const absl::CivilSecond start = absl::CivilSecond(day) + time_of_day;
      if (start <= first) continue;
      const absl::Time instant = ResolveLocalSecond(start, zone);
      if (instant >= before || (rule.last_start.has_value() && instant > *rule.last_start) ||
          (rule.count.has_value() && generated >= *rule.count) ||
          generated >= kMaxInstancesPerEvent) {
        return starts;
      }
      starts.push_back(start);
      ++generated;
    }
  }
}

}  // namespace samspar::roster::ical
