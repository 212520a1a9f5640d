#include "common/calendar/easter.h"

#include <cstdint>

namespace samspar::calendar {
namespace {

// The computus is stated in floor arithmetic; C++ division truncates, which
// differs only for negative (proleptic) years.
constexpr int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}
constexpr int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

}  // namespace

// The "anonymous Gregorian algorithm" (Meeus/Jones/Butcher): the year's place
// in the 19-year lunar cycle gives the paschal full moon, corrected for the
// Gregorian century rules, and Easter is the Sunday after it.
absl::CivilDay EasterSunday(absl::civil_year_t year) {
  const int64_t lunar_cycle_year = FloorMod(year, 19);
  const int64_t century = FloorDiv(year, 100);
  const int64_t year_of_century = FloorMod(year, 100);
  const int64_t moon_correction = FloorDiv(century + 8, 25);
  const int64_t lunar_equation = FloorDiv(century - moon_correction + 1, 3);
  const int64_t days_to_full_moon =
      FloorMod(19 * lunar_cycle_year + century - FloorDiv(century, 4) - lunar_equation + 15, 30);
  const int64_t days_to_sunday =
      FloorMod(32 + 2 * FloorMod(century, 4) + 2 * FloorDiv(year_of_century, 4) -
                   days_to_full_moon - FloorMod(year_of_century, 4),
               7);
  // The rare late full moons that would put Easter after 25 April.
  const int64_t late_moon =
      FloorDiv(lunar_cycle_year + 11 * days_to_full_moon + 22 * days_to_sunday, 451);
  // Encodes month * 31 + (day - 1).
  const int64_t month_and_day = days_to_full_moon + days_to_sunday - 7 * late_moon + 114;
  return absl::CivilDay(year, static_cast<int>(month_and_day / 31),
                        static_cast<int>(month_and_day % 31 + 1));
}

}  // namespace samspar::calendar
