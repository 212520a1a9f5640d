#include "services/roster/calendar/calendar_export.h"

#include <algorithm>
#include <memory>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/api/search_text.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/directory/directory_refs.h"
#include "services/roster/ical/calendar_writer.h"
#include "services/roster/lines/lines.h"
#include "services/roster/oncall/on_call_answer.h"
#include "services/roster/schedules/schedule_specs.h"

namespace samspar::roster {
namespace {

constexpr absl::Duration kLongestWindow = absl::Hours(366 * 24);
constexpr absl::Duration kFeedPast = absl::Hours(7 * 24);
constexpr absl::Duration kFeedAhead = absl::Hours(90 * 24);
constexpr size_t kLongestSlug = 60;

// Whose duties a calendar shows.
struct Subject {
  std::string display_name;
  std::string practitioner;  // HSA-id; empty for a line's calendar
  std::vector<std::shared_ptr<const LoadedLine>> lines;
};

calendar::Interval FeedWindow(absl::Time now) { return {now - kFeedPast, now + kFeedAhead}; }

absl::StatusOr<absl::flat_hash_set<Tier>> ReadTiers(const google::protobuf::RepeatedField<int>& tiers) {
  absl::flat_hash_set<Tier> read;
  for (int i = 0; i < tiers.size(); ++i) {
    if (!v1::OnCallTier_IsValid(tiers[i])) {
      return FieldError(absl::StrCat("tiers[", i, "]"), "FIELD_INVALID", absl::StrCat("tiers[", i, "] is not a tier"));
    }
    read.insert(TierOf(static_cast<v1::OnCallTier>(tiers[i])));
  }
  return read;
}

// The file name's stem: `display_name` in lower-case ASCII letters and
// digits joined by '-', e.g. "Bakjour internmedicin, Ryhov" ->
// "bakjour-internmedicin-ryhov".
std::string Slug(absl::string_view display_name) {
  const std::string ascii = absl::StrReplaceAll(
      api::FoldForSearch(display_name),
      {{"å", "a"}, {"ä", "a"}, {"ö", "o"}, {"é", "e"}, {"è", "e"}, {"ü", "u"}, {"æ", "ae"}, {"ø", "o"}});
  std::string slug;
  for (char c : ascii) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      slug += c;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() == kLongestSlug) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "calendar" : slug;
}

std::string TierName(Tier tier) { return tier == Tier::kBackup ? "backup" : "primary"; }

// What a calendar program shows of the duty: the line and tier, and on a
// line's calendar, where everyone's duties are, also who.
std::string SummaryOf(const LoadedLine& line, const Duty& duty, bool name_practitioner) {
  std::string summary = absl::StrCat(line.line.display_name(), ", ", TierName(duty.tier));
  if (!name_practitioner) return summary;
  const v1::PractitionerRef who = line.RefOf(duty.practitioner);
  return absl::StrCat(summary, ": ", who.display_name().empty() ? who.hsa_id() : who.display_name());
}

// The events of `subject` that overlap `window`, by start time. Each is a
// whole piece of duty, whatever part of it the window covers, so that it
// keeps its times and UID in every export.
std::vector<ical::CalendarEvent> EventsOf(const Subject& subject, calendar::Interval window,
                                          const absl::flat_hash_set<Tier>& tiers) {
  std::vector<std::pair<std::string, ical::CalendarEvent>> events;  // by line, for ordering
  for (const std::shared_ptr<const LoadedLine>& line : subject.lines) {
    for (const Duty& duty : line->schedule->DutiesIn(window)) {
      if (!subject.practitioner.empty() && duty.practitioner != subject.practitioner) continue;
      if (!tiers.empty() && !tiers.contains(duty.tier)) continue;
      ical::CalendarEvent event;
      event.uid = absl::StrCat(ToDuty(*line, duty).id(), "@samspar.se");
      event.interval = duty.whole;
      event.summary = SummaryOf(*line, duty, subject.practitioner.empty());
      event.description = duty.reason.description;
      events.emplace_back(line->line.name(), std::move(event));
    }
  }
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.interval.start, a.first) < std::tie(b.second.interval.start, b.first);
  });
  std::vector<ical::CalendarEvent> ordered;
  ordered.reserve(events.size());
  for (auto& [line, event] : events) ordered.push_back(std::move(event));
  return ordered;
}

}  // namespace

CalendarExport::CalendarExport(sql::Database& database, ScheduleCache& schedules, absl::TimeZone zone)
    : database_(database), schedules_(schedules), zone_(zone) {}

absl::StatusOr<v1::ExportCalendarResponse> CalendarExport::Export(const std::string& region,
                                                                  const v1::ExportCalendarRequest& request,
                                                                  absl::Time now) {
  calendar::Interval window = FeedWindow(now);
  if (request.has_window()) {
    SAMSPAR_ASSIGN_OR_RETURN(window, ReadInterval(request.window(), kLongestWindow, "window"));
  }
  SAMSPAR_ASSIGN_OR_RETURN(absl::flat_hash_set<Tier> tiers, ReadTiers(request.tiers()));

  Subject subject;
  switch (request.subject_case()) {
    case v1::ExportCalendarRequest::kPractitioner: {
      SAMSPAR_ASSIGN_OR_RETURN(v1::Practitioner practitioner,
                               FindPractitioner(database_, region, request.practitioner(), "practitioner"));
      subject.display_name = practitioner.display_name();
      subject.practitioner = practitioner.hsa_id();
      SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const LoadedLine>> lines, schedules_.RegionLines(region));
      for (std::shared_ptr<const LoadedLine>& line : lines) {
        if (line->line.state() == v1::LINE_STATE_ACTIVE) subject.lines.push_back(std::move(line));
      }
      break;
    }
    case v1::ExportCalendarRequest::kLine: {
      SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(request.line(), "lines", "line"));
      if (name.region != region) return LineNotFound(request.line());
      SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> line, schedules_.Line(request.line()));
      subject.display_name = line->line.display_name();
      // Nobody is on call on a retired line, whatever its schedules say.
      if (line->line.state() != v1::LINE_STATE_RETIRED) subject.lines.push_back(std::move(line));
      break;
    }
    default:
      return FieldError("subject", "FIELD_REQUIRED", "practitioner or line is required");
  }

  ical::CalendarDocument document;
  document.name = subject.display_name;
  document.stamp = now;
  document.events = EventsOf(subject, window, tiers);
  v1::ExportCalendarResponse response;
  response.set_ical(ical::WriteCalendar(document, zone_));
  response.set_file_name(absl::StrCat(Slug(subject.display_name), ".ics"));
  return response;
}

absl::StatusOr<std::string> CalendarExport::FeedDocument(const std::string& region, bool is_line,
                                                         const std::string& subject_name, absl::Time now) {
  v1::ExportCalendarRequest request;
  if (is_line) {
    request.set_line(subject_name);
  } else {
    request.set_practitioner(subject_name);
  }
  SAMSPAR_ASSIGN_OR_RETURN(v1::ExportCalendarResponse response, Export(region, request, now));
  return std::move(*response.mutable_ical());
}

}  // namespace samspar::roster
