#include "services/roster/ical/calendar_writer.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/roster/ical/line_folding.h"
#include "services/roster/ical/text_escaping.h"

namespace samspar::roster::ical {
namespace {

constexpr absl::string_view kTzid = "Europe/Stockholm";

// Europe/Stockholm by the EU rules in force since 1996: summer time from the
// last Sunday of March at 02:00 to the last Sunday of October at 03:00.
constexpr absl::string_view kStockholmTimeZone[] = {
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
};

std::string UtcDateTime(absl::Time instant) {
  return absl::FormatTime("%Y%m%dT%H%M%SZ", instant, absl::UTCTimeZone());
}

// The parameters and value of DTSTART or DTEND for `instant`.
std::string DateTimeOf(absl::Time instant, absl::TimeZone stockholm) {
  const absl::CivilSecond local = stockholm.At(instant).cs;
  if (stockholm.At(local).kind == absl::TimeZone::TimeInfo::REPEATED) {
    return absl::StrCat(":", UtcDateTime(instant));
  }
  return absl::StrCat(";TZID=", kTzid, ":",
                      absl::FormatTime("%Y%m%dT%H%M%S", instant, stockholm));
}

}  // namespace

std::string WriteCalendar(const CalendarDocument& document, absl::TimeZone stockholm) {
  std::string out;
  const auto line = [&out](absl::string_view content) { out += FoldContentLine(content); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Samspår//Roster//SV");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line(absl::StrCat("X-WR-CALNAME:", EscapeText(document.name)));
  line(absl::StrCat("X-WR-TIMEZONE:", kTzid));
  for (const absl::string_view content : kStockholmTimeZone) line(content);
  const std::string stamp = UtcDateTime(document.stamp);
  for (const CalendarEvent& event : document.events) {
    line("BEGIN:VEVENT");
    line(absl::StrCat("UID:", EscapeText(event.uid)));
    line(absl::StrCat("DTSTAMP:", stamp));
    line(absl::StrCat("DTSTART", DateTimeOf(event.interval.start, stockholm)));
    line(absl::StrCat("DTEND", DateTimeOf(event.interval.end, stockholm)));
    line(absl::StrCat("SUMMARY:", EscapeText(event.summary)));
    if (!event.description.empty()) {
      line(absl::StrCat("DESCRIPTION:", EscapeText(event.description)));
    }
    line("TRANSP:OPAQUE");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace samspar::roster::ical
