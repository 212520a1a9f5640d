#include "services/roster/ical/time_values.h"

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/types/optional.h"
#include "common/calendar/local_time.h"
#include "services/roster/ical/time_zone_names.h"

namespace samspar::roster::ical {
namespace {

bool AllDigits(absl::string_view text) {
  for (const char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int Digits(absl::string_view text) {
  int number = 0;
  for (const char c : text) number = number * 10 + (c - '0');
  return number;
}

// YYYYMMDD, or nullopt when it is not a date of the calendar (20260230).
absl::optional<absl::CivilDay> ParseDate(absl::string_view text) {
  if (text.size() != 8 || !AllDigits(text)) return absl::nullopt;
  const int year = Digits(text.substr(0, 4));
  const int month = Digits(text.substr(4, 2));
  const int day = Digits(text.substr(6, 2));
  const absl::CivilDay date(year, month, day);
  if (date.year() != year || date.month() != month || date.day() != day) return absl::nullopt;
  return date;
}

// YYYYMMDDTHHMMSS without a zone.
absl::optional<absl::CivilSecond> ParseLocalDateTime(absl::string_view text) {
  if (text.size() != 15 || text[8] != 'T' || !AllDigits(text.substr(9))) return absl::nullopt;
  const absl::optional<absl::CivilDay> date = ParseDate(text.substr(0, 8));
  if (!date.has_value()) return absl::nullopt;
  const int hour = Digits(text.substr(9, 2));
  const int minute = Digits(text.substr(11, 2));
  const int second = Digits(text.substr(13, 2));
  // 60 is a leap second, which civil time carries into the next minute.
  if (hour > 23 || minute > 59 || second > 60) return absl::nullopt;
  return absl::CivilSecond(date->year(), date->month(), date->day(), hour, minute, second);
}

absl::Status NotADateTime() {
  return absl::InvalidArgumentError(
      "not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, optionally ending in Z)");
}

enum class ValueType { kDateTime, kDate, kEither };

absl::StatusOr<ValueType> ValueTypeOf(const ContentLine& line) {
  const absl::optional<absl::string_view> value_type = line.Parameter("VALUE");
  if (!value_type.has_value()) return ValueType::kEither;
  if (absl::EqualsIgnoreCase(*value_type, "DATE-TIME")) return ValueType::kDateTime;
  if (absl::EqualsIgnoreCase(*value_type, "DATE")) return ValueType::kDate;
  return absl::InvalidArgumentError("VALUE must be DATE or DATE-TIME");
}

// Strictly, a value without VALUE=DATE is a date-time; a bare date is read
// as a date all the same, as several exporters write them so.
absl::StatusOr<DateTimeValue> ParseValue(absl::string_view text, ValueType type,
                                         absl::optional<absl::string_view> tzid,
                                         absl::TimeZone floating_zone) {
  text = absl::StripAsciiWhitespace(text);
  if (type != ValueType::kDateTime && text.size() == 8) {
    const absl::optional<absl::CivilDay> date = ParseDate(text);
    if (!date.has_value()) return NotADateTime();
    return DateTimeValue{absl::CivilSecond(*date), floating_zone, true};
  }
  if (type == ValueType::kDate) return absl::InvalidArgumentError("not a date (YYYYMMDD) although VALUE=DATE");
  const bool utc = absl::ConsumeSuffix(&text, "Z");
  const absl::optional<absl::CivilSecond> local = ParseLocalDateTime(text);
  if (!local.has_value()) return NotADateTime();
  if (utc) return DateTimeValue{*local, absl::UTCTimeZone(), false};
  if (!tzid.has_value()) return DateTimeValue{*local, floating_zone, false};
  const absl::optional<absl::TimeZone> zone = ZoneForTzid(*tzid);
  if (!zone.has_value()) {
    return absl::InvalidArgumentError(
        "TZID names neither an IANA time zone nor a known Windows time zone");
  }
  return DateTimeValue{*local, *zone, false};
}

}  // namespace

absl::Time DateTimeValue::Instant() const { return ResolveLocalSecond(local, zone); }

absl::CivilSecond WallClockIn(const DateTimeValue& value, absl::TimeZone zone) {
  return value.zone == zone ? value.local : zone.At(value.Instant()).cs;
}

absl::Time ResolveLocalSecond(absl::CivilSecond local, absl::TimeZone zone) {
  const absl::Time minute = calendar::ResolveLocal(absl::CivilMinute(local), zone);
  if (zone.At(local).kind == absl::TimeZone::TimeInfo::SKIPPED) return minute;
  return minute + absl::Seconds(local.second());
}

absl::StatusOr<DateTimeValue> ParseDateTimeProperty(const ContentLine& line,
                                                    absl::TimeZone floating_zone) {
  const absl::StatusOr<ValueType> type = ValueTypeOf(line);
  if (!type.ok()) return type.status();
  return ParseValue(line.value, *type, line.Parameter("TZID"), floating_zone);
}

absl::StatusOr<std::vector<DateTimeValue>> ParseDateTimeListProperty(
    const ContentLine& line, absl::TimeZone floating_zone) {
  const absl::optional<absl::string_view> value_type = line.Parameter("VALUE");
  if (value_type.has_value() && absl::EqualsIgnoreCase(*value_type, "PERIOD")) {
    return absl::InvalidArgumentError("VALUE=PERIOD is not supported");
  }
  const absl::StatusOr<ValueType> type = ValueTypeOf(line);
  if (!type.ok()) return type.status();
  std::vector<DateTimeValue> values;
  for (absl::string_view text : absl::StrSplit(line.value, ',', absl::SkipWhitespace())) {
    absl::StatusOr<DateTimeValue> value =
        ParseValue(text, *type, line.Parameter("TZID"), floating_zone);
    if (!value.ok()) return value.status();
    values.push_back(*value);
  }
  if (values.empty()) return NotADateTime();
  return values;
}

absl::StatusOr<DateTimeValue> ParseDateTimeText(absl::string_view text, absl::TimeZone zone) {
  return ParseValue(text, ValueType::kEither, absl::nullopt, zone);
}

absl::StatusOr<IcalDuration> ParseDuration(absl::string_view text) {
  const absl::Status invalid =
      absl::InvalidArgumentError("not a duration such as PT12H, P1D or P1W");
  text = absl::StripAsciiWhitespace(text);
  const bool negative = absl::ConsumePrefix(&text, "-");
  if (!negative) absl::ConsumePrefix(&text, "+");
  if (!absl::ConsumePrefix(&text, "P")) return invalid;
  IcalDuration duration;
  bool in_time = false;
  bool has_part = false;
  while (!text.empty()) {
    if (text.front() == 'T' && !in_time) {
      in_time = true;
      text.remove_prefix(1);
      continue;
    }
    size_t digits = 0;
    while (digits < text.size() && absl::ascii_isdigit(static_cast<unsigned char>(text[digits]))) {
      ++digits;
    }
    // Nine digits are plenty and cannot overflow.
    if (digits == 0 || digits > 9 || digits == text.size()) return invalid;
    const int64_t amount = Digits(text.substr(0, digits));
    const char unit = text[digits];
    text.remove_prefix(digits + 1);
    if (!in_time && unit == 'W') {
      duration.days += 7 * amount;
    } else if (!in_time && unit == 'D') {
      duration.days += amount;
    } else if (in_time && unit == 'H') {
      duration.exact += absl::Hours(amount);
    } else if (in_time && unit == 'M') {
      duration.exact += absl::Minutes(amount);
    } else if (in_time && unit == 'S') {
      duration.exact += absl::Seconds(amount);
    } else {
      return invalid;
    }
    has_part = true;
  }
  if (!has_part) return invalid;
  if (negative) {
    duration.days = -duration.days;
    duration.exact = -duration.exact;
  }
  return duration;
}

}  // namespace samspar::roster::ical
