#include "services/roster/ical/calendar_writer.h"

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ical_testing.h"

namespace samspar::roster::ical {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testutil::Stockholm;
using testutil::Utc;

CalendarDocument Document(std::vector<CalendarEvent> events) {
  return CalendarDocument{"Bakjour internmedicin", Utc(2026, 1, 2, 8, 0), std::move(events)};
}

CalendarEvent Event(std::string uid, absl::Time start, absl::Time end, std::string summary,
                    std::string description = "") {
  return CalendarEvent{std::move(uid), {start, end}, std::move(summary), std::move(description)};
}

// Whether `line` holds whole UTF-8 characters only.
bool HasWholeCharacters(absl::string_view line) {
  size_t i = 0;
  while (i < line.size()) {
    const unsigned char lead = static_cast<unsigned char>(line[i]);
    const size_t length = lead < 0x80            ? 1
                          : (lead & 0xE0) == 0xC0 ? 2
                          : (lead & 0xF0) == 0xE0 ? 3
                          : (lead & 0xF8) == 0xF0 ? 4
                                                  : 0;
    if (length == 0 || i + length > line.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(line[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

TEST(WriteCalendar, WritesTheCalendarAndStockholmTimeZone) {
  const std::string ics = WriteCalendar(Document({}), Stockholm());

  EXPECT_THAT(ics, StartsWith("BEGIN:VCALENDAR\r\n"
                              "VERSION:2.0\r\n"
                              "PRODID:-//Samspår//Roster//SV\r\n"
                              "CALSCALE:GREGORIAN\r\n"
                              "METHOD:PUBLISH\r\n"
                              "X-WR-CALNAME:Bakjour internmedicin\r\n"
                              "X-WR-TIMEZONE:Europe/Stockholm\r\n"
                              "BEGIN:VTIMEZONE\r\n"
                              "TZID:Europe/Stockholm\r\n"));
  EXPECT_THAT(ics, HasSubstr("BEGIN:DAYLIGHT\r\n"
                             "TZOFFSETFROM:+0100\r\n"
                             "TZOFFSETTO:+0200\r\n"
                             "TZNAME:CEST\r\n"
                             "DTSTART:19700329T020000\r\n"
                             "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                             "END:DAYLIGHT\r\n"));
  EXPECT_THAT(ics, HasSubstr("BEGIN:STANDARD\r\n"
                             "TZOFFSETFROM:+0200\r\n"
                             "TZOFFSETTO:+0100\r\n"
                             "TZNAME:CET\r\n"
                             "DTSTART:19701025T030000\r\n"
                             "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                             "END:STANDARD\r\n"));
  EXPECT_THAT(ics, EndsWith("END:VTIMEZONE\r\nEND:VCALENDAR\r\n"));
  EXPECT_THAT(ics, Not(HasSubstr("VEVENT")));
}

TEST(WriteCalendar, WritesEachEventOnStockholmClocks) {
  const std::string ics = WriteCalendar(
      Document({Event("duty-1@samspar.se", Utc(2026, 1, 15, 7, 0), Utc(2026, 1, 15, 16, 0),
                      "Bakjour internmedicin, Ryhov (primary)", "Ring via växeln"),
                Event("duty-2@samspar.se", Utc(2026, 7, 1, 6, 0), Utc(2026, 7, 1, 15, 0),
                      "Bakjour internmedicin, Ryhov (backup)")}),
      Stockholm());

  EXPECT_THAT(ics, HasSubstr("BEGIN:VEVENT\r\n"
                             "UID:duty-1@samspar.se\r\n"
                             "DTSTAMP:20260102T080000Z\r\n"
                             "DTSTART;TZID=Europe/Stockholm:20260115T080000\r\n"
                             "DTEND;TZID=Europe/Stockholm:20260115T170000\r\n"
                             "SUMMARY:Bakjour internmedicin\\, Ryhov (primary)\r\n"
                             "DESCRIPTION:Ring via växeln\r\n"
                             "TRANSP:OPAQUE\r\n"
                             "END:VEVENT\r\n"));
  // Summer time, and no DESCRIPTION when there is none.
  EXPECT_THAT(ics, HasSubstr("BEGIN:VEVENT\r\n"
                             "UID:duty-2@samspar.se\r\n"
                             "DTSTAMP:20260102T080000Z\r\n"
                             "DTSTART;TZID=Europe/Stockholm:20260701T080000\r\n"
                             "DTEND;TZID=Europe/Stockholm:20260701T170000\r\n"
                             "SUMMARY:Bakjour internmedicin\\, Ryhov (backup)\r\n"
                             "TRANSP:OPAQUE\r\n"
                             "END:VEVENT\r\n"));
}

TEST(WriteCalendar, NightsOverTheClockChangesKeepTheirLocalHours) {
  const std::string ics = WriteCalendar(
      Document({Event("spring@samspar.se", Utc(2026, 3, 28, 19, 0), Utc(2026, 3, 29, 6, 0),
                      "Natt"),
                Event("autumn@samspar.se", Utc(2026, 10, 24, 18, 0), Utc(2026, 10, 25, 7, 0),
                      "Natt")}),
      Stockholm());

  EXPECT_THAT(ics, HasSubstr("DTSTART;TZID=Europe/Stockholm:20260328T200000\r\n"
                             "DTEND;TZID=Europe/Stockholm:20260329T080000\r\n"));
  EXPECT_THAT(ics, HasSubstr("DTSTART;TZID=Europe/Stockholm:20261024T200000\r\n"
                             "DTEND;TZID=Europe/Stockholm:20261025T080000\r\n"));
}

TEST(WriteCalendar, TimesInTheRepeatedAutumnHourAreWrittenInUtc) {
  const std::string ics = WriteCalendar(
      // 02:30 summer time to 02:30 winter time, the same reading twice.
      Document({Event("twice@samspar.se", Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 1, 30),
                      "Övertid"),
                // From 20:00 to 03:00 winter time, which happens once.
                Event("after@samspar.se", Utc(2026, 10, 24, 18, 0), Utc(2026, 10, 25, 2, 0),
                      "Kväll")}),
      Stockholm());

  EXPECT_THAT(ics, HasSubstr("DTSTART:20261025T003000Z\r\nDTEND:20261025T013000Z\r\n"));
  EXPECT_THAT(ics, HasSubstr("DTSTART;TZID=Europe/Stockholm:20261024T200000\r\n"
                             "DTEND;TZID=Europe/Stockholm:20261025T030000\r\n"));
}

TEST(WriteCalendar, EscapesText) {
  CalendarDocument document = Document(
      {Event("a;b@samspar.se", Utc(2026, 1, 15, 7, 0), Utc(2026, 1, 15, 16, 0),
             "Bakjour, Ryhov; avd 3\\4", "Rad ett\nRad två\r\nRad tre")});
  document.name = "Jour, medicin";
  const std::string ics = WriteCalendar(document, Stockholm());

  EXPECT_THAT(ics, HasSubstr("\r\nX-WR-CALNAME:Jour\\, medicin\r\n"));
  EXPECT_THAT(ics, HasSubstr("\r\nUID:a\\;b@samspar.se\r\n"));
  EXPECT_THAT(ics, HasSubstr("\r\nSUMMARY:Bakjour\\, Ryhov\\; avd 3\\\\4\r\n"));
  EXPECT_THAT(ics, HasSubstr("\r\nDESCRIPTION:Rad ett\\nRad två\\nRad tre\r\n"));
}

TEST(WriteCalendar, FoldsLongLinesAt75OctetsWithoutSplittingACharacter) {
  // The prefixes shift the Swedish letters (two octets) and the dash (three)
  // across every position at the fold.
  for (const absl::string_view prefix : {"", "a", "aa", "aaa"}) {
    SCOPED_TRACE(absl::StrCat("prefix \"", prefix, "\""));
    std::string description(prefix);
    for (int i = 0; i < 8; ++i) description += "Överläkare på akuten i Jönköping–Värnamo, växel ";
    const std::string ics = WriteCalendar(
        Document({Event("duty-1@samspar.se", Utc(2026, 1, 15, 7, 0), Utc(2026, 1, 15, 16, 0),
                        "Bakjour", description)}),
        Stockholm());

    ASSERT_THAT(ics, EndsWith("\r\n"));
    const std::vector<absl::string_view> lines =
        absl::StrSplit(absl::string_view(ics).substr(0, ics.size() - 2), "\r\n");
    int continuations = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      const absl::string_view line = lines[i];
      EXPECT_LE(line.size(), 75u) << line;
      EXPECT_THAT(line, Not(HasSubstr("\r"))) << "a line break other than CRLF";
      EXPECT_THAT(line, Not(HasSubstr("\n"))) << "a line break other than CRLF";
      EXPECT_TRUE(HasWholeCharacters(line)) << line;
      if (i + 1 < lines.size() && absl::StartsWith(lines[i + 1], " ")) {
        ++continuations;
        // Cut as late as whole characters allow, not early.
        EXPECT_GE(line.size(), 72u) << line;
      }
    }
    EXPECT_GT(continuations, 4);
    const std::string unfolded = absl::StrReplaceAll(ics, {{"\r\n ", ""}});
    EXPECT_THAT(unfolded, HasSubstr(absl::StrCat("\r\nDESCRIPTION:",
                                                 absl::StrReplaceAll(description, {{",", "\\,"}}),
                                                 "\r\n")));
  }
}

}  // namespace
}  // namespace samspar::roster::ical
