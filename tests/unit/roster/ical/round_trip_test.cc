// What the roster publishes must read back as the same duties, to the
// second, also on the nights the clocks change.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ical_testing.h"
#include "services/roster/ical/calendar_reader.h"
#include "services/roster/ical/calendar_writer.h"

namespace samspar::roster::ical {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;
using testutil::Stockholm;
using testutil::Utc;

TEST(RoundTrip, ReadingWhatWasWrittenGivesTheSameEvents) {
  const std::vector<CalendarEvent> written = {
      {"day@samspar.se",
       {Utc(2026, 1, 15, 7, 0), Utc(2026, 1, 15, 16, 0)},
       "Bakjour internmedicin, Ryhov (primary)",
       "Ring växeln; fråga efter bakjouren."},
      // 20:00 to 08:00 local: 11 hours as the clocks go forward ...
      {"spring-night@samspar.se",
       {Utc(2026, 3, 28, 19, 0), Utc(2026, 3, 29, 6, 0)},
       "Nattjour kirurgi\\ortopedi; Värnamo",
       ""},
      // ... and 13 hours as they go back.
      {"autumn-night@samspar.se",
       {Utc(2026, 10, 24, 18, 0), Utc(2026, 10, 25, 7, 0)},
       "Nattjour, Höglandssjukhuset Eksjö (backup)",
       "Överlämning på avdelning 22 kl. 08:00.\nRing 010-242 00 00 vid frågor, "
       "eller sök bakjouren på akutmottagningen i Jönköping."},
      // 01:30 winter time to 03:30 summer time, across the skipped hour.
      {"over-the-gap@samspar.se",
       {Utc(2026, 3, 29, 0, 30), Utc(2026, 3, 29, 1, 30)},
       "Övertid",
       ""},
      // Both ends in the hour the clocks show twice: 02:30 summer time to
      // 02:30 winter time, and the second 02:00 to 04:00.
      {"repeated-hour@samspar.se",
       {Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 1, 30)},
       "Övertid",
       ""},
      {"second-two-oclock@samspar.se",
       {Utc(2026, 10, 25, 1, 0), Utc(2026, 10, 25, 3, 0)},
       "Övertid",
       ""},
      {"seconds@samspar.se",
       {Utc(2026, 7, 1, 6, 0, 15), Utc(2026, 7, 1, 15, 0, 45)},
       "Primärjour för Jönköpings, Värnamos och Eksjös vårdcentraler under sommaren 2026",
       ""},
  };
  const std::string ics =
      WriteCalendar(CalendarDocument{"Jour", Utc(2026, 1, 2, 8, 0), written}, Stockholm());

  const ParsedCalendar parsed = testutil::Read(ics);

  EXPECT_THAT(parsed.problems, IsEmpty());
  ASSERT_THAT(parsed.events, SizeIs(written.size()));
  for (size_t i = 0; i < written.size(); ++i) {
    SCOPED_TRACE(written[i].uid);
    const ImportedEvent& read = parsed.events[i];
    EXPECT_EQ(read.uid, written[i].uid);
    EXPECT_EQ(read.interval, written[i].interval);
    EXPECT_EQ(read.summary, written[i].summary);
    EXPECT_EQ(read.line_number, testutil::LineOf(ics, "UID:" + written[i].uid) - 1);
  }
}

}  // namespace
}  // namespace samspar::roster::ical
