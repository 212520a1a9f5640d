#include "services/roster/ical/calendar_reader.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ical_testing.h"

namespace samspar::roster::ical {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Optional;
using ::testing::SizeIs;
using testutil::During;
using testutil::Lines;
using testutil::LineOf;
using testutil::OneEvent;
using testutil::ProblemAt;
using testutil::Read;
using testutil::Stockholm;
using testutil::Utc;

TEST(ReadCalendar, ReadsAnEvent) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:duty-1@rjl.se",
      "DTSTAMP:20260102T080000Z",
      "DTSTART:20260115T070000Z",
      "DTEND:20260115T160000Z",
      "SUMMARY:Bakjour\\, Ryhov\\; avd 3\\\\4\\nrad två",
      "X-HSA-ID:SE2321000057-1003",
      "ATTENDEE;CN=\"Lind, Erik\";RSVP=TRUE:MAILTO:Erik.Lind@RJL.se",
      "ATTENDEE:mailto:anna.holm@rjl.se",
      "ATTENDEE:urn:uuid:2f1c6a0e-3b7e-4f4e-9a57-0d1b2c3d4e5f",
      "ORGANIZER:mailto:schemalaggare@rjl.se",
  }));

  EXPECT_THAT(parsed.problems, IsEmpty());
  ASSERT_THAT(parsed.events, SizeIs(1));
  const ImportedEvent& event = parsed.events[0];
  EXPECT_EQ(event.line_number, 3);
  EXPECT_EQ(event.uid, "duty-1@rjl.se");
  EXPECT_EQ(event.interval, (calendar::Interval{Utc(2026, 1, 15, 7, 0), Utc(2026, 1, 15, 16, 0)}));
  EXPECT_EQ(event.summary, "Bakjour, Ryhov; avd 3\\4\nrad två");
  EXPECT_EQ(event.hsa_id, "SE2321000057-1003");
  EXPECT_THAT(event.attendee_emails, ElementsAre("erik.lind@rjl.se", "anna.holm@rjl.se"));
}

struct TimeCase {
  std::string name;
  std::string start;  // the DTSTART line
  std::string end;    // the DTEND or DURATION line, or empty
  absl::Time expected_start;
  absl::Time expected_end;

  friend void PrintTo(const TimeCase& c, std::ostream* out) { *out << c.name; }
};

class TimeValueTest : public ::testing::TestWithParam<TimeCase> {};

TEST_P(TimeValueTest, ReadsTheInstants) {
  const TimeCase& c = GetParam();
  const std::string text =
      c.end.empty() ? OneEvent({"UID:a@rjl.se", c.start}) : OneEvent({"UID:a@rjl.se", c.start, c.end});
  const ParsedCalendar parsed = Read(text);

  EXPECT_THAT(parsed.problems, IsEmpty());
  EXPECT_THAT(parsed.events, ElementsAre(During(c.expected_start, c.expected_end)));
}

INSTANTIATE_TEST_SUITE_P(
    ReadCalendar, TimeValueTest,
    ::testing::Values(
        TimeCase{"Utc", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                 Utc(2026, 1, 15, 7, 0), Utc(2026, 1, 15, 16, 0)},
        TimeCase{"IanaZoneInWinter", "DTSTART;TZID=Europe/Stockholm:20260115T080000",
                 "DTEND;TZID=Europe/Stockholm:20260115T170000", Utc(2026, 1, 15, 7, 0),
                 Utc(2026, 1, 15, 16, 0)},
        TimeCase{"IanaZoneInSummer", "DTSTART;TZID=Europe/Stockholm:20260701T080000",
                 "DTEND;TZID=Europe/Stockholm:20260701T170000", Utc(2026, 7, 1, 6, 0),
                 Utc(2026, 7, 1, 15, 0)},
        TimeCase{"AnotherIanaZone", "DTSTART;TZID=Europe/London:20260701T080000",
                 "DTEND;TZID=America/New_York:20260701T080000", Utc(2026, 7, 1, 7, 0),
                 Utc(2026, 7, 1, 12, 0)},
        TimeCase{"QuotedZoneWithLeadingSlash", "DTSTART;TZID=\"/Europe/Stockholm\":20260115T080000",
                 "DTEND;TZID=/Europe/Stockholm:20260115T170000", Utc(2026, 1, 15, 7, 0),
                 Utc(2026, 1, 15, 16, 0)},
        TimeCase{"LowerCaseNames", "dtstart;tzid=Europe/Stockholm:20260115T080000",
                 "Dtend;Tzid=Europe/Stockholm:20260115T170000", Utc(2026, 1, 15, 7, 0),
                 Utc(2026, 1, 15, 16, 0)},
        TimeCase{"WindowsZoneOfSweden", "DTSTART;TZID=W. Europe Standard Time:20260701T080000",
                 "DTEND;TZID=\"W. Europe Standard Time\":20260701T170000", Utc(2026, 7, 1, 6, 0),
                 Utc(2026, 7, 1, 15, 0)},
        TimeCase{"OtherWindowsZones",
                 "DTSTART;TZID=Central Europe Standard Time:20260115T080000",
                 "DTEND;TZID=GMT Standard Time:20260115T170000", Utc(2026, 1, 15, 7, 0),
                 Utc(2026, 1, 15, 17, 0)},
        TimeCase{"MoreWindowsZones", "DTSTART;TZID=Romance Standard Time:20260701T080000",
                 "DTEND;TZID=Central European Standard Time:20260701T170000",
                 Utc(2026, 7, 1, 6, 0), Utc(2026, 7, 1, 15, 0)},
        TimeCase{"WindowsUtc", "DTSTART;TZID=UTC:20260115T080000",
                 "DTEND;TZID=UTC:20260115T170000", Utc(2026, 1, 15, 8, 0),
                 Utc(2026, 1, 15, 17, 0)},
        TimeCase{"FloatingIsStockholm", "DTSTART:20260701T080000", "DTEND:20260701T170000",
                 Utc(2026, 7, 1, 6, 0), Utc(2026, 7, 1, 15, 0)},
        TimeCase{"Seconds", "DTSTART;TZID=Europe/Stockholm:20260115T080015",
                 "DTEND:20260115T160045Z", Utc(2026, 1, 15, 7, 0, 15), Utc(2026, 1, 15, 16, 0, 45)},
        TimeCase{"AllDayIsLocalMidnightToMidnight", "DTSTART;VALUE=DATE:20260619",
                 "DTEND;VALUE=DATE:20260620", Utc(2026, 6, 18, 22, 0), Utc(2026, 6, 19, 22, 0)},
        TimeCase{"AllDayWithoutEndLastsItsDay", "DTSTART;VALUE=DATE:20260329", "",
                 Utc(2026, 3, 28, 23, 0), Utc(2026, 3, 29, 22, 0)},
        TimeCase{"SkippedTimeIsTheMomentOfTheChange",
                 "DTSTART;TZID=Europe/Stockholm:20260329T023000",
                 "DTEND;TZID=Europe/Stockholm:20260329T080000", Utc(2026, 3, 29, 1, 0),
                 Utc(2026, 3, 29, 6, 0)},
        TimeCase{"RepeatedTimeIsItsFirstOccurrence",
                 "DTSTART;TZID=Europe/Stockholm:20261025T023000",
                 "DTEND;TZID=Europe/Stockholm:20261025T080000", Utc(2026, 10, 25, 0, 30),
                 Utc(2026, 10, 25, 7, 0)},
        // Hours in a DURATION are exact, days are days on the clock.
        TimeCase{"DurationInHours", "DTSTART;TZID=Europe/Stockholm:20260328T200000",
                 "DURATION:PT12H", Utc(2026, 3, 28, 19, 0), Utc(2026, 3, 29, 7, 0)},
        TimeCase{"DurationInDays", "DTSTART;TZID=Europe/Stockholm:20260328T120000",
                 "DURATION:P1D", Utc(2026, 3, 28, 11, 0), Utc(2026, 3, 29, 10, 0)},
        TimeCase{"DurationInWeeks", "DTSTART;TZID=Europe/Stockholm:20260105T080000",
                 "DURATION:P1W", Utc(2026, 1, 5, 7, 0), Utc(2026, 1, 12, 7, 0)},
        TimeCase{"DurationOfDaysAndTime", "DTSTART:20260105T070000Z", "DURATION:P1DT2H30M15S",
                 Utc(2026, 1, 5, 7, 0), Utc(2026, 1, 6, 9, 30, 15)},
        TimeCase{"LongestEvent", "DTSTART:20260105T070000Z", "DURATION:P31D",
                 Utc(2026, 1, 5, 7, 0), Utc(2026, 2, 5, 7, 0)}),
    [](const ::testing::TestParamInfo<TimeCase>& test) { return test.param.name; });

TEST(ReadCalendar, UnfoldsLinesEndingInLfOrCrlf) {
  // LF only, a fold with a tab, and a fold inside the two octets of "å".
  const std::string text =
      "BEGIN:VCALENDAR\n"
      "BEGIN:VEVENT\n"
      "UID:duty-1\n"
      "\t@rjl.se\r\n"
      "SUMMARY:Nattjour p\xC3\n"
      " \xA5 akuten\n"
      "DTSTART:20260115T070000Z\n"
      "\n"
      "DTEND:20260115T160000Z\n"
      "END:VEVENT\n"
      "END:VCALENDAR";
  const ParsedCalendar parsed = Read(text);

  EXPECT_THAT(parsed.problems, IsEmpty());
  ASSERT_THAT(parsed.events, SizeIs(1));
  EXPECT_EQ(parsed.events[0].line_number, 2);
  EXPECT_EQ(parsed.events[0].uid, "duty-1@rjl.se");
  EXPECT_EQ(parsed.events[0].summary, "Nattjour på akuten");
}

TEST(ReadCalendar, ReadsOnlyEventsOverlappingTheWindow) {
  const std::string text = Lines({
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT", "UID:before@rjl.se", "DTSTART:20260201T070000Z", "DTEND:20260202T070000Z",
      "END:VEVENT",
      "BEGIN:VEVENT", "UID:into@rjl.se", "DTSTART:20260201T070000Z", "DTEND:20260202T070001Z",
      "END:VEVENT",
      "BEGIN:VEVENT", "UID:within@rjl.se", "DTSTART:20260202T080000Z", "DTEND:20260202T090000Z",
      "END:VEVENT",
      "BEGIN:VEVENT", "UID:after@rjl.se", "DTSTART:20260203T070000Z", "DTEND:20260203T080000Z",
      "END:VEVENT",
      "END:VCALENDAR",
  });
  const ParsedCalendar parsed = Read(text, {Utc(2026, 2, 2, 7, 0), Utc(2026, 2, 3, 7, 0)});

  ASSERT_THAT(parsed.events, SizeIs(2));
  EXPECT_EQ(parsed.events[0].uid, "into@rjl.se");
  EXPECT_EQ(parsed.events[0].line_number, 7);
  EXPECT_EQ(parsed.events[1].uid, "within@rjl.se");
  EXPECT_EQ(parsed.events[1].line_number, 12);
}

TEST(ReadCalendar, IgnoresOtherComponentsAndAlarms) {
  const std::string text = Lines({
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "BEGIN:VTIMEZONE",
      "TZID:Customized Time Zone",
      "BEGIN:STANDARD",
      "DTSTART:16010101T030000",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0100",
      "END:STANDARD",
      "END:VTIMEZONE",
      "BEGIN:VTODO",
      "UID:todo@rjl.se",
      "DTSTART:20260115T070000Z",
      "END:VTODO",
      "BEGIN:VEVENT",
      "UID:duty-1@rjl.se",
      "DTSTART:20260115T070000Z",
      "DTEND:20260115T160000Z",
      "SUMMARY:Bakjour",
      "BEGIN:VALARM",
      "ACTION:EMAIL",
      "SUMMARY:Påminnelse",
      "TRIGGER:-PT15M",
      "ATTENDEE:mailto:larm@rjl.se",
      "END:VALARM",
      "END:VEVENT",
      "BEGIN:VJOURNAL",
      "UID:journal@rjl.se",
      "END:VJOURNAL",
      "END:VCALENDAR",
  });
  const ParsedCalendar parsed = Read(text);

  EXPECT_THAT(parsed.problems, IsEmpty());
  ASSERT_THAT(parsed.events, SizeIs(1));
  EXPECT_EQ(parsed.events[0].uid, "duty-1@rjl.se");
  EXPECT_EQ(parsed.events[0].summary, "Bakjour");
  EXPECT_THAT(parsed.events[0].attendee_emails, IsEmpty());
}

TEST(ReadCalendar, SkipsCancelledEventsWithoutProblems) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:duty-1@rjl.se",
      "STATUS:CANCELLED",
      "DTSTART:20260115T070000Z",
  }));

  EXPECT_THAT(parsed.events, IsEmpty());
  EXPECT_THAT(parsed.problems, IsEmpty());
}

TEST(ReadCalendar, ReadsAByteOrderMark) {
  const ParsedCalendar parsed = Read(absl::StrCat(
      "\xEF\xBB\xBF",
      OneEvent({"UID:duty-1@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z"})));

  EXPECT_THAT(parsed.problems, IsEmpty());
  EXPECT_THAT(parsed.events, SizeIs(1));
}

struct ProblemCase {
  std::string name;
  std::vector<std::string> event_lines;  // the first is line 4, BEGIN:VEVENT line 3
  int line_number;
  std::string property;
  std::string reason;

  friend void PrintTo(const ProblemCase& c, std::ostream* out) { *out << c.name; }
};

class ProblemTest : public ::testing::TestWithParam<ProblemCase> {};

TEST_P(ProblemTest, IsReportedAtItsLineAndTheEventLeftOut) {
  const ProblemCase& c = GetParam();
  std::string text = Lines({"BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT"});
  for (const std::string& line : c.event_lines) absl::StrAppend(&text, line, "\r\n");
  absl::StrAppend(&text, Lines({"END:VEVENT", "END:VCALENDAR"}));
  const ParsedCalendar parsed = Read(text);

  EXPECT_THAT(parsed.events, IsEmpty());
  ASSERT_THAT(parsed.problems, ElementsAre(ProblemAt(c.line_number, c.property, c.reason)));
  EXPECT_THAT(parsed.problems[0].description, HasSubstr(c.property));
}

INSTANTIATE_TEST_SUITE_P(
    ReadCalendar, ProblemTest,
    ::testing::Values(
        ProblemCase{"MissingUid",
                    {"DTSTART:20260115T070000Z", "DTEND:20260115T160000Z"},
                    3, "UID", "FIELD_REQUIRED"},
        ProblemCase{"EmptyUid",
                    {"DTSTART:20260115T070000Z", "DTEND:20260115T160000Z", "UID: "},
                    6, "UID", "FIELD_REQUIRED"},
        ProblemCase{"MissingStart", {"UID:a@rjl.se", "DTEND:20260115T160000Z"}, 3, "DTSTART",
                    "FIELD_REQUIRED"},
        ProblemCase{"DateThatDoesNotExist",
                    {"UID:a@rjl.se", "DTSTART:20260230T070000Z", "DTEND:20260301T160000Z"},
                    5, "DTSTART", "FIELD_INVALID"},
        ProblemCase{"TimeThatDoesNotExist",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T246000Z"},
                    6, "DTEND", "FIELD_INVALID"},
        ProblemCase{"DateTimeOfWrongShape",
                    {"UID:a@rjl.se", "DTSTART:2026-01-15 07:00", "DTEND:20260115T160000Z"},
                    5, "DTSTART", "FIELD_INVALID"},
        ProblemCase{"UnknownTimeZone",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z",
                     "DTEND;TZID=Customized Time Zone:20260115T170000"},
                    6, "DTEND", "FIELD_INVALID"},
        ProblemCase{"UnknownValueType",
                    {"UID:a@rjl.se", "DTSTART;VALUE=TEXT:20260115T070000Z",
                     "DTEND:20260115T160000Z"},
                    5, "DTSTART", "FIELD_INVALID"},
        ProblemCase{"NeitherEndNorDuration", {"UID:a@rjl.se", "DTSTART:20260115T070000Z"}, 3,
                    "DTEND", "INVALID_TIME_RANGE"},
        ProblemCase{"EndBeforeStart",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T060000Z"},
                    6, "DTEND", "INVALID_TIME_RANGE"},
        ProblemCase{"EndAtStart",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T070000Z"},
                    6, "DTEND", "INVALID_TIME_RANGE"},
        ProblemCase{"NegativeDuration",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DURATION:-PT1H"},
                    6, "DURATION", "INVALID_TIME_RANGE"},
        ProblemCase{"LongerThan31Days",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DURATION:P31DT1S"},
                    6, "DURATION", "INVALID_TIME_RANGE"},
        ProblemCase{"DurationOfWrongShape",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DURATION:12 hours"},
                    6, "DURATION", "FIELD_INVALID"},
        ProblemCase{"BothEndAndDuration",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "DURATION:PT9H"},
                    7, "DURATION", "FIELD_INVALID"},
        ProblemCase{"StartTwice",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "DTSTART:20260116T070000Z"},
                    7, "DTSTART", "FIELD_INVALID"},
        ProblemCase{"YearlyRule",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "RRULE:FREQ=YEARLY"},
                    7, "RRULE", "FIELD_INVALID"},
        ProblemCase{"RuleWithUnsupportedPart",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "RRULE:FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1"},
                    7, "RRULE", "FIELD_INVALID"},
        ProblemCase{"WeekdayWithOrdinal",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "RRULE:FREQ=WEEKLY;BYDAY=2MO"},
                    7, "RRULE", "FIELD_INVALID"},
        ProblemCase{"MonthDaysOnWeeklyRule",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "RRULE:FREQ=WEEKLY;BYMONTHDAY=15"},
                    7, "RRULE", "FIELD_INVALID"},
        ProblemCase{"CountAndUntil",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "RRULE:FREQ=DAILY;COUNT=3;UNTIL=20260120T000000Z"},
                    7, "RRULE", "FIELD_INVALID"},
        ProblemCase{"RuleWithoutFrequency",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "RRULE:INTERVAL=2"},
                    7, "RRULE", "FIELD_INVALID"},
        ProblemCase{"ExcludedDateOfWrongShape",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260116T0700"},
                    8, "EXDATE", "FIELD_INVALID"},
        ProblemCase{"AddedPeriod",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "RDATE;VALUE=PERIOD:20260120T070000Z/PT9H"},
                    7, "RDATE", "FIELD_INVALID"},
        ProblemCase{"RangeOfInstances",
                    {"UID:a@rjl.se", "RECURRENCE-ID;RANGE=THISANDFUTURE:20260116T070000Z",
                     "DTSTART:20260116T080000Z", "DTEND:20260116T160000Z"},
                    5, "RECURRENCE-ID", "FIELD_INVALID"},
        ProblemCase{"InstanceThatRecurs",
                    {"UID:a@rjl.se", "RECURRENCE-ID:20260116T070000Z",
                     "DTSTART:20260116T080000Z", "DTEND:20260116T160000Z",
                     "RRULE:FREQ=DAILY"},
                    8, "RRULE", "FIELD_INVALID"},
        ProblemCase{"LineThatIsNoProperty",
                    {"UID:a@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
                     "Summary without a colon"},
                    7, "SUMMARY", "FIELD_INVALID"}),
    [](const ::testing::TestParamInfo<ProblemCase>& test) { return test.param.name; });

TEST(ReadCalendar, ProblemsDoNotRepeatValuesFromTheFile) {
  // A personnummer where a time belongs, and a time zone of someone's making.
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:a@rjl.se",
      "DTSTART:199001011234",
      "DTEND;TZID=Dr Anderssons zon:20260115T170000",
      "199001011234 Andersson",
  }));

  ASSERT_THAT(parsed.problems, SizeIs(3));
  for (const ImportProblem& problem : parsed.problems) {
    EXPECT_THAT(problem.description, Not(HasSubstr("199001011234")));
    EXPECT_THAT(problem.description, Not(HasSubstr("Andersson")));
  }
  EXPECT_THAT(parsed.problems[2], ProblemAt(7, "", "FIELD_INVALID"));
}

TEST(ReadCalendar, ReportsProblemsInLineOrderAndReadsTheOtherEvents) {
  const std::string text = Lines({
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT", "DTSTART:20260115T070000Z", "DTEND:20260115T060000Z", "END:VEVENT",
      "BEGIN:VEVENT", "UID:good@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
      "END:VEVENT",
      "BEGIN:VEVENT", "UID:bad@rjl.se", "DTSTART:20260116T070000Z", "RRULE:FREQ=HOURLY",
      "END:VEVENT",
      "END:VCALENDAR",
  });
  const ParsedCalendar parsed = Read(text);

  EXPECT_THAT(parsed.events, ElementsAre(::testing::Field(&ImportedEvent::uid, "good@rjl.se")));
  EXPECT_THAT(parsed.problems, ElementsAre(ProblemAt(2, "UID", "FIELD_REQUIRED"),
                                           ProblemAt(4, "DTEND", "INVALID_TIME_RANGE"),
                                           ProblemAt(11, "DTEND", "INVALID_TIME_RANGE"),
                                           ProblemAt(14, "RRULE", "FIELD_INVALID")));
}

TEST(ReadCalendar, ASecondEventWithTheSameUidIsADuplicate) {
  const std::string text = Lines({
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT", "UID:duty-1@rjl.se", "DTSTART:20260115T070000Z", "DTEND:20260115T160000Z",
      "END:VEVENT",
      "BEGIN:VEVENT", "DTSTART:20260116T070000Z", "DTEND:20260116T160000Z", "UID:duty-1@rjl.se",
      "END:VEVENT",
      "END:VCALENDAR",
  });
  const ParsedCalendar parsed = Read(text);

  EXPECT_THAT(parsed.events, ElementsAre(During(Utc(2026, 1, 15, 7, 0), Utc(2026, 1, 15, 16, 0))));
  EXPECT_THAT(parsed.problems, ElementsAre(ProblemAt(10, "UID", "DUPLICATE_ROW")));
}

TEST(ReadCalendar, ASecondReplacementOfTheSameInstanceIsADuplicate) {
  const std::string text = Lines({
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT", "UID:night@rjl.se", "DTSTART:20260115T190000Z", "DTEND:20260116T070000Z",
      "RRULE:FREQ=DAILY;COUNT=3", "END:VEVENT",
      "BEGIN:VEVENT", "UID:night@rjl.se", "RECURRENCE-ID:20260116T190000Z",
      "DTSTART:20260116T200000Z", "DTEND:20260117T070000Z", "END:VEVENT",
      "BEGIN:VEVENT", "UID:night@rjl.se", "RECURRENCE-ID:20260116T190000Z",
      "DTSTART:20260116T210000Z", "DTEND:20260117T070000Z", "END:VEVENT",
      "END:VCALENDAR",
  });
  const ParsedCalendar parsed = Read(text);

  EXPECT_THAT(parsed.problems, ElementsAre(ProblemAt(16, "RECURRENCE-ID", "DUPLICATE_ROW")));
  EXPECT_THAT(parsed.events, ElementsAre(During(Utc(2026, 1, 15, 19, 0), Utc(2026, 1, 16, 7, 0)),
                                         During(Utc(2026, 1, 16, 20, 0), Utc(2026, 1, 17, 7, 0)),
                                         During(Utc(2026, 1, 17, 19, 0), Utc(2026, 1, 18, 7, 0))));
}

class NotACalendarTest : public ::testing::TestWithParam<std::string> {};

TEST_P(NotACalendarTest, IsRefused) {
  const absl::StatusOr<ParsedCalendar> parsed =
      ReadCalendar(GetParam(), testutil::Year2026(), Stockholm());

  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ReasonOf(parsed.status()), Optional(std::string("FIELD_INVALID")));
  EXPECT_THAT(FieldOf(parsed.status()), Optional(std::string("ical")));
}

INSTANTIATE_TEST_SUITE_P(
    ReadCalendar, NotACalendarTest,
    ::testing::Values(
        "", "\r\n\r\n", "Hello, this is not a calendar.",
        "Namn,Start,Slut\nAnna Holm,2026-01-15 08:00,2026-01-15 17:00\n",
        // Events without a calendar around them.
        "BEGIN:VEVENT\r\nUID:a@rjl.se\r\nEND:VEVENT\r\n",
        // No end.
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@rjl.se\r\nEND:VEVENT\r\n",
        // An END for the wrong component.
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@rjl.se\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        // Something after the end.
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\nUID:a@rjl.se\r\n",
        // Latin-1, not UTF-8: "på" with a single octet for "å".
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Jour p\xE5 akuten\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        // A folded first line.
        " BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));

}  // namespace
}  // namespace samspar::roster::ical
