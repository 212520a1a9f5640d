#include "services/metrics/api/kpi_dashboard.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/status/errors.h"
#include "services/metrics/catalogue/kpi_catalogue.h"
#include "services/metrics/dashboard/dashboard_page.h"
#include "services/metrics/kpi/kpi_queries.h"

namespace samspar::metrics {
namespace {

// A working day or so: the link is for looking now, not for keeping.
constexpr absl::Duration kLinkLifetime = absl::Hours(12);
constexpr int kMonthsShown = 12;
constexpr int kWeeksShown = 26;
constexpr size_t kLongestUnit = 300;

std::string DashboardSubject(absl::string_view region) { return absl::StrCat("regions/", region, "/dashboard"); }

http::HttpAnswer Plain(int status, absl::string_view text) {
  return {.status = status, .content_type = "text/plain; charset=utf-8", .body = absl::StrCat(text, "\n")};
}

std::string QueryValue(const http::HttpRequest& request, const std::string& name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? "" : it->second;
}

// The series shown: the last twelve months or 26 weeks, to today.
SeriesQuery ShownSeries(const std::string& region, v1::PeriodKind granularity, const v1::KpiFilter& filter,
                        absl::Time now, absl::TimeZone zone) {
  const Period current = PeriodOf(granularity, now, zone);
  absl::CivilDay first = current.first_day;
  if (granularity == v1::PERIOD_KIND_MONTH) {
    first = absl::CivilDay(absl::CivilMonth(current.first_day) - (kMonthsShown - 1));
  } else {
    first = current.first_day - 7 * (kWeeksShown - 1);
  }
  SeriesQuery query;
  query.region = region;
  for (const v1::KpiDefinition& definition : KpiCatalogue()) query.kpis.push_back(definition.kpi());
  query.granularity = granularity;
  query.points = PeriodsBetween(granularity, first, current.last_day, zone);
  query.before_first = PreviousPeriod(query.points.front(), granularity, zone);
  query.filter = filter;
  return query;
}

ReportQuery CurrentReport(const std::string& region, v1::PeriodKind granularity, const v1::KpiFilter& filter,
                          absl::Time now, absl::TimeZone zone) {
  ReportQuery query;
  query.region = region;
  query.asked.set_kind(granularity);
  query.period = PeriodOf(granularity, now, zone);
  query.previous = PreviousPeriod(query.period, granularity, zone);
  for (const v1::KpiDefinition& definition : KpiCatalogue()) query.kpis.push_back(definition.kpi());
  query.filter = filter;
  return query;
}

// The requester units with events in the shown range, whatever the filter.
std::vector<std::pair<std::string, std::string>> UnitOptions(const RegionFacts& facts, const SeriesQuery& shown,
                                                             absl::Time now) {
  ReportQuery query;
  query.region = shown.region;
  query.period = {shown.points.front().first_day,
                  shown.points.back().last_day,
                  {shown.points.front().interval.start, shown.points.back().interval.end}};
  query.previous = shown.before_first;
  query.kpis = {v1::KPI_CONSULTS_CREATED};
  query.group_by = {v1::KPI_DIMENSION_REQUESTER_UNIT};
  std::vector<std::pair<std::string, std::string>> units;
  const v1::KpiReport report = ComputeReport(facts, {}, query, now);
  for (const v1::KpiRow& row : report.rows()) {
    if (!row.keys(0).value().empty()) units.emplace_back(row.keys(0).value(), row.keys(0).display_name());
  }
  return units;
}

}  // namespace

KpiDashboard::KpiDashboard(RegionFactsCache& facts, KpiTargetsStore& targets, const MetricsOptions& options)
    : facts_(facts), targets_(targets), options_(options) {}

absl::StatusOr<v1::DashboardLink> KpiDashboard::Link(absl::string_view region, absl::Time now) const {
  if (!options_.dashboard_tokens.has_value()) {
    return Error(absl::StatusCode::kFailedPrecondition, "DASHBOARD_DISABLED",
                 "this deployment serves no KPI dashboard: it has no dashboard key");
  }
  const absl::Time expire = absl::FromUnixSeconds(absl::ToUnixSeconds(now + kLinkLifetime));
  v1::DashboardLink link;
  link.set_url(absl::StrCat(options_.dashboard_base_url, "/dashboard/regions/", region,
                            "?token=", options_.dashboard_tokens->Issue(DashboardSubject(region), expire)));
  *link.mutable_expire_time() = api::ToProto(expire);
  return link;
}

http::HttpRoute KpiDashboard::Route() {
  return {.path_pattern = "/dashboard/regions/([0-9]{2})",
          .handler = [this](const http::HttpRequest& request) { return Serve(request); }};
}

http::HttpAnswer KpiDashboard::Serve(const http::HttpRequest& request) {
  if (!options_.dashboard_tokens.has_value()) return Plain(404, "this deployment serves no KPI dashboard");
  const std::string& region = request.path_groups[0];
  const std::string token = QueryValue(request, "token");
  const absl::Time now = absl::Now();
  if (token.empty()) return Plain(401, "the dashboard link has no token: ask for a new link");
  if (absl::Status valid = options_.dashboard_tokens->Verify(token, DashboardSubject(region), now); !valid.ok()) {
    return Plain(401, valid.message());
  }

  DashboardView view;
  view.region = region;
  view.token = token;
  view.granularity = QueryValue(request, "granularity") == "WEEK" ? v1::PERIOD_KIND_WEEK : v1::PERIOD_KIND_MONTH;
  v1::KpiFilter filter;
  view.selected_track = QueryValue(request, "track");
  if (!view.selected_track.empty()) {
    v1::Track track;
    if (!v1::Track_Parse(view.selected_track, &track) || track == v1::TRACK_UNSPECIFIED) {
      return Plain(400, "track is not a track");
    }
    filter.add_tracks(track);
  }
  view.selected_unit = QueryValue(request, "unit");
  if (!view.selected_unit.empty()) {
    if (view.selected_unit.size() > kLongestUnit) return Plain(400, "unit is too long");
    filter.add_requester_units(view.selected_unit);
  }
  for (int track = v1::Track_MIN + 1; track <= v1::Track_MAX; ++track) {
    if (!v1::Track_IsValid(track)) continue;
    const std::string name = v1::Track_Name(static_cast<v1::Track>(track));
    view.track_options.emplace_back(name, GroupValueDisplayName(v1::KPI_DIMENSION_TRACK, name));
  }
  // The page is in Swedish, headings of the goals too.
  view.definitions.assign(KpiCatalogue().begin(), KpiCatalogue().end());
  for (v1::KpiDefinition& definition : view.definitions)
    definition.set_goal(std::string(SwedishGoal(definition.goal())));

  absl::StatusOr<v1::KpiTargets> targets = targets_.Get(region);
  if (!targets.ok()) return Plain(503, "the KPIs cannot be read now: try again shortly");
  const SeriesQuery shown = ShownSeries(region, view.granularity, filter, now, options_.zone);
  const ReportQuery current = CurrentReport(region, view.granularity, filter, now, options_.zone);
  absl::Status read = facts_.Read(api::RegionName(region), [&](const RegionFacts& facts) {
    view.current = ComputeReport(facts, *targets, current, now);
    view.series = ComputeSeries(facts, *targets, shown);
    view.unit_options = UnitOptions(facts, shown, now);
  });
  if (!read.ok()) return Plain(503, "the KPIs cannot be read now: try again shortly");
  return {.status = 200, .content_type = "text/html; charset=utf-8", .body = DashboardPage(view)};
}

}  // namespace samspar::metrics
