#include "common/calendar/swedish_holidays.h"

#include <algorithm>

#include "common/calendar/easter.h"

namespace samspar::calendar {
namespace {

// The first `weekday` on or after `day`: the midsummer holidays and All
// Saints' Day are "the Saturday between ..." rather than a fixed date.
absl::CivilDay FirstOnOrAfter(absl::CivilDay day, absl::Weekday weekday) {
  return absl::NextWeekday(day - 1, weekday);
}

}  // namespace

std::vector<Holiday> HolidaysOf(absl::civil_year_t year) {
  constexpr HolidayKind kPublic = HolidayKind::kPublicHoliday;
  constexpr HolidayKind kDeFacto = HolidayKind::kDeFactoHoliday;
  const absl::CivilDay easter = EasterSunday(year);
  auto date = [year](int month, int day) { return absl::CivilDay(year, month, day); };

  std::vector<Holiday> holidays = {
      {date(1, 1), "Nyårsdagen", "New Year's Day", kPublic},
      {date(1, 6), "Trettondedag jul", "Epiphany", kPublic},
      {easter - 2, "Långfredagen", "Good Friday", kPublic},
      {easter - 1, "Påskafton", "Easter Eve", kDeFacto},
      {easter, "Påskdagen", "Easter Sunday", kPublic},
      {easter + 1, "Annandag påsk", "Easter Monday", kPublic},
      {date(5, 1), "Första maj", "May Day", kPublic},
      {easter + 39, "Kristi himmelsfärdsdag", "Ascension Day", kPublic},
      {easter + 48, "Pingstafton", "Whitsun Eve", kDeFacto},
      {easter + 49, "Pingstdagen", "Whit Sunday", kPublic},
      {date(6, 6), "Sveriges nationaldag", "National Day of Sweden", kPublic},
      {FirstOnOrAfter(date(6, 19), absl::Weekday::friday), "Midsommarafton", "Midsummer Eve",
       kDeFacto},
      {FirstOnOrAfter(date(6, 20), absl::Weekday::saturday), "Midsommardagen", "Midsummer Day",
       kPublic},
      {FirstOnOrAfter(date(10, 31), absl::Weekday::saturday), "Alla helgons dag", "All Saints' Day",
       kPublic},
      {date(12, 24), "Julafton", "Christmas Eve", kDeFacto},
      {date(12, 25), "Juldagen", "Christmas Day", kPublic},
      {date(12, 26), "Annandag jul", "Boxing Day", kPublic},
      {date(12, 31), "Nyårsafton", "New Year's Eve", kDeFacto},
  };
  std::stable_sort(holidays.begin(), holidays.end(), [](const Holiday& a, const Holiday& b) {
    if (a.day != b.day) return a.day < b.day;
    return a.kind == HolidayKind::kPublicHoliday && b.kind != HolidayKind::kPublicHoliday;
  });
  return holidays;
}

std::optional<Holiday> HolidayOn(absl::CivilDay day) {
  for (const Holiday& holiday : HolidaysOf(day.year())) {
    if (holiday.day == day) return holiday;
  }
  return std::nullopt;
}

bool IsWeekday(absl::CivilDay day) {
  const absl::Weekday weekday = absl::GetWeekday(day);
  if (weekday == absl::Weekday::saturday || weekday == absl::Weekday::sunday) return false;
  return !HolidayOn(day).has_value();
}

absl::CivilDay NextWeekday(absl::CivilDay day) {
  // Terminates within a week: no run of holidays and weekend is longer than five days.
  do {
    ++day;
  } while (!IsWeekday(day));
  return day;
}

}  // namespace samspar::calendar
