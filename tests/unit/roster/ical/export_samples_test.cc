// Files as Outlook and Google Calendar export them, with their time zone
// blocks, vendor properties and folded descriptions.

#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
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
using testutil::Utc;

// Both programs end lines in CRLF.
std::string Crlf(absl::string_view text) { return absl::StrReplaceAll(text, {{"\n", "\r\n"}}); }

// The line of the BEGIN:VEVENT of the event that contains `needle`.
int BeginOfEventWith(absl::string_view text, absl::string_view needle) {
  const std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  int begin = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (absl::StartsWith(lines[i], "BEGIN:VEVENT")) begin = static_cast<int>(i) + 1;
    if (absl::StrContains(lines[i], needle)) return begin;
  }
  ADD_FAILURE() << "no event contains " << needle;
  return 0;
}

const std::string kOutlookExport = Crlf(R"(BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-CALSTART:20260105T070000Z
X-CALEND:20261231T230000Z
X-CLIPSTART:20260101T000000Z
X-CLIPEND:20270101T000000Z
X-WR-RELCALID:{0000002E-1B7C-2D4E-8A19-4D3C2B1A0F9E}
X-WR-CALNAME:Jourschema internmedicin
X-PRIMARY-CALENDAR:TRUE
X-OWNER;CN=Anna Holm:mailto:anna.holm@rjl.se
X-MS-OLK-WKHRSTART;TZID="W. Europe Standard Time":080000
X-MS-OLK-WKHREND;TZID="W. Europe Standard Time":170000
X-MS-OLK-WKHRDAYS:MO,TU,WE,TH,FR
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;CN="Erik Lind";RSVP=TRUE:mailto:Erik.Lind@rjl.se
CLASS:PUBLIC
CREATED:20260102T101500Z
DESCRIPTION:Bakjour internmedicin\, Länssjukhuset Ryhov. Nås via växeln 010
 -242 00 00\; be om bakjouren i medicin. Vid hög belastning på akutmottagni
 ngen kontaktas även primärjouren.\n\nÖverlämning sker kl. 08:00 på avdelni
 ng 22.\n
DTEND;TZID="W. Europe Standard Time":20260329T080000
DTSTAMP:20260103T080000Z
DTSTART;TZID="W. Europe Standard Time":20260328T200000
LAST-MODIFIED:20260102T101500Z
LOCATION:Länssjukhuset Ryhov
PRIORITY:5
SEQUENCE:0
SUMMARY;LANGUAGE=sv:Bakjour internmedicin
TRANSP:OPAQUE
UID:040000008200E00074C5B7101A82E00800000000B0A8E2C1F27BDC01000000000000000
 010000000A1F3C9E5D2B7404F9A2E1C3B5D7F9E11
X-ALT-DESC;FMTTYPE=text/html:<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2//E
 N">\n<HTML>\n<HEAD>\n<META NAME="Generator" CONTENT="MS Exchange Server ve
 rsion rmj.rmm.rup.rpr">\n<TITLE></TITLE>\n</HEAD>\n<BODY>\n<P DIR=LTR><SPAN
  LANG="sv">Bakjour internmedicin\, Länssjukhuset Ryhov</SPAN></P>\n</BODY>
 \n</HTML>
X-HSA-ID:SE2321000057-1003
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-DISALLOW-COUNTER:FALSE
X-MS-OLK-AUTOFILLLOCATION:FALSE
X-MS-OLK-CONFTYPE:0
BEGIN:VALARM
TRIGGER:-PT15M
ACTION:DISPLAY
DESCRIPTION:Reminder
END:VALARM
END:VEVENT
BEGIN:VEVENT
CLASS:PUBLIC
CREATED:20251215T090000Z
DESCRIPTION:Telefonkonsultation för primärvården i Jönköpings län. Ring 010
 -242 10 10 och uppge vårdcentral. Gäller måndagar under vårterminen\, ej r
 öda dagar.\n
DTEND;TZID="W. Europe Standard Time":20260105T120000
DTSTAMP:20260103T080000Z
DTSTART;TZID="W. Europe Standard Time":20260105T080000
EXDATE;TZID="W. Europe Standard Time":20260406T080000
LAST-MODIFIED:20251215T090000Z
LOCATION:Telefon
PRIORITY:5
RRULE:FREQ=WEEKLY;UNTIL=20260427T060000Z;INTERVAL=1;BYDAY=MO;WKST=MO
SEQUENCE:0
SUMMARY;LANGUAGE=sv:Konsultjour primärvård
TRANSP:OPAQUE
UID:040000008200E00074C5B7101A82E00800000000C1B9F3D2038CDC01000000000000000
 01000000077E2A8B6C4D3E2F1A0B9C8D7E6F5A4B3
X-HSA-ID:SE2321000057-2044
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-DISALLOW-COUNTER:FALSE
X-MS-OLK-CONFTYPE:0
END:VEVENT
BEGIN:VEVENT
CLASS:PUBLIC
CREATED:20260110T130000Z
DTEND;TZID="W. Europe Standard Time":20260212T220000
DTSTAMP:20260111T080000Z
DTSTART;TZID="W. Europe Standard Time":20260212T160000
LAST-MODIFIED:20260111T080000Z
PRIORITY:5
SEQUENCE:1
STATUS:CANCELLED
SUMMARY;LANGUAGE=sv:Inställt: Kvällsjour
TRANSP:OPAQUE
UID:040000008200E00074C5B7101A82E00800000000D2CA04E3149DDC01000000000000000
 0100000008F3B9C7D5E4F3A2B1C0D9E8F7A6B5C4D
X-MICROSOFT-CDO-BUSYSTATUS:FREE
END:VEVENT
END:VCALENDAR
)");

TEST(ExportSamples, ReadsAnOutlookExport) {
  const ParsedCalendar parsed =
      testutil::Read(kOutlookExport, {Utc(2026, 1, 1, 0, 0), Utc(2026, 5, 1, 0, 0)});

  EXPECT_THAT(parsed.problems, IsEmpty());
  // The night, then the Mondays from 5 January to 27 April but Easter Monday.
  ASSERT_THAT(parsed.events, SizeIs(1 + 16));
  const ImportedEvent& night = parsed.events[0];
  EXPECT_EQ(night.uid,
            "040000008200E00074C5B7101A82E00800000000B0A8E2C1F27BDC01000000000000000"
            "010000000A1F3C9E5D2B7404F9A2E1C3B5D7F9E11");
  EXPECT_EQ(night.line_number, BeginOfEventWith(kOutlookExport, "Erik.Lind@rjl.se"));
  EXPECT_THAT(night, During(Utc(2026, 3, 28, 19, 0), Utc(2026, 3, 29, 6, 0)));
  EXPECT_EQ(night.summary, "Bakjour internmedicin");
  EXPECT_EQ(night.hsa_id, "SE2321000057-1003");
  EXPECT_THAT(night.attendee_emails, ElementsAre("erik.lind@rjl.se"));

  const std::string series =
      "040000008200E00074C5B7101A82E00800000000C1B9F3D2038CDC01000000000000000"
      "01000000077E2A8B6C4D3E2F1A0B9C8D7E6F5A4B3";
  const ImportedEvent& first_monday = parsed.events[1];
  EXPECT_EQ(first_monday.uid, series + "/20260105T070000Z");
  EXPECT_THAT(first_monday, During(Utc(2026, 1, 5, 7, 0), Utc(2026, 1, 5, 11, 0)));
  EXPECT_EQ(first_monday.summary, "Konsultjour primärvård");
  EXPECT_EQ(first_monday.hsa_id, "SE2321000057-2044");
  EXPECT_EQ(first_monday.line_number, BeginOfEventWith(kOutlookExport, "LOCATION:Telefon"));
  // The last Monday before the clocks change, and the first after.
  EXPECT_THAT(parsed.events[12], During(Utc(2026, 3, 23, 7, 0), Utc(2026, 3, 23, 11, 0)));
  EXPECT_THAT(parsed.events[13], During(Utc(2026, 3, 30, 6, 0), Utc(2026, 3, 30, 10, 0)));
  // Easter Monday, 6 April, is left out; UNTIL includes 27 April.
  EXPECT_THAT(parsed.events[14], During(Utc(2026, 4, 13, 6, 0), Utc(2026, 4, 13, 10, 0)));
  EXPECT_EQ(parsed.events[16].uid, series + "/20260427T060000Z");
}

const std::string kGoogleExport = Crlf(R"(BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Primärjour Värnamo
X-WR-TIMEZONE:Europe/Stockholm
X-WR-CALDESC:Primärjourens pass på Värnamo sjukhus och vårdcentralerna i Gn
 osjö\, Gislaved och Värnamo
BEGIN:VTIMEZONE
TZID:Europe/Stockholm
X-LIC-LOCATION:Europe/Stockholm
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=Europe/Stockholm:20260321T200000
DTEND;TZID=Europe/Stockholm:20260322T080000
RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20261024T180000Z;BYDAY=SA
EXDATE;TZID=Europe/Stockholm:20260404T200000
DTSTAMP:20260301T090000Z
UID:5k2q8v1b3n9m0c7x6z4l2p8r1t@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Maria.
 Holm@rjl.se;X-NUM-GUESTS=0:mailto:Maria.Holm@rjl.se
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=pr
 imarjour.varnamo@rjl.se;X-NUM-GUESTS=0:mailto:primarjour.varnamo@rjl.se
X-HSA-ID:SE2321000057-3071
CREATED:20260215T101010Z
DESCRIPTION:Nattjour för primärvården i Värnamo med omnejd. Jouren tar emot
  samtal från ambulansen och kommunens sjuksköterskor och gör hembesök vid b
 ehov. Vid frågor om schemat\, kontakta samordnaren.\n\n-::~:~::~:~:~:~:~:~:
 ~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~
 ::-\nAnslut till Google Meet: https://meet.google.com/abc-defg-hij\n\n-::~:
 ~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:
 ~:~:~:~::~:~::-
LAST-MODIFIED:20260301T085959Z
LOCATION:Värnamo sjukhus\, Värnamo\, Sverige
SEQUENCE:2
STATUS:CONFIRMED
SUMMARY:Nattjour Värnamo
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Stockholm:20260502T210000
DTEND;TZID=Europe/Stockholm:20260503T090000
DTSTAMP:20260301T090000Z
UID:5k2q8v1b3n9m0c7x6z4l2p8r1t@google.com
RECURRENCE-ID;TZID=Europe/Stockholm:20260502T200000
X-HSA-ID:SE2321000057-3071
CREATED:20260215T101010Z
DESCRIPTION:Flyttad en timme på grund av valborgshelgen.
LAST-MODIFIED:20260301T085959Z
LOCATION:Värnamo sjukhus\, Värnamo\, Sverige
SEQUENCE:3
STATUS:CONFIRMED
SUMMARY:Nattjour Värnamo (flyttad)
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Stockholm:20260509T200000
DTEND;TZID=Europe/Stockholm:20260510T080000
DTSTAMP:20260301T090000Z
UID:5k2q8v1b3n9m0c7x6z4l2p8r1t@google.com
RECURRENCE-ID;TZID=Europe/Stockholm:20260509T200000
CREATED:20260215T101010Z
LAST-MODIFIED:20260301T085959Z
SEQUENCE:3
STATUS:CANCELLED
SUMMARY:Nattjour Värnamo
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20260619
DTEND;VALUE=DATE:20260620
DTSTAMP:20260301T090000Z
UID:0m9n8b7v6c5x4z3l2k1j@google.com
CREATED:20260110T080000Z
DESCRIPTION:
LAST-MODIFIED:20260110T080000Z
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Midsommarafton – ingen jour
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
DTSTART:20260910T060000Z
DTEND:20260910T140000Z
DTSTAMP:20260301T090000Z
UID:7h6g5f4d3s2a1q0w9e8r@google.com
ORGANIZER;CN=Region Jönköpings län:mailto:utbildning@rjl.se
CREATED:20260120T120000Z
DESCRIPTION:Obligatorisk utbildningsdag i akut omhändertagande för primärjo
 urer.
LAST-MODIFIED:20260120T120000Z
LOCATION:Länssjukhuset Ryhov\, Jönköping
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Utbildningsdag AKUT
TRANSP:OPAQUE
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:This is an event reminder
TRIGGER:-P0DT0H30M0S
END:VALARM
END:VEVENT
END:VCALENDAR
)");

TEST(ExportSamples, ReadsAGoogleCalendarExport) {
  const ParsedCalendar parsed =
      testutil::Read(kGoogleExport, {Utc(2026, 3, 1, 0, 0), Utc(2026, 12, 1, 0, 0)});

  EXPECT_THAT(parsed.problems, IsEmpty());
  // 32 Saturdays from 21 March to 24 October, less 4 April (EXDATE) and
  // 9 May (cancelled); then the midsummer day and the training day.
  ASSERT_THAT(parsed.events, SizeIs(30 + 2));
  const std::string series = "5k2q8v1b3n9m0c7x6z4l2p8r1t@google.com/";
  const int master_line = BeginOfEventWith(kGoogleExport, "FREQ=WEEKLY");

  const ImportedEvent& first = parsed.events[0];
  EXPECT_EQ(first.uid, series + "20260321T190000Z");
  EXPECT_EQ(first.line_number, master_line);
  EXPECT_EQ(first.summary, "Nattjour Värnamo");
  EXPECT_EQ(first.hsa_id, "SE2321000057-3071");
  EXPECT_THAT(first.attendee_emails,
              ElementsAre("maria.holm@rjl.se", "primarjour.varnamo@rjl.se"));
  // 11 hours as the clocks go forward; 4 April is excluded.
  EXPECT_THAT(parsed.events[1], During(Utc(2026, 3, 28, 19, 0), Utc(2026, 3, 29, 6, 0)));
  EXPECT_THAT(parsed.events[2], During(Utc(2026, 4, 11, 18, 0), Utc(2026, 4, 12, 6, 0)));

  // 2 May moved an hour later; 9 May cancelled.
  const ImportedEvent& moved = parsed.events[5];
  EXPECT_EQ(moved.uid, series + "20260502T180000Z");
  EXPECT_THAT(moved, During(Utc(2026, 5, 2, 19, 0), Utc(2026, 5, 3, 7, 0)));
  EXPECT_EQ(moved.summary, "Nattjour Värnamo (flyttad)");
  EXPECT_EQ(moved.line_number, BeginOfEventWith(kGoogleExport, "(flyttad)"));
  EXPECT_EQ(parsed.events[6].uid, series + "20260516T180000Z");

  // UNTIL includes 24 October, 13 hours as the clocks go back.
  const ImportedEvent& last = parsed.events[29];
  EXPECT_EQ(last.uid, series + "20261024T180000Z");
  EXPECT_THAT(last, During(Utc(2026, 10, 24, 18, 0), Utc(2026, 10, 25, 7, 0)));

  const ImportedEvent& midsummer = parsed.events[30];
  EXPECT_EQ(midsummer.uid, "0m9n8b7v6c5x4z3l2k1j@google.com");
  EXPECT_THAT(midsummer, During(Utc(2026, 6, 18, 22, 0), Utc(2026, 6, 19, 22, 0)));
  EXPECT_EQ(midsummer.summary, "Midsommarafton – ingen jour");

  const ImportedEvent& training = parsed.events[31];
  EXPECT_EQ(training.uid, "7h6g5f4d3s2a1q0w9e8r@google.com");
  EXPECT_THAT(training, During(Utc(2026, 9, 10, 6, 0), Utc(2026, 9, 10, 14, 0)));
  EXPECT_THAT(training.attendee_emails, IsEmpty());
}

}  // namespace
}  // namespace samspar::roster::ical
