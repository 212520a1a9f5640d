#include "services/roster/ical/calendar_reader.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "services/roster/ical/event_blocks.h"
#include "services/roster/ical/recurrence_set.h"
#include "services/roster/ical/vevent.h"

namespace samspar::roster::ical {
namespace {

std::string InstanceUid(absl::string_view uid, absl::Time original_start) {
  return absl::StrCat(uid, "/",
                      absl::FormatTime("%Y%m%dT%H%M%SZ", original_start, absl::UTCTimeZone()));
}

ImportedEvent Imported(const VEvent& event, std::string uid, calendar::Interval interval) {
  return ImportedEvent{event.begin_line, std::move(uid),         interval,
                       event.hsa_id,     event.attendee_emails, event.summary};
}

// Marks the later of two events that claim the same UID, or the same
// instance of one, as DUPLICATE_ROW. Cancelled events claim nothing.
void MarkDuplicates(std::vector<VEvent>& events) {
  std::set<std::string> series;
  std::set<std::pair<std::string, absl::Time>> instances;
  for (VEvent& event : events) {
    if (event.cancelled || event.uid.empty()) continue;
    if (!event.replaces_instance) {
      if (!series.insert(event.uid).second) {
        event.problems.push_back(ImportProblem{event.uid_line, "UID", "DUPLICATE_ROW",
                                               "UID: an earlier event has the same UID"});
      }
    } else if (event.recurrence_id.has_value() &&
               !instances.emplace(event.uid, *event.recurrence_id).second) {
      event.problems.push_back(ImportProblem{
          event.recurrence_id_line, "RECURRENCE-ID", "DUPLICATE_ROW",
          "RECURRENCE-ID: an earlier event replaces the same instance of this UID"});
    }
  }
}

// How the events of one UID relate: which event holds the series, and which
// of its instances other events replace or cancel.
struct Series {
  absl::optional<size_t> master;  // a readable event without RECURRENCE-ID
  bool cancelled = false;         // as a whole, with all its instances
  std::set<absl::Time> replaced;
};

std::map<std::string, Series> SeriesOf(const std::vector<VEvent>& events) {
  std::map<std::string, Series> series;
  for (size_t i = 0; i < events.size(); ++i) {
    const VEvent& event = events[i];
    if (event.uid.empty()) continue;
    Series& of_uid = series[event.uid];
    if (event.replaces_instance) {
      // Even an unreadable replacement says that the original is not valid.
      if (event.recurrence_id.has_value()) of_uid.replaced.insert(*event.recurrence_id);
    } else if (event.cancelled) {
      of_uid.cancelled = true;
    } else if (event.problems.empty() && !of_uid.master.has_value()) {
      of_uid.master = i;
    }
  }
  return series;
}

}  // namespace

absl::StatusOr<ParsedCalendar> ReadCalendar(absl::string_view text, calendar::Interval window,
                                            absl::TimeZone stockholm) {
  const absl::StatusOr<std::vector<EventBlock>> blocks = EventBlocksOf(text);
  if (!blocks.ok()) return blocks.status();
  std::vector<VEvent> events;
  events.reserve(blocks->size());
  for (const EventBlock& block : *blocks) events.push_back(InterpretEvent(block, stockholm));
  MarkDuplicates(events);
  const std::map<std::string, Series> series = SeriesOf(events);

  ParsedCalendar parsed;
  // Each imported event with the file position it is listed at.
  std::vector<std::pair<size_t, ImportedEvent>> placed;
  for (size_t i = 0; i < events.size(); ++i) {
    const VEvent& event = events[i];
    if (event.cancelled) continue;
    if (!event.problems.empty()) {
      parsed.problems.insert(parsed.problems.end(), event.problems.begin(), event.problems.end());
      continue;
    }
    const Series& of_uid = series.at(event.uid);
    if (event.replaces_instance) {
      if (of_uid.cancelled && !of_uid.master.has_value()) continue;
      const calendar::Interval interval{event.instances.start.Instant(),
                                        event.instances.first_end};
      if (!interval.Overlaps(window)) continue;
      placed.emplace_back(of_uid.master.value_or(i),
                          Imported(event, InstanceUid(event.uid, *event.recurrence_id), interval));
      continue;
    }
    const bool recurring = event.instances.rule.has_value() || !event.instances.added.empty() ||
                           !of_uid.replaced.empty();
    for (const Occurrence& occurrence : OccurrencesOf(event.instances, window)) {
      if (of_uid.replaced.contains(occurrence.original_start)) continue;
      placed.emplace_back(
          i, Imported(event,
                      recurring ? InstanceUid(event.uid, occurrence.original_start) : event.uid,
                      occurrence.interval));
    }
  }

  std::stable_sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.first, a.second.interval.start) <
           std::make_pair(b.first, b.second.interval.start);
  });
  for (auto& [position, imported] : placed) parsed.events.push_back(std::move(imported));
  std::stable_sort(parsed.problems.begin(), parsed.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) {
                     return a.line_number < b.line_number;
                   });
  return parsed;
}

}  // namespace samspar::roster::ical
