#include "services/roster/oncall/on_call.h"

#include <algorithm>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/roster/api/directory_fields.h"
#include "services/roster/api/list_query.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/directory/directory_refs.h"
#include "services/roster/directory/units.h"
#include "services/roster/lines/lines.h"
#include "services/roster/schedules/schedule_specs.h"

namespace samspar::roster {
namespace {

constexpr absl::Duration kLongestWindow = absl::Hours(92 * 24);
constexpr absl::Duration kDefaultWindow = absl::Hours(14 * 24);
// How far from now an instant still counts as "now" for presence: clients'
// clocks and the time a request takes.
constexpr absl::Duration kPresenceSkew = absl::Minutes(1);
constexpr int kMaxPractitioners = 50;

absl::StatusOr<calendar::Interval> WindowOr14Days(const v1::Interval& window, bool has_window, absl::Time now) {
  if (!has_window) return calendar::Interval{now, now + kDefaultWindow};
  return ReadInterval(window, kLongestWindow, "window");
}

absl::Status Retired(const std::string& line) {
  return Error(absl::StatusCode::kFailedPrecondition, "LINE_RETIRED",
               absl::StrCat(line, " is retired: nobody is on call on it"));
}

// A filter text term naming an exact value; the value is a resource name or
// a code the service has checked, never free text.
std::string Quoted(absl::string_view value) { return absl::StrCat("\"", value, "\""); }

bool HasAvailableFirstContact(const v1::OnCallAnswer& answer) {
  if (answer.steps().empty()) return false;
  for (const v1::OnCallContact& contact : answer.steps(0).contacts()) {
    if (contact.presence() == v1::PRESENCE_STATE_AVAILABLE) return true;
  }
  return false;
}

}  // namespace

OnCall::OnCall(sql::Database& database, PresenceCache& presence, absl::TimeZone zone)
    : database_(database), presence_(presence), schedules_(database, zone) {}

PresenceView OnCall::ReadPresence(const std::string& region, const std::vector<std::string>& people, absl::Time at,
                                  absl::Time now) {
  PresenceView view;
  if (people.empty() || absl::AbsDuration(at - now) > kPresenceSkew) return view;
  absl::StatusOr<std::vector<absl::optional<PresenceRecord>>> records = presence_.Get(region, people, now);
  if (!records.ok()) {
    view.known = false;
    return view;
  }
  for (absl::optional<PresenceRecord>& record : *records) {
    if (record.has_value()) view.by_practitioner.emplace(record->practitioner, *std::move(record));
  }
  return view;
}

v1::OnCallAnswer OnCall::AnswerFor(const LoadedLine& line, absl::Time at, absl::Time now) {
  OnCallSnapshot snapshot = line.At(at);
  return ToAnswer(line, snapshot, ReadPresence(line.region, ContactsOf(snapshot), at, now));
}

absl::StatusOr<v1::ResolveOnCallResponse> OnCall::Resolve(const v1::ResolveOnCallRequest& request, absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> line, schedules_.Line(request.name()));
  if (line->line.state() == v1::LINE_STATE_RETIRED) return Retired(request.name());
  const absl::Time at = request.has_resolve_time() ? FromProto(request.resolve_time()) : now;
  v1::ResolveOnCallResponse response;
  *response.mutable_answer() = AnswerFor(*line, at, now);
  return response;
}

absl::StatusOr<std::vector<std::shared_ptr<const LoadedLine>>> OnCall::LinesOf(
    const std::string& parent, absl::string_view filter, const std::vector<v1::LineState>& states) {
  SAMSPAR_ASSIGN_OR_RETURN(LineParent scope, ParseLineParent(parent, true, "parent"));
  std::vector<std::shared_ptr<const LoadedLine>> lines;
  if (!scope.line.empty()) {
    SAMSPAR_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedLine> line, schedules_.Line(scope.line));
    lines.push_back(std::move(line));
    return lines;
  }
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::string> names,
                           Lines::NamesMatching(database_, scope.region, filter, states));
  return schedules_.Lines(names);
}

absl::StatusOr<v1::FindOnCallResponse> OnCall::Find(const std::string& region, const v1::FindOnCallRequest& request,
                                                    absl::Time now) {
  std::string filter;
  switch (request.query_case()) {
    case v1::FindOnCallRequest::kTrackSpecialty: {
      const v1::TrackSpecialtyQuery& query = request.track_specialty();
      if (query.track() == v1::TRACK_UNSPECIFIED || !v1::Track_IsValid(query.track())) {
        return FieldError("track_specialty.track", "FIELD_REQUIRED", "track_specialty.track is required");
      }
      filter = absl::StrCat("tracks: ", v1::Track_Name(query.track()));
      if (!query.specialty().empty()) {
        SAMSPAR_RETURN_IF_ERROR(CheckSpecialty(query.specialty(), "track_specialty.specialty"));
        absl::StrAppend(&filter, " AND specialty = ", Quoted(query.specialty()));
      }
      break;
    }
    case v1::FindOnCallRequest::kUnit: {
      SAMSPAR_RETURN_IF_ERROR(ParseRegional(request.unit(), "units", "unit").status());
      SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Unit> unit, Units::Table().Get(database_, request.unit()));
      if (!unit.has_value() || unit->name().rfind(RegionName(region) + "/", 0) != 0) {
        return Error(absl::StatusCode::kNotFound, "UNIT_NOT_FOUND", absl::StrCat("no unit ", request.unit()));
      }
      filter = absl::StrCat("unit = ", Quoted(unit->name()));
      // A filial's doctors are its health centre's.
      if (unit->unit_type() == v1::UNIT_TYPE_HEALTH_CENTRE_FILIAL && !unit->parent_unit().empty()) {
        filter = absl::StrCat("unit = ", Quoted(unit->name()), " OR unit = ", Quoted(unit->parent_unit()));
      }
      break;
    }
    default:
      return FieldError("query", "FIELD_REQUIRED", "either track_specialty or unit is required");
  }
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::string> names,
                           Lines::NamesMatching(database_, region, filter, {v1::LINE_STATE_ACTIVE}));
  const absl::Time at = request.has_resolve_time() ? FromProto(request.resolve_time()) : now;
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const LoadedLine>> lines, schedules_.Lines(names));
  std::vector<v1::OnCallMatch> matches;
  for (const std::shared_ptr<const LoadedLine>& line : lines) {
    v1::OnCallMatch match;
    *match.mutable_line() = line->line;
    *match.mutable_answer() = AnswerFor(*line, at, now);
    matches.push_back(std::move(match));
  }
  // Lines that can answer now first: someone available on the first step,
  // then within hours, then the rest; names were read in display order.
  auto rank = [](const v1::OnCallMatch& match) {
    if (!match.answer().within_hours()) return 2;
    return HasAvailableFirstContact(match.answer()) ? 0 : 1;
  };
  std::stable_sort(matches.begin(), matches.end(),
                   [&](const v1::OnCallMatch& a, const v1::OnCallMatch& b) { return rank(a) < rank(b); });
  SAMSPAR_ASSIGN_OR_RETURN(ListedPage<v1::OnCallMatch> page, PageOf(std::move(matches), request));
  v1::FindOnCallResponse response;
  for (v1::OnCallMatch& match : page.items) *response.add_matches() = std::move(match);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::ListDutiesResponse> OnCall::ListDuties(const v1::ListDutiesRequest& request) {
  if (!request.has_window()) return FieldError("window", "FIELD_REQUIRED", "window is required");
  SAMSPAR_ASSIGN_OR_RETURN(calendar::Interval window, ReadInterval(request.window(), kLongestWindow, "window"));
  if (request.practitioners_size() > kMaxPractitioners) {
    return FieldError("practitioners", "FIELD_INVALID",
                      absl::StrCat("practitioners may name at most ", kMaxPractitioners));
  }
  SAMSPAR_ASSIGN_OR_RETURN(LineParent scope, ParseLineParent(request.parent(), true, "parent"));
  absl::flat_hash_set<std::string> people;
  for (int i = 0; i < request.practitioners_size(); ++i) {
    SAMSPAR_ASSIGN_OR_RETURN(v1::Practitioner found, FindPractitioner(database_, scope.region, request.practitioners(i),
                                                                      absl::StrCat("practitioners[", i, "]")));
    people.insert(found.hsa_id());
  }
  absl::flat_hash_set<int> tiers(request.tiers().begin(), request.tiers().end());
  // Duties of every line, whatever its state: history stays answerable.
  SAMSPAR_ASSIGN_OR_RETURN(
      std::vector<std::shared_ptr<const LoadedLine>> lines,
      LinesOf(request.parent(), "", {v1::LINE_STATE_DRAFT, v1::LINE_STATE_ACTIVE, v1::LINE_STATE_RETIRED}));
  std::vector<v1::Duty> duties;
  for (const std::shared_ptr<const LoadedLine>& line : lines) {
    for (const Duty& duty : line->schedule->DutiesIn(window)) {
      if (!people.empty() && !people.contains(duty.practitioner)) continue;
      if (!tiers.empty() && !tiers.contains(static_cast<int>(duty.tier))) continue;
      duties.push_back(ToDuty(*line, duty));
    }
  }
  std::stable_sort(duties.begin(), duties.end(), [](const v1::Duty& a, const v1::Duty& b) {
    return std::make_tuple(FromProto(a.interval().start_time()), a.line()) <
           std::make_tuple(FromProto(b.interval().start_time()), b.line());
  });
  SAMSPAR_ASSIGN_OR_RETURN(ListedPage<v1::Duty> page, PageOf(std::move(duties), request));
  v1::ListDutiesResponse response;
  for (v1::Duty& duty : page.items) *response.add_duties() = std::move(duty);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::ListCoverageGapsResponse> OnCall::ListCoverageGaps(const v1::ListCoverageGapsRequest& request,
                                                                      absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(calendar::Interval window, WindowOr14Days(request.window(), request.has_window(), now));
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const LoadedLine>> lines,
                           LinesOf(request.parent(), request.filter()));
  std::vector<v1::CoverageGap> gaps;
  for (const std::shared_ptr<const LoadedLine>& line : lines) {
    for (const CoverageGap& gap : line->schedule->GapsIn(window)) gaps.push_back(ToGap(*line, gap));
  }
  std::stable_sort(gaps.begin(), gaps.end(), [](const v1::CoverageGap& a, const v1::CoverageGap& b) {
    return std::make_tuple(FromProto(a.interval().start_time()), a.line()) <
           std::make_tuple(FromProto(b.interval().start_time()), b.line());
  });
  SAMSPAR_ASSIGN_OR_RETURN(ListedPage<v1::CoverageGap> page, PageOf(std::move(gaps), request));
  v1::ListCoverageGapsResponse response;
  for (v1::CoverageGap& gap : page.items) *response.add_gaps() = std::move(gap);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::CoverageReport> OnCall::ComputeCoverageReport(const std::string& region,
                                                                 const v1::ComputeCoverageReportRequest& request,
                                                                 absl::Time now) {
  SAMSPAR_ASSIGN_OR_RETURN(calendar::Interval window, WindowOr14Days(request.window(), request.has_window(), now));
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<const LoadedLine>> lines,
                           LinesOf(absl::StrCat(RegionName(region), "/lines/-"), request.filter()));
  v1::CoverageReport report;
  report.set_region(RegionName(region));
  *report.mutable_window() = ToProto(window);
  *report.mutable_compute_time() = ToProto(now);
  std::vector<v1::LineCoverage> coverages;
  for (const std::shared_ptr<const LoadedLine>& line : lines) {
    v1::LineCoverage coverage;
    coverage.set_line(line->line.name());
    coverage.set_line_display_name(line->line.display_name());
    absl::Duration required, uncovered;
    for (const calendar::Interval& open : line->schedule->RequiredIn(window)) required += open.length();
    std::vector<CoverageGap> gaps = line->schedule->GapsIn(window);
    for (const CoverageGap& gap : gaps) uncovered += gap.interval.length();
    *coverage.mutable_required() = ToProtoDuration(required);
    *coverage.mutable_uncovered() = ToProtoDuration(uncovered);
    coverage.set_gap_count(static_cast<int32_t>(gaps.size()));
    if (!gaps.empty()) *coverage.mutable_first_gap() = ToGap(*line, gaps.front());
    coverages.push_back(std::move(coverage));
  }
  // Gaps first, the earliest first; the rest stay in display order.
  std::stable_sort(coverages.begin(), coverages.end(), [](const v1::LineCoverage& a, const v1::LineCoverage& b) {
    if (a.has_first_gap() != b.has_first_gap()) return a.has_first_gap();
    if (!a.has_first_gap()) return false;
    return FromProto(a.first_gap().interval().start_time()) < FromProto(b.first_gap().interval().start_time());
  });
  for (v1::LineCoverage& coverage : coverages) *report.add_lines() = std::move(coverage);
  return report;
}

}  // namespace samspar::roster
