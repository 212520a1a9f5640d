#include "services/roster/lines/lines.h"

#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/filter.h"
#include "common/api/page.h"
#include "common/api/search_text.h"
#include "common/api/update_mask.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/request_ids.h"
#include "services/roster/api/directory_fields.h"
#include "services/roster/api/list_query.h"
#include "services/roster/api/proto_time.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/api/resource_writes.h"
#include "services/roster/directory/directory_refs.h"
#include "services/roster/lines/escalation_policy.h"
#include "services/roster/roster_version.h"

namespace samspar::roster {
namespace {

const std::vector<api::FilterField>& Filterable() {
  static const auto* fields = new std::vector<api::FilterField>{
      {"tracks", api::FieldKind::kRepeatedEnum, "tracks", "", v1::Track_descriptor()},
      {"unit", api::FieldKind::kText, "unit"},
      {"specialty", api::FieldKind::kText, "specialty"},
      {"state", api::FieldKind::kEnum, "state", "", v1::LineState_descriptor()},
      {"display_name", api::FieldKind::kSearchableText, "display_name", "display_name_folded"},
  };
  return *fields;
}

const std::vector<api::OrderField>& Sortable() {
  static const auto* fields =
      new std::vector<api::OrderField>{{"display_name", "display_name"}, {"update_time", "update_time"}};
  return *fields;
}

store::Columns ColumnsOf(const v1::Line& line) {
  std::vector<std::string> tracks;
  for (int track : line.tracks()) tracks.push_back(absl::StrCat(track));
  return {{"display_name", line.display_name()},  {"display_name_folded", api::FoldForSearch(line.display_name())},
          {"tracks", api::DelimitedList(tracks)}, {"unit", line.unit().name()},
          {"specialty", line.specialty()},        {"state", static_cast<int>(line.state())}};
}

absl::Status CheckTracks(const v1::Line& line) {
  if (line.tracks_size() == 0)
    return FieldError("line.tracks", "FIELD_REQUIRED", "line.tracks needs at least one track");
  absl::flat_hash_set<int> seen;
  for (int i = 0; i < line.tracks_size(); ++i) {
    const int track = line.tracks(i);
    const std::string at = absl::StrCat("line.tracks[", i, "]");
    if (track == v1::TRACK_UNSPECIFIED || !v1::Track_IsValid(track)) {
      return FieldError(at, "FIELD_INVALID", "is not a track");
    }
    if (track == v1::TRACK_MULTIDISCIPLINARY_CONFERENCE) {
      return FieldError(at, "FIELD_INVALID", absl::StrCat(at, ": conferences are booked, not routed to on-call lines"));
    }
    if (!seen.insert(track).second) return FieldError(at, "FIELD_INVALID", "is listed twice");
  }
  return absl::OkStatus();
}

// The checks that need no database.
absl::Status CheckLine(const v1::Line& line) {
  SAMSPAR_RETURN_IF_ERROR(CheckText(line.display_name(), true, 200, "line.display_name"));
  SAMSPAR_RETURN_IF_ERROR(CheckTracks(line));
  if (line.unit().name().empty()) return FieldError("line.unit", "FIELD_REQUIRED", "line.unit is required");
  if (line.specialty().empty()) return FieldError("line.specialty", "FIELD_REQUIRED", "line.specialty is required");
  SAMSPAR_RETURN_IF_ERROR(CheckSpecialty(line.specialty(), "line.specialty"));
  if (!v1::LineState_IsValid(line.state())) {
    return FieldError("line.state", "FIELD_INVALID", "line.state is not a line state");
  }
  if (!line.has_coverage_hours()) {
    return FieldError("line.coverage_hours", "FIELD_REQUIRED", "line.coverage_hours is required");
  }
  SAMSPAR_RETURN_IF_ERROR(ReadWeeklyHours(line.coverage_hours(), "line.coverage_hours").status());
  if (!line.public_phone().empty()) SAMSPAR_RETURN_IF_ERROR(CheckPhone(line.public_phone(), "line.public_phone"));
  if (line.fallback_phone().empty()) {
    return FieldError("line.fallback_phone", "FIELD_REQUIRED",
                      "line.fallback_phone (the switchboard number) is required");
  }
  SAMSPAR_RETURN_IF_ERROR(CheckPhone(line.fallback_phone(), "line.fallback_phone"));
  if (!line.has_escalation_policy()) {
    return FieldError("line.escalation_policy", "FIELD_REQUIRED", "line.escalation_policy is required");
  }
  SAMSPAR_RETURN_IF_ERROR(CheckEscalationPolicy(line.escalation_policy(), "line.escalation_policy"));
  SAMSPAR_RETURN_IF_ERROR(CheckText(line.description(), false, 2000, "line.description"));
  if (line.has_auto_close_delay()) {
    absl::Duration delay = FromProto(line.auto_close_delay());
    if (delay < absl::Hours(1) || delay > absl::Hours(14 * 24)) {
      return FieldError("line.auto_close_delay", "FIELD_INVALID", "line.auto_close_delay must be 1 hour to 14 days");
    }
  }
  return absl::OkStatus();
}

// Fills the references' HSA-ids and names and stores the line.
absl::Status Write(sql::Transaction& tx, const std::string& region, v1::Line& line,
                   const absl::optional<v1::Line>& existing, absl::Time now) {
  if (line.state() == v1::LINE_STATE_UNSPECIFIED) line.set_state(v1::LINE_STATE_DRAFT);
  SAMSPAR_RETURN_IF_ERROR(FillUnitRef(tx, region, *line.mutable_unit(), "line.unit"));
  v1::EscalationPolicy& policy = *line.mutable_escalation_policy();
  // Only a newly named person must be active: a line whose head of clinic
  // left can still be changed or retired.
  absl::flat_hash_set<std::string> named_before;
  if (existing.has_value()) {
    for (const v1::EscalationStep& step : existing->escalation_policy().steps()) {
      if (!step.practitioner().name().empty()) named_before.insert(step.practitioner().name());
    }
  }
  for (int i = 0; i < policy.steps_size(); ++i) {
    if (policy.steps(i).target() != v1::ESCALATION_TARGET_PRACTITIONER) continue;
    v1::PractitionerRef& named = *policy.mutable_steps(i)->mutable_practitioner();
    const RequireActive active = named_before.contains(named.name()) ? RequireActive::kNo : RequireActive::kYes;
    SAMSPAR_RETURN_IF_ERROR(FillPractitionerRef(tx, region, named, active,
                                                absl::StrCat("line.escalation_policy.steps[", i, "].practitioner")));
  }
  SAMSPAR_RETURN_IF_ERROR(SaveResource(tx, Lines::Table(), line, existing, region, ColumnsOf(line), now));
  return BumpRosterVersion(tx);
}

}  // namespace

absl::Status LineNotFound(absl::string_view name) {
  return Error(absl::StatusCode::kNotFound, "LINE_NOT_FOUND", absl::StrCat("no line ", name));
}

Lines::Lines(sql::Database& database) : database_(database) {}

const store::MessageTable<v1::Line>& Lines::Table() {
  static const auto* table = new store::MessageTable<v1::Line>("lines");
  return *table;
}

absl::StatusOr<v1::Line> Lines::OpenForSchedules(sql::Executor& executor, const std::string& name) {
  SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::Line> line, Table().Get(executor, name));
  if (!line.has_value()) return LineNotFound(name);
  if (line->state() == v1::LINE_STATE_RETIRED) {
    return Error(absl::StatusCode::kFailedPrecondition, "LINE_RETIRED",
                 absl::StrCat(name, " is retired: its schedules can no longer change"));
  }
  return *line;
}

absl::StatusOr<std::vector<std::string>> Lines::NamesMatching(sql::Executor& executor, const std::string& region,
                                                              absl::string_view filter,
                                                              const std::vector<v1::LineState>& states) {
  SAMSPAR_ASSIGN_OR_RETURN(api::Filter parsed, api::Filter::Parse(filter, Filterable()));
  api::SqlCondition condition = parsed.ToSql();
  std::string sql = absl::StrCat("SELECT name FROM lines WHERE region = ? AND (", condition.sql, ") AND state IN (");
  std::vector<sql::Value> params = {sql::Value(region)};
  params.insert(params.end(), condition.params.begin(), condition.params.end());
  for (size_t i = 0; i < states.size(); ++i) {
    absl::StrAppend(&sql, i == 0 ? "?" : ", ?");
    params.push_back(static_cast<int>(states[i]));
  }
  absl::StrAppend(&sql, ") ORDER BY display_name, name");
  SAMSPAR_ASSIGN_OR_RETURN(std::vector<sql::Row> rows, executor.Query(sql, params));
  std::vector<std::string> names;
  for (const sql::Row& row : rows) {
    SAMSPAR_ASSIGN_OR_RETURN(std::string name, row.GetText("name"));
    names.push_back(std::move(name));
  }
  return names;
}

absl::StatusOr<v1::Line> Lines::Create(const std::string& region, const v1::CreateLineRequest& request,
                                       absl::Time now) {
  SAMSPAR_RETURN_IF_ERROR(store::ValidateRequestId(request.request_id()));
  if (!request.has_line()) return FieldError("line", "FIELD_REQUIRED", "line is required");
  SAMSPAR_RETURN_IF_ERROR(CheckLine(request.line()));
  store::RequestKey key{region, "CreateLine", request.request_id(), api::RequestFingerprint(request)};
  return CreateOnce<v1::Line>(
      database_, Table(), key, LineNotFound,
      [&](sql::Transaction& tx, v1::Line& created) -> absl::Status {
        created = request.line();
        created.set_name(LineName(region, ids::NewResourceId(now)));
        return Write(tx, region, created, absl::nullopt, now);
      },
      now);
}

absl::StatusOr<v1::Line> Lines::Get(const std::string& name) {
  return GetResource(database_, Table(), name, LineNotFound);
}

absl::StatusOr<v1::ListLinesResponse> Lines::List(const std::string& region, const v1::ListLinesRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(
      ListedPage<v1::Line> page,
      ListPage(database_, Table(), request, {Filterable(), Sortable(), "display_name", "name"}, "region = ?",
               {sql::Value(region)}, UnlessFilteredOnState("!=", v1::LINE_STATE_RETIRED)));
  v1::ListLinesResponse response;
  for (v1::Line& line : page.items) *response.add_lines() = std::move(line);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::Line> Lines::Update(const v1::UpdateLineRequest& request, absl::Time now) {
  const v1::Line& patch = request.line();
  SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(patch.name(), "lines", "line.name"));
  return UpdateUnderEtag<v1::Line>(
      database_, Table(), patch, LineNotFound,
      [&](sql::Transaction& tx, const v1::Line& current, v1::Line& updated) -> absl::Status {
        if (current.state() == v1::LINE_STATE_RETIRED) {
          return Error(absl::StatusCode::kFailedPrecondition, "LINE_RETIRED",
                       absl::StrCat(patch.name(), " is retired and cannot be changed back"));
        }
        SAMSPAR_RETURN_IF_ERROR(api::ApplyUpdate(patch, request.update_mask(),
                                                 {.output_only = {"create_time", "update_time"}}, "line", updated));
        SAMSPAR_RETURN_IF_ERROR(CheckLine(updated));
        return Write(tx, name.region, updated, current, now);
      });
}

}  // namespace samspar::roster
