#ifndef SAMSPAR_COMMON_CALENDAR_EASTER_H_
#define SAMSPAR_COMMON_CALENDAR_EASTER_H_

// Easter Sunday, from which half of Sweden's holidays are counted.

#include "absl/time/civil_time.h"

namespace samspar::calendar {

// Easter Sunday of `year` in the Gregorian calendar (the western churches'
// Easter, which Sweden's holidays follow), computed rather than looked up so
// that every year works. Years before the calendar reform are treated
// proleptically.
absl::CivilDay EasterSunday(absl::civil_year_t year);

}  // namespace samspar::calendar

#endif  // SAMSPAR_COMMON_CALENDAR_EASTER_H_
