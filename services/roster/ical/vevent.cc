#include "services/roster/ical/vevent.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/roster/ical/text_escaping.h"
#include "services/roster/ical/time_values.h"

namespace samspar::roster::ical {
namespace {

constexpr absl::Duration kLongestEvent = absl::Hours(24 * 31);
constexpr int64_t kSecondsPerDay = 24 * 60 * 60;

// RFC 5545 allows these once per event; a second one leaves it unclear
// which is meant.
constexpr absl::string_view kOnceOnlyProperties[] = {
    "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RECURRENCE-ID", "STATUS", "SUMMARY",
    "X-HSA-ID"};

bool IsOnceOnly(absl::string_view name) {
  return std::find(std::begin(kOnceOnlyProperties), std::end(kOnceOnlyProperties), name) !=
         std::end(kOnceOnlyProperties);
}

// The event's properties by name, and its problems as they are found.
class EventReader {
 public:
  EventReader(const EventBlock& block, absl::TimeZone stockholm)
      : block_(block), stockholm_(stockholm) {
    event_.begin_line = block.begin_line;
    event_.problems = block.malformed_lines;
    for (const ContentLine& line : block.properties) {
      if (line.name == "EXDATE" || line.name == "RDATE" || line.name == "ATTENDEE") {
        repeated_.emplace(line.name, &line);
      } else if (IsOnceOnly(line.name) && !once_.emplace(line.name, &line).second) {
        Problem(line, "FIELD_INVALID", "appears more than once in the event");
      }
    }
  }

  VEvent Read() && {
    if (const ContentLine* status = Find("STATUS")) {
      event_.cancelled =
          absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(status->value), "CANCELLED");
    }
    ReadIdentity();
    ReadTiming();
    ReadPeople();
    return std::move(event_);
  }

 private:
  const ContentLine* Find(absl::string_view name) const {
    const auto found = once_.find(std::string(name));
    return found == once_.end() ? nullptr : found->second;
  }

  void Problem(int line_number, absl::string_view property, absl::string_view reason,
               absl::string_view what) {
    event_.problems.push_back(ImportProblem{line_number, std::string(property),
                                            std::string(reason), absl::StrCat(property, ": ", what)});
  }
  void Problem(const ContentLine& line, absl::string_view reason, absl::string_view what) {
    Problem(line.line_number, line.name, reason, what);
  }
  void Missing(absl::string_view property, absl::string_view what) {
    Problem(block_.begin_line, property, "FIELD_REQUIRED", what);
  }

  template <typename T>
  absl::optional<T> Valid(const ContentLine& line, absl::StatusOr<T> value) {
    if (value.ok()) return *std::move(value);
    Problem(line, "FIELD_INVALID", value.status().message());
    return absl::nullopt;
  }

  void ReadIdentity() {
    if (const ContentLine* uid = Find("UID")) {
      event_.uid = std::string(absl::StripAsciiWhitespace(UnescapeText(uid->value)));
      event_.uid_line = uid->line_number;
      if (event_.uid.empty()) Problem(*uid, "FIELD_REQUIRED", "is empty");
    } else {
      Missing("UID", "the event has no UID");
    }
    if (const ContentLine* recurrence_id = Find("RECURRENCE-ID")) {
      event_.replaces_instance = true;
      event_.recurrence_id_line = recurrence_id->line_number;
      if (recurrence_id->Parameter("RANGE").has_value()) {
        Problem(*recurrence_id, "FIELD_INVALID",
                "RANGE is not supported; give each changed instance its own event");
      } else if (const absl::optional<DateTimeValue> original =
                     Valid(*recurrence_id, ParseDateTimeProperty(*recurrence_id, stockholm_))) {
        event_.recurrence_id = original->Instant();
      }
    }
  }

  void ReadTiming() {
    absl::optional<DateTimeValue> start;
    if (const ContentLine* dtstart = Find("DTSTART")) {
      start = Valid(*dtstart, ParseDateTimeProperty(*dtstart, stockholm_));
    } else {
      Missing("DTSTART", "the event has no start");
    }
    // Rules and lengths are in DTSTART's zone; without it the rest is
    // still checked, so that every problem shows at once.
    const absl::TimeZone zone = start.has_value() ? start->zone : stockholm_;
    ReadRecurrence(zone);
    ReadLength(start, zone);
  }

  void ReadRecurrence(absl::TimeZone zone) {
    RecurrenceSet& instances = event_.instances;
    if (const ContentLine* rrule = Find("RRULE")) {
      if (event_.replaces_instance) {
        Problem(*rrule, "FIELD_INVALID", "an instance with RECURRENCE-ID cannot recur itself");
      } else {
        instances.rule = Valid(*rrule, ParseRecurrenceRule(rrule->value, zone));
      }
    }
    for (const auto& [name, line] : repeated_) {
      if (name == "ATTENDEE") continue;
      const absl::optional<std::vector<DateTimeValue>> values =
          Valid(*line, ParseDateTimeListProperty(*line, stockholm_));
      if (!values.has_value()) continue;
      std::vector<DateTimeValue>& into = name == "RDATE" ? instances.added : instances.excluded;
      into.insert(into.end(), values->begin(), values->end());
    }
  }

  void ReadLength(const absl::optional<DateTimeValue>& start, absl::TimeZone zone) {
    const ContentLine* dtend = Find("DTEND");
    const ContentLine* duration_line = Find("DURATION");
    absl::optional<DateTimeValue> end;
    absl::optional<IcalDuration> duration;
    bool end_readable = true;
    if (dtend != nullptr) {
      end = Valid(*dtend, ParseDateTimeProperty(*dtend, stockholm_));
      end_readable = end.has_value();
    }
    if (duration_line != nullptr && dtend != nullptr) {
      Problem(*duration_line, "FIELD_INVALID", "an event has DTEND or DURATION, not both");
      end_readable = false;
    } else if (duration_line != nullptr) {
      duration = Valid(*duration_line, ParseDuration(duration_line->value));
      end_readable = duration.has_value();
    }
    if (!start.has_value() || !end_readable) return;

    RecurrenceSet& instances = event_.instances;
    instances.start = *start;
    const absl::Time begin = start->Instant();
    if (end.has_value()) {
      instances.first_end = end->Instant();
      instances.length.local_seconds = WallClockIn(*end, zone) - start->local;
    } else if (duration.has_value() || start->is_date) {
      // An all-day event without an end lasts its day (RFC 5545 3.6.1).
      instances.length = duration.has_value()
                             ? InstanceLength{duration->days * kSecondsPerDay, duration->exact}
                             : InstanceLength{kSecondsPerDay, absl::ZeroDuration()};
      instances.first_end = InstanceEnd(start->local, begin, instances.length, zone);
    } else {
      Problem(block_.begin_line, "DTEND", "INVALID_TIME_RANGE",
              "the event has neither DTEND nor DURATION, so it has no length");
      return;
    }
    const ContentLine* end_line = dtend != nullptr ? dtend : duration_line;
    // Without DTEND or DURATION (a day) the length is right by definition.
    if (end_line == nullptr) return;
    if (instances.first_end <= begin) {
      Problem(*end_line, "INVALID_TIME_RANGE", "the event must end after it starts");
    } else if (instances.first_end - begin > kLongestEvent) {
      Problem(*end_line, "INVALID_TIME_RANGE", "the event lasts longer than 31 days");
    }
  }

  void ReadPeople() {
    if (const ContentLine* summary = Find("SUMMARY")) event_.summary = UnescapeText(summary->value);
    if (const ContentLine* hsa_id = Find("X-HSA-ID")) {
      event_.hsa_id = std::string(absl::StripAsciiWhitespace(UnescapeText(hsa_id->value)));
    }
    const auto [first, last] = repeated_.equal_range("ATTENDEE");
    for (auto it = first; it != last; ++it) {
      absl::string_view address = absl::StripAsciiWhitespace(it->second->value);
      if (!absl::StartsWithIgnoreCase(address, "mailto:")) continue;
      address.remove_prefix(7);
      std::string email = absl::AsciiStrToLower(absl::StripAsciiWhitespace(address));
      std::vector<std::string>& emails = event_.attendee_emails;
      if (!email.empty() && std::find(emails.begin(), emails.end(), email) == emails.end()) {
        emails.push_back(std::move(email));
      }
    }
  }

  const EventBlock& block_;
  const absl::TimeZone stockholm_;
  std::map<std::string, const ContentLine*> once_;
  std::multimap<std::string, const ContentLine*> repeated_;  // in file order per name
  VEvent event_;
};

}  // namespace

VEvent InterpretEvent(const EventBlock& block, absl::TimeZone stockholm) {
  return EventReader(block, stockholm).Read();
}

}  // namespace samspar::roster::ical
