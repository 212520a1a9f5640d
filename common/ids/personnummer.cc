#include "common/ids/personnummer.h"

#include <algorithm>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "common/ids/luhn.h"

namespace samspar::ids {
namespace {

constexpr int kSamordningsnummerDayOffset = 60;
// Skatteverket's register knows the centuries 18, 19 and 20 only.
constexpr int kEarliestBirthYear = 1800;
// Letters that care providers put first in an interim number's serial.
constexpr absl::string_view kInterimLetters = "TRSUWXJKLMN";

// The messages name what is wrong and never quote the input: a rejected
// number is still, most likely, a patient's identity.
absl::Status BadFormat(absl::string_view message) {
  return Error(absl::StatusCode::kInvalidArgument, kPersonnummerBadFormat, message);
}

bool AllDigits(absl::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

int Number(absl::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool IsInterimSerial(absl::string_view serial) {
  const char first = absl::ascii_toupper(static_cast<unsigned char>(serial[0]));
  return absl::StrContains(kInterimLetters, first) &&
         AllDigits(serial.substr(1));
}

bool IsRealDate(int year, int month, int day) {
  // CivilDay normalises out-of-range fields (Feb 30 becomes Mar 2), so a date
  // is real exactly when it survives construction unchanged.
  const absl::CivilDay date(year, month, day);
  return date.year() == year && date.month() == month && date.day() == day;
}

// The latest year, not after `latest`, whose last two digits are `yy`.
int LatestYearEndingIn(int yy, int latest) {
  return latest - ((latest - yy) % 100 + 100) % 100;
}

int InferBirthYear(int yy, int month, int day, bool turned_hundred,
                   absl::CivilDay today) {
  const int this_year = static_cast<int>(today.year());
  if (turned_hundred) return LatestYearEndingIn(yy, this_year - 100);
  int year = LatestYearEndingIn(yy, this_year);
  if (year == this_year &&
      std::tuple(month, day) > std::tuple(today.month(), today.day())) {
    year -= 100;  // later this year is the future: the person is 99
  }
  return year;
}

absl::CivilDay TodayInStockholm() {
  absl::TimeZone stockholm;
  // A container image without tzdata still gets a date that is at most one
  // day off, instead of failing every parse.
  if (!absl::LoadTimeZone("Europe/Stockholm", &stockholm)) {
    stockholm = absl::UTCTimeZone();
  }
  return absl::ToCivilDay(absl::Now(), stockholm);
}

}  // namespace

absl::StatusOr<Personnummer> Personnummer::Parse(absl::string_view text,
                                                 absl::CivilDay today) {
  const size_t size = text.size();
  if (size < 10 || size > 13) {
    return BadFormat(
        "personnummer: expected YYYYMMDD-NNNC or YYMMDD-NNNC, with or "
        "without the separator");
  }
  const bool separated = size == 11 || size == 13;
  const absl::string_view serial = text.substr(size - 4);
  const absl::string_view date = text.substr(0, size - 4 - (separated ? 1 : 0));
  const char separator = separated ? text[date.size()] : '-';
  if (separator != '-' && separator != '+') {
    return BadFormat("personnummer: separator must be '-' or '+'");
  }
  if (!AllDigits(date)) {
    return BadFormat("personnummer: birth date must be digits only");
  }
  if (IsInterimSerial(serial)) {
    return Error(absl::StatusCode::kInvalidArgument, kPersonnummerInterim,
                          "personnummer: an interim number (letter in the "
                          "serial number) is not a personnummer");
  }
  if (!AllDigits(serial)) {
    return BadFormat("personnummer: serial number must be digits only");
  }
  // Skatteverket numbers the people born on a day from 001 to 999.
  if (absl::StartsWith(serial, "000")) {
    return BadFormat(
        "personnummer: birth number (the digits after the date) must not be "
        "zero");
  }

  const absl::string_view yymmdd = date.substr(date.size() - 6);
  if (!PassesLuhnCheck(absl::StrCat(yymmdd, serial))) {
    return Error(absl::StatusCode::kInvalidArgument, kPersonnummerBadCheckDigit,
                          "personnummer: check digit does not match");
  }
  const int month = Number(yymmdd.substr(2, 2));
  if (month >= 20) {
    return Error(absl::StatusCode::kInvalidArgument, kPersonnummerOrganisationNumber,
                          "personnummer: an organisation number (month digits "
                          "of twenty or more) is not a personnummer");
  }
  int day = Number(yymmdd.substr(4, 2));
  PersonnummerKind kind = PersonnummerKind::kPersonnummer;
  if (day > kSamordningsnummerDayOffset) {
    kind = PersonnummerKind::kSamordningsnummer;
    day -= kSamordningsnummerDayOffset;
  }

  const bool turned_hundred = separator == '+';
  const int year = date.size() == 8
                       ? Number(date.substr(0, 4))
                       : InferBirthYear(Number(yymmdd.substr(0, 2)), month, day,
                                        turned_hundred, today);
  if (!IsRealDate(year, month, day)) {
    return Error(absl::StatusCode::kInvalidArgument, 
        kPersonnummerBadDate,
        kind == PersonnummerKind::kSamordningsnummer
            ? "personnummer: samordningsnummer day minus sixty is not a real "
              "date"
            : "personnummer: not a real date");
  }
  if (year < kEarliestBirthYear) {
    return Error(absl::StatusCode::kInvalidArgument, kPersonnummerBadDate,
                          "personnummer: century of birth is not one in use");
  }
  const absl::CivilDay birth_date(year, month, day);
  if (birth_date > today) {
    return Error(absl::StatusCode::kInvalidArgument, kPersonnummerFutureDate,
                          "personnummer: birth date is in the future");
  }
  if (turned_hundred && today.year() - year < 100) {
    return BadFormat(
        "personnummer: '+' separator is only for people in or past the year "
        "they turn a hundred");
  }
  return Personnummer(absl::StrCat(year, yymmdd.substr(2), serial), kind,
                      birth_date);
}

absl::StatusOr<Personnummer> Personnummer::Parse(absl::string_view text) {
  return Parse(text, TodayInStockholm());
}

std::string Personnummer::Display() const {
  return absl::StrCat(canonical_.substr(0, 8), "-", canonical_.substr(8));
}

std::string Personnummer::Masked() const {
  return absl::StrCat(canonical_.substr(0, 8), "-****");
}

}  // namespace samspar::ids
