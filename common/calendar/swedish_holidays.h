#ifndef SAMSPAR_COMMON_CALENDAR_SWEDISH_HOLIDAYS_H_
#define SAMSPAR_COMMON_CALENDAR_SWEDISH_HOLIDAYS_H_

// The Swedish holidays, and the weekdays (vardagar) they leave: the
// semi-acute track and other weekday-only services are closed on all of them.

#include <optional>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"

namespace samspar::calendar {

enum class HolidayKind {
  // Allmän helgdag: a public holiday by law (lagen om allmänna helgdagar).
  kPublicHoliday,
  // An eve (afton) that is not a public holiday by law but is treated as one
  // in health-care rosters and opening hours.
  kDeFactoHoliday,
};

struct Holiday {
  absl::CivilDay day;
  std::string_view swedish_name;  // e.g. "Midsommarafton"
  std::string_view english_name;  // e.g. "Midsummer Eve"
  HolidayKind kind;
};

// The holidays of `year` in date order, computed from Easter and the fixed
// and weekday-bound rules of the current law (since 2005, when National Day
// replaced Whit Monday). Always 18 entries; two can share a day (Ascension Day
// fell on 1 May in 2008), and then the public holiday comes before the eve.
std::vector<Holiday> HolidaysOf(absl::civil_year_t year);

// The holiday on `day`, if any; the first of HolidaysOf's order when two share it.
std::optional<Holiday> HolidayOn(absl::CivilDay day);

// A vardag: Monday to Friday and no holiday, eves included.
bool IsWeekday(absl::CivilDay day);

// The first vardag after `day` (never `day` itself).
absl::CivilDay NextWeekday(absl::CivilDay day);

}  // namespace samspar::calendar

#endif  // SAMSPAR_COMMON_CALENDAR_SWEDISH_HOLIDAYS_H_
