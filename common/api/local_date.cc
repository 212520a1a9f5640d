#include "common/api/local_date.h"

#include "common/status/errors.h"

namespace samspar::api {

absl::StatusOr<absl::CivilDay> ReadLocalDate(const v1::LocalDate& date, absl::string_view field) {
  // CivilDay normalises 31 April to 1 May: a date that comes back changed was
  // not a real one.
  const absl::CivilDay day(date.year(), date.month(), date.day());
  if (date.year() < 2000 || date.year() > 2199 || day.year() != date.year() || day.month() != date.month() ||
      day.day() != date.day()) {
    return FieldError(field, "FIELD_INVALID", "must be a real date in the years 2000-2199");
  }
  return day;
}

}  // namespace samspar::api
