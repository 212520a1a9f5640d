// Recurring events as ReadCalendar expands them: RRULE, EXDATE, RDATE and
// RECURRENCE-ID.

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ical_testing.h"
#include "services/roster/ical/calendar_reader.h"

namespace samspar::roster::ical {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using testutil::During;
using testutil::Lines;
using testutil::OneEvent;
using testutil::Read;
using testutil::Utc;

absl::Time NewYork(int year, int month, int day, int hour, int minute) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("America/New_York", &zone));
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), zone);
}

std::vector<std::string> UidsOf(const ParsedCalendar& parsed) {
  std::vector<std::string> uids;
  for (const ImportedEvent& event : parsed.events) uids.push_back(event.uid);
  return uids;
}

TEST(Recurrence, WeeklyNightsKeepTheirLocalHoursOverBothClockChanges) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:night@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260321T200000",
      "DTEND;TZID=Europe/Stockholm:20260322T080000",
      "RRULE:FREQ=WEEKLY;BYDAY=SA",
      "SUMMARY:Nattjour",
  }), {Utc(2026, 3, 20, 0, 0), Utc(2026, 11, 1, 0, 0)});

  EXPECT_THAT(parsed.problems, IsEmpty());
  // Every Saturday from 21 March to 31 October.
  ASSERT_THAT(parsed.events, SizeIs(33));
  EXPECT_THAT(parsed.events[0], During(Utc(2026, 3, 21, 19, 0), Utc(2026, 3, 22, 7, 0)));
  // 11 hours on the night the clocks go forward.
  EXPECT_THAT(parsed.events[1], During(Utc(2026, 3, 28, 19, 0), Utc(2026, 3, 29, 6, 0)));
  EXPECT_THAT(parsed.events[2], During(Utc(2026, 4, 4, 18, 0), Utc(2026, 4, 5, 6, 0)));
  // 13 hours on the night they go back.
  EXPECT_THAT(parsed.events[31], During(Utc(2026, 10, 24, 18, 0), Utc(2026, 10, 25, 7, 0)));
  EXPECT_THAT(parsed.events[32], During(Utc(2026, 10, 31, 19, 0), Utc(2026, 11, 1, 7, 0)));
}

TEST(Recurrence, InstancesAreNamedByTheirOriginalStartInUtc) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:night@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260321T200000",
      "DTEND;TZID=Europe/Stockholm:20260322T080000",
      "RRULE:FREQ=WEEKLY;COUNT=3",
      "SUMMARY:Nattjour",
      "X-HSA-ID:SE2321000057-1003",
  }));

  EXPECT_THAT(UidsOf(parsed),
              ElementsAre("night@rjl.se/20260321T190000Z", "night@rjl.se/20260328T190000Z",
                          "night@rjl.se/20260404T180000Z"));
  for (const ImportedEvent& event : parsed.events) {
    EXPECT_EQ(event.line_number, 3);
    EXPECT_EQ(event.summary, "Nattjour");
    EXPECT_EQ(event.hsa_id, "SE2321000057-1003");
  }
}

TEST(Recurrence, UtcStartsRecurInUtc) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:night@rjl.se",
      "DTSTART:20260321T190000Z",
      "DTEND:20260322T070000Z",
      "RRULE:FREQ=WEEKLY;COUNT=2",
  }));

  EXPECT_THAT(parsed.events, ElementsAre(During(Utc(2026, 3, 21, 19, 0), Utc(2026, 3, 22, 7, 0)),
                                         During(Utc(2026, 3, 28, 19, 0), Utc(2026, 3, 29, 7, 0))));
}

TEST(Recurrence, DailyWithIntervalAndCount) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:day@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260105T080000",
      "DTEND;TZID=Europe/Stockholm:20260105T170000",
      "RRULE:FREQ=DAILY;INTERVAL=2;COUNT=3",
  }));

  EXPECT_THAT(parsed.events, ElementsAre(During(Utc(2026, 1, 5, 7, 0), Utc(2026, 1, 5, 16, 0)),
                                         During(Utc(2026, 1, 7, 7, 0), Utc(2026, 1, 7, 16, 0)),
                                         During(Utc(2026, 1, 9, 7, 0), Utc(2026, 1, 9, 16, 0))));
}

TEST(Recurrence, CountIncludesInstancesBeforeTheWindow) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:day@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260105T080000",
      "DTEND;TZID=Europe/Stockholm:20260105T170000",
      "RRULE:FREQ=DAILY;COUNT=5",
  }), {Utc(2026, 1, 8, 0, 0), Utc(2026, 2, 1, 0, 0)});

  EXPECT_THAT(parsed.events, ElementsAre(During(Utc(2026, 1, 8, 7, 0), Utc(2026, 1, 8, 16, 0)),
                                         During(Utc(2026, 1, 9, 7, 0), Utc(2026, 1, 9, 16, 0))));
}

TEST(Recurrence, UntilIncludesAnInstanceStartingAtIt) {
  const auto read = [](const std::string& rule) {
    return Read(OneEvent({
        "UID:day@rjl.se",
        "DTSTART;TZID=Europe/Stockholm:20260105T080000",
        "DTEND;TZID=Europe/Stockholm:20260105T170000",
        rule,
    }));
  };

  EXPECT_THAT(read("RRULE:FREQ=DAILY;UNTIL=20260107T070000Z").events, SizeIs(3));
  EXPECT_THAT(read("RRULE:FREQ=DAILY;UNTIL=20260107T065959Z").events, SizeIs(2));
  // A date includes the whole day, a floating time is in DTSTART's zone.
  EXPECT_THAT(read("RRULE:FREQ=DAILY;UNTIL=20260107").events, SizeIs(3));
  EXPECT_THAT(read("RRULE:FREQ=DAILY;UNTIL=20260107T075959").events, SizeIs(2));
}

TEST(Recurrence, WeekStartDecidesWhichWeeksAreSkipped) {
  // The example of RFC 5545 section 3.3.10.
  const auto starts_of = [](const std::string& rule) {
    std::vector<absl::Time> starts;
    for (const ImportedEvent& event :
         Read(OneEvent({"UID:rfc@example.com", "DTSTART;TZID=America/New_York:19970805T090000",
                        "DURATION:PT1H", rule}),
              {Utc(1997, 1, 1, 0, 0), Utc(1998, 1, 1, 0, 0)})
             .events) {
      starts.push_back(event.interval.start);
    }
    return starts;
  };

  EXPECT_THAT(starts_of("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"),
              ElementsAre(NewYork(1997, 8, 5, 9, 0), NewYork(1997, 8, 10, 9, 0),
                          NewYork(1997, 8, 19, 9, 0), NewYork(1997, 8, 24, 9, 0)));
  EXPECT_THAT(starts_of("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"),
              ElementsAre(NewYork(1997, 8, 5, 9, 0), NewYork(1997, 8, 17, 9, 0),
                          NewYork(1997, 8, 19, 9, 0), NewYork(1997, 8, 31, 9, 0)));
}

TEST(Recurrence, MonthlyOnDaysOfTheMonth) {
  const ParsedCalendar first_and_last = Read(OneEvent({
      "UID:month@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260101T080000",
      "DTEND;TZID=Europe/Stockholm:20260101T090000",
      "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,-1;COUNT=5",
  }));
  EXPECT_THAT(first_and_last.events,
              ElementsAre(During(Utc(2026, 1, 1, 7, 0), Utc(2026, 1, 1, 8, 0)),
                          During(Utc(2026, 1, 31, 7, 0), Utc(2026, 1, 31, 8, 0)),
                          During(Utc(2026, 2, 1, 7, 0), Utc(2026, 2, 1, 8, 0)),
                          During(Utc(2026, 2, 28, 7, 0), Utc(2026, 2, 28, 8, 0)),
                          During(Utc(2026, 3, 1, 7, 0), Utc(2026, 3, 1, 8, 0))));

  // Months without a 31st are skipped, not moved.
  const ParsedCalendar on_the_31st = Read(OneEvent({
      "UID:month@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260131T080000",
      "DTEND;TZID=Europe/Stockholm:20260131T090000",
      "RRULE:FREQ=MONTHLY;COUNT=4",
  }));
  EXPECT_THAT(on_the_31st.events,
              ElementsAre(During(Utc(2026, 1, 31, 7, 0), Utc(2026, 1, 31, 8, 0)),
                          During(Utc(2026, 3, 31, 6, 0), Utc(2026, 3, 31, 7, 0)),
                          During(Utc(2026, 5, 31, 6, 0), Utc(2026, 5, 31, 7, 0)),
                          During(Utc(2026, 7, 31, 6, 0), Utc(2026, 7, 31, 7, 0))));
}

TEST(Recurrence, AllDayInstancesLastTheirLocalDay) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:ledig@rjl.se",
      "DTSTART;VALUE=DATE:20260328",
      "RRULE:FREQ=DAILY;COUNT=2",
  }));

  EXPECT_THAT(parsed.events, ElementsAre(During(Utc(2026, 3, 27, 23, 0), Utc(2026, 3, 28, 23, 0)),
                                         During(Utc(2026, 3, 28, 23, 0), Utc(2026, 3, 29, 22, 0))));
}

TEST(Recurrence, ExcludedAndAddedDates) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:day@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260105T080000",
      "DTEND;TZID=Europe/Stockholm:20260105T170000",
      "RRULE:FREQ=DAILY;COUNT=5",
      "EXDATE;TZID=Europe/Stockholm:20260106T080000,20260108T080000",
      "EXDATE:20260109T070000Z",
      "RDATE;TZID=Europe/Stockholm:20260111T100000",
      "RDATE:20260105T070000Z",
  }));

  EXPECT_THAT(parsed.problems, IsEmpty());
  EXPECT_THAT(parsed.events, ElementsAre(During(Utc(2026, 1, 5, 7, 0), Utc(2026, 1, 5, 16, 0)),
                                         During(Utc(2026, 1, 7, 7, 0), Utc(2026, 1, 7, 16, 0)),
                                         During(Utc(2026, 1, 11, 9, 0), Utc(2026, 1, 11, 18, 0))));
  EXPECT_THAT(UidsOf(parsed), ElementsAre("day@rjl.se/20260105T070000Z",
                                          "day@rjl.se/20260107T070000Z",
                                          "day@rjl.se/20260111T090000Z"));
}

TEST(Recurrence, AddedDatesAloneMakeAnEventRecur) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:extra@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260328T200000",
      "DTEND;TZID=Europe/Stockholm:20260329T080000",
      "RDATE;TZID=Europe/Stockholm:20261024T200000",
  }));

  EXPECT_THAT(parsed.events,
              ElementsAre(During(Utc(2026, 3, 28, 19, 0), Utc(2026, 3, 29, 6, 0)),
                          During(Utc(2026, 10, 24, 18, 0), Utc(2026, 10, 25, 7, 0))));
  EXPECT_THAT(UidsOf(parsed), ElementsAre("extra@rjl.se/20260328T190000Z",
                                          "extra@rjl.se/20261024T180000Z"));
}

TEST(Recurrence, ARecurrenceIdReplacesItsInstance) {
  const std::string text = Lines({
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "UID:other@rjl.se",
      "DTSTART:20260301T070000Z",
      "DTEND:20260301T160000Z",
      "END:VEVENT",
      // The replacement may come before the event it changes.
      "BEGIN:VEVENT",
      "UID:night@rjl.se",
      "RECURRENCE-ID;TZID=Europe/Stockholm:20260328T200000",
      "DTSTART;TZID=Europe/Stockholm:20260328T220000",
      "DTEND;TZID=Europe/Stockholm:20260329T100000",
      "SUMMARY:Nattjour (flyttad)",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:night@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260321T200000",
      "DTEND;TZID=Europe/Stockholm:20260322T080000",
      "RRULE:FREQ=WEEKLY;COUNT=3",
      "SUMMARY:Nattjour",
      "END:VEVENT",
      "END:VCALENDAR",
  });
  const ParsedCalendar parsed = Read(text);

  EXPECT_THAT(parsed.problems, IsEmpty());
  EXPECT_THAT(UidsOf(parsed),
              ElementsAre("other@rjl.se", "night@rjl.se/20260321T190000Z",
                          "night@rjl.se/20260328T190000Z", "night@rjl.se/20260404T180000Z"));
  const ImportedEvent& moved = parsed.events[2];
  EXPECT_THAT(moved, During(Utc(2026, 3, 28, 21, 0), Utc(2026, 3, 29, 8, 0)));
  EXPECT_EQ(moved.summary, "Nattjour (flyttad)");
  EXPECT_EQ(moved.line_number, 7);
  EXPECT_EQ(parsed.events[1].line_number, 14);
  EXPECT_EQ(parsed.events[1].summary, "Nattjour");
}

TEST(Recurrence, AMovedInstanceIsReadWhereItNowIs) {
  const std::string text = Lines({
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "UID:night@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260321T200000",
      "DTEND;TZID=Europe/Stockholm:20260322T080000",
      "RRULE:FREQ=WEEKLY",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:night@rjl.se",
      "RECURRENCE-ID;TZID=Europe/Stockholm:20260321T200000",
      "DTSTART;TZID=Europe/Stockholm:20260501T200000",
      "DTEND;TZID=Europe/Stockholm:20260502T080000",
      "END:VEVENT",
      "END:VCALENDAR",
  });
  // The window holds the new time of the first instance but not its old
  // one, nor any other instance.
  const ParsedCalendar parsed = Read(text, {Utc(2026, 5, 1, 12, 0), Utc(2026, 5, 2, 12, 0)});

  EXPECT_THAT(UidsOf(parsed), ElementsAre("night@rjl.se/20260321T190000Z"));
  EXPECT_THAT(parsed.events[0], During(Utc(2026, 5, 1, 18, 0), Utc(2026, 5, 2, 6, 0)));
  EXPECT_EQ(parsed.events[0].line_number, 8);
}

TEST(Recurrence, ACancelledInstanceIsRemoved) {
  const std::string text = Lines({
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "UID:night@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260321T200000",
      "DTEND;TZID=Europe/Stockholm:20260322T080000",
      "RRULE:FREQ=WEEKLY;COUNT=3",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:night@rjl.se",
      "RECURRENCE-ID;TZID=Europe/Stockholm:20260328T200000",
      "STATUS:CANCELLED",
      "END:VEVENT",
      "END:VCALENDAR",
  });
  const ParsedCalendar parsed = Read(text);

  EXPECT_THAT(parsed.problems, IsEmpty());
  EXPECT_THAT(UidsOf(parsed), ElementsAre("night@rjl.se/20260321T190000Z",
                                          "night@rjl.se/20260404T180000Z"));
}

TEST(Recurrence, ExpandsOnlyTheWindowOfAnEndlessRule) {
  const ParsedCalendar parsed = Read(OneEvent({
      "UID:day@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20190107T080000",
      "DTEND;TZID=Europe/Stockholm:20190107T160000",
      "RRULE:FREQ=DAILY",
  }), {Utc(2026, 3, 28, 0, 0), Utc(2026, 3, 31, 0, 0)});

  EXPECT_THAT(parsed.events, ElementsAre(During(Utc(2026, 3, 28, 7, 0), Utc(2026, 3, 28, 15, 0)),
                                         During(Utc(2026, 3, 29, 6, 0), Utc(2026, 3, 29, 14, 0)),
                                         During(Utc(2026, 3, 30, 6, 0), Utc(2026, 3, 30, 14, 0))));
}

TEST(Recurrence, AnEndlessWeeklyAndMonthlyRuleFarFromItsStart) {
  const ParsedCalendar weekly = Read(OneEvent({
      "UID:week@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20190119T200000",
      "DTEND;TZID=Europe/Stockholm:20190120T080000",
      "RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SA",
  }), {Utc(2026, 10, 10, 0, 0), Utc(2026, 11, 1, 0, 0)});
  // 2019-01-19 and 2026-10-24 are 2835 days, 135 times three weeks, apart.
  EXPECT_THAT(weekly.events, ElementsAre(During(Utc(2026, 10, 24, 18, 0), Utc(2026, 10, 25, 7, 0))));

  const ParsedCalendar monthly = Read(OneEvent({
      "UID:month@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20190131T080000",
      "DTEND;TZID=Europe/Stockholm:20190131T090000",
      "RRULE:FREQ=MONTHLY;INTERVAL=2",
  }), {Utc(2026, 1, 1, 0, 0), Utc(2026, 7, 1, 0, 0)});
  // Every other month from January 2019 lands on odd months; of January,
  // March and May 2026 all have a 31st.
  EXPECT_THAT(monthly.events, ElementsAre(During(Utc(2026, 1, 31, 7, 0), Utc(2026, 1, 31, 8, 0)),
                                          During(Utc(2026, 3, 31, 6, 0), Utc(2026, 3, 31, 7, 0)),
                                          During(Utc(2026, 5, 31, 6, 0), Utc(2026, 5, 31, 7, 0))));
}

TEST(Recurrence, StopsAt5000InstancesOfAnEvent) {
  const calendar::Interval always{absl::InfinitePast(), absl::InfiniteFuture()};
  const ParsedCalendar endless = Read(OneEvent({
      "UID:day@rjl.se",
      "DTSTART;TZID=Europe/Stockholm:20260105T080000",
      "DTEND;TZID=Europe/Stockholm:20260105T170000",
      "RRULE:FREQ=DAILY",
  }), always);
  ASSERT_THAT(endless.events, SizeIs(5000));
  EXPECT_THAT(endless.events.back(), During(Utc(2039, 9, 13, 6, 0), Utc(2039, 9, 13, 15, 0)));

  const ParsedCalendar counted = Read(OneEvent({
      "UID:day@rjl.se",
      "DTSTART:20260105T070000Z",
      "DTEND:20260105T160000Z",
      "RRULE:FREQ=DAILY;COUNT=100000",
  }), always);
  EXPECT_THAT(counted.events, SizeIs(5000));
}

}  // namespace
}  // namespace samspar::roster::ical
