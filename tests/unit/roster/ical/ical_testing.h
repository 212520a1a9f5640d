#ifndef SAMSPAR_TESTS_UNIT_ROSTER_ICAL_ICAL_TESTING_H_
#define SAMSPAR_TESTS_UNIT_ROSTER_ICAL_ICAL_TESTING_H_

// Shared by the iCalendar tests: the real Stockholm zone, instants written as
// UTC, calendars built from their lines, and readable failure output.

#include <initializer_list>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/calendar/interval.h"
#include "common/calendar/stockholm_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/roster/ical/calendar_reader.h"

namespace samspar::calendar {

inline void PrintTo(const Interval& interval, std::ostream* os) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  *os << "[" << absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", interval.start, utc) << ", "
      << absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", interval.end, utc) << ")";
}

}  // namespace samspar::calendar

namespace samspar::roster::ical {

inline void PrintTo(const ImportedEvent& event, std::ostream* os) {
  *os << "{line " << event.line_number << ", " << event.uid << ", ";
  calendar::PrintTo(event.interval, os);
  *os << ", \"" << event.summary << "\"}";
}

inline void PrintTo(const ImportProblem& problem, std::ostream* os) {
  *os << "{line " << problem.line_number << ", " << problem.property << ", " << problem.reason
      << ", \"" << problem.description << "\"}";
}

namespace testutil {

// Every check here is about Stockholm; a missing zone fails the test loudly.
inline absl::TimeZone Stockholm() {
  const absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
  if (!zone.ok()) {
    ADD_FAILURE() << zone.status();
    return absl::UTCTimeZone();
  }
  return *zone;
}

inline absl::Time Utc(int year, int month, int day, int hour, int minute, int second = 0) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, second),
                         absl::UTCTimeZone());
}

// All of 2026 in Stockholm, a window that holds every test event.
inline calendar::Interval Year2026() { return {Utc(2025, 12, 31, 23, 0), Utc(2026, 12, 31, 23, 0)}; }

// The lines as a file, each ending in CRLF.
inline std::string Lines(std::initializer_list<absl::string_view> lines) {
  return absl::StrCat(absl::StrJoin(lines, "\r\n"), "\r\n");
}

// A calendar holding one VEVENT made of `event_lines` (BEGIN:VCALENDAR is
// line 1, VERSION line 2, BEGIN:VEVENT line 3, the first event line 4).
inline std::string OneEvent(std::initializer_list<absl::string_view> event_lines) {
  return absl::StrCat(Lines({"BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT"}), Lines(event_lines),
                      Lines({"END:VEVENT", "END:VCALENDAR"}));
}

// The 1-based number of the first line of `text` that contains `needle`.
inline int LineOf(absl::string_view text, absl::string_view needle) {
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    if (absl::StrContains(line, needle)) return number;
  }
  ADD_FAILURE() << "no line contains " << needle;
  return 0;
}

inline ParsedCalendar Read(absl::string_view text, calendar::Interval window = Year2026()) {
  absl::StatusOr<ParsedCalendar> parsed = ReadCalendar(text, window, Stockholm());
  if (!parsed.ok()) {
    ADD_FAILURE() << parsed.status();
    return {};
  }
  return *std::move(parsed);
}

MATCHER_P2(During, start, end, "") {
  return arg.interval == calendar::Interval{start, end};
}

MATCHER_P3(ProblemAt, line_number, property, reason, "") {
  return arg.line_number == line_number && arg.property == property && arg.reason == reason;
}

}  // namespace testutil
}  // namespace samspar::roster::ical

#endif  // SAMSPAR_TESTS_UNIT_ROSTER_ICAL_ICAL_TESTING_H_
