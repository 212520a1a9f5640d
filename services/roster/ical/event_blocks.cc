#include "services/roster/ical/event_blocks.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status/errors.h"
#include "services/roster/ical/line_folding.h"
#include "common/api/utf8.h"

namespace samspar::roster::ical {
namespace {

absl::Status NotACalendar(absl::string_view why) {
  return FieldError("ical", "FIELD_INVALID", absl::StrCat("not an iCalendar document: ", why));
}

}  // namespace

absl::StatusOr<std::vector<EventBlock>> EventBlocksOf(absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");  // a byte order mark, as Windows programs write
  std::vector<EventBlock> events;
  std::vector<std::string> open;  // the components the line is in, outermost first
  bool has_calendar = false;
  for (const LogicalLine& line : UnfoldLines(text)) {
    // Checked after unfolding: some exporters fold inside a character.
    if (api::FirstInvalidUtf8(line.text).has_value()) {
      return NotACalendar(absl::StrCat("line ", line.line_number, " is not UTF-8 text"));
    }
    const absl::optional<ContentLine> content = ParseContentLine(line);
    const bool begins = content.has_value() && content->name == "BEGIN";
    if (begins || (content.has_value() && content->name == "END")) {
      std::string component = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(content->value));
      if (begins) {
        if (open.empty() && component != "VCALENDAR") {
          return NotACalendar(absl::StrCat("line ", line.line_number,
                                           " begins a component outside BEGIN:VCALENDAR"));
        }
        if (open.size() == 1 && component == "VEVENT") {
          events.push_back(EventBlock{line.line_number, {}, {}});
        }
        open.push_back(std::move(component));
        has_calendar = true;
      } else {
        if (open.empty() || open.back() != component) {
          return NotACalendar(
              absl::StrCat("the END on line ", line.line_number, " does not match its BEGIN"));
        }
        open.pop_back();
      }
      continue;
    }
    if (open.empty()) {
      return NotACalendar(absl::StrCat("line ", line.line_number,
                                       " is outside BEGIN:VCALENDAR and END:VCALENDAR"));
    }
    // Properties of the calendar itself, its time zones, alarms and the like
    // say nothing about when the duties are.
    if (open.size() != 2 || open.back() != "VEVENT") continue;
    if (content.has_value()) {
      events.back().properties.push_back(*content);
    } else {
      std::string name = ApparentName(line.text);
      std::string description = absl::StrCat(name, name.empty() ? "" : ": ",
                                             "the line is not an iCalendar property (NAME:value)");
      events.back().malformed_lines.push_back(ImportProblem{
          line.line_number, std::move(name), "FIELD_INVALID", std::move(description)});
    }
  }
  if (!has_calendar) return NotACalendar("there is no BEGIN:VCALENDAR");
  if (!open.empty()) return NotACalendar("a BEGIN has no matching END");
  return events;
}

}  // namespace samspar::roster::ical
