#include "services/metrics/kpi/kpi_queries.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/metrics/catalogue/kpi_catalogue.h"
#include "services/metrics/kpi/kpi_tally.h"
#include "services/metrics/kpi/kpi_values.h"

namespace samspar::metrics {
namespace {

constexpr int kMaxGroupBy = 2;
constexpr int kMaxFilterValues = 100;

absl::StatusOr<std::vector<v1::Kpi>> ReadKpis(const google::protobuf::RepeatedField<int>& asked) {
  std::vector<v1::Kpi> kpis;
  for (int i = 0; i < asked.size(); ++i) {
    const auto kpi = static_cast<v1::Kpi>(asked[i]);
    if (FindKpiDefinition(kpi) == nullptr) {
      return FieldError(absl::StrCat("kpis[", i, "]"), "FIELD_INVALID", "is not a KPI of the catalogue");
    }
    kpis.push_back(kpi);
  }
  return kpis;
}

absl::Status CheckDimension(int dimension, absl::string_view field) {
  if (dimension == v1::KPI_DIMENSION_UNSPECIFIED || !v1::KpiDimension_IsValid(dimension)) {
    return FieldError(field, "FIELD_INVALID", "is not a dimension KPIs can be grouped by");
  }
  return absl::OkStatus();
}

template <typename Values, typename IsKnown>
absl::Status CheckFilterList(const Values& values, absl::string_view field, IsKnown is_known) {
  if (values.size() > kMaxFilterValues) {
    return FieldError(field, "FIELD_INVALID", absl::StrCat("may list at most ", kMaxFilterValues, " values"));
  }
  for (int i = 0; i < values.size(); ++i) {
    if (!is_known(values[i])) {
      return FieldError(absl::StrCat(field, "[", i, "]"), "FIELD_INVALID", "is not a known value");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckFilter(const v1::KpiFilter& filter) {
  auto known_track = [](int track) { return track != v1::TRACK_UNSPECIFIED && v1::Track_IsValid(track); };
  auto known_type = [](int type) { return type != v1::UNIT_TYPE_UNSPECIFIED && v1::UnitType_IsValid(type); };
  auto any_text = [](const std::string& text) { return !text.empty() && text.size() <= 300; };
  SAMSPAR_RETURN_IF_ERROR(CheckFilterList(filter.tracks(), "filter.tracks", known_track));
  SAMSPAR_RETURN_IF_ERROR(CheckFilterList(filter.requester_unit_types(), "filter.requester_unit_types", known_type));
  SAMSPAR_RETURN_IF_ERROR(CheckFilterList(filter.requester_units(), "filter.requester_units", any_text));
  SAMSPAR_RETURN_IF_ERROR(CheckFilterList(filter.target_units(), "filter.target_units", any_text));
  SAMSPAR_RETURN_IF_ERROR(CheckFilterList(filter.lines(), "filter.lines", any_text));
  return CheckFilterList(filter.specialties(), "filter.specialties", any_text);
}

// Whether a filter leaves the whole region: only then is a total judged
// against the region's count targets.
bool IsWholeRegion(const v1::KpiFilter& filter) {
  return filter.tracks().empty() && filter.requester_units().empty() && filter.target_units().empty() &&
         filter.lines().empty() && filter.requester_unit_types().empty() && filter.specialties().empty();
}

int DaysIn(const Period& period) { return static_cast<int>(period.last_day - period.first_day + 1); }

v1::LocalDateRange DatesOf(const Period& period) {
  v1::LocalDateRange dates;
  *dates.mutable_start_date() = api::ToProto(period.first_day);
  *dates.mutable_end_date() = api::ToProto(period.last_day);
  return dates;
}

int64_t Micros(absl::Time time) { return absl::ToUnixMicros(time); }

// The text of a group's value: an enum value's name, a unit's or line's
// resource name, a specialty code; empty for events without one.
std::string ValueText(v1::KpiDimension dimension, uint32_t value, const TextPool& texts) {
  if (value == 0) return "";
  switch (dimension) {
    case v1::KPI_DIMENSION_TRACK:
      return v1::Track_Name(static_cast<v1::Track>(value));
    case v1::KPI_DIMENSION_REQUESTER_UNIT_TYPE:
      return v1::UnitType_Name(static_cast<v1::UnitType>(value));
    case v1::KPI_DIMENSION_OUTCOME:
      return v1::ConsultOutcome_Name(static_cast<v1::ConsultOutcome>(value));
    default:
      return texts.Text(value);
  }
}

v1::GroupKey KeyOf(v1::KpiDimension dimension, uint32_t value, const TextPool& texts) {
  v1::GroupKey key;
  key.set_dimension(dimension);
  key.set_value(ValueText(dimension, value, texts));
  key.set_display_name(GroupValueDisplayName(dimension, key.value()));
  return key;
}

// The groups of a tally with their keys, ordered by the keys' display names.
struct Group {
  std::vector<v1::GroupKey> keys;
  const std::vector<KpiCounts>* counts;
};

std::vector<Group> OrderedGroups(const TallyResult& tally, const std::vector<v1::KpiDimension>& group_by,
                                 const TextPool& texts) {
  std::vector<Group> groups;
  groups.reserve(tally.groups.size());
  for (const auto& [values, counts] : tally.groups) {
    Group group{.keys = {}, .counts = &counts};
    for (size_t i = 0; i < group_by.size(); ++i) group.keys.push_back(KeyOf(group_by[i], values[i], texts));
    groups.push_back(std::move(group));
  }
  std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    for (size_t i = 0; i < a.keys.size(); ++i) {
      const auto left = std::tie(a.keys[i].display_name(), a.keys[i].value());
      const auto right = std::tie(b.keys[i].display_name(), b.keys[i].value());
      if (left != right) return left < right;
    }
    return false;
  });
  return groups;
}

v1::KpiRow RowOf(const std::vector<KpiCounts>& counts, const ReportQuery& query, const v1::KpiTargets& targets,
                 bool whole_region) {
  v1::KpiRow row;
  for (v1::Kpi kpi : query.kpis) {
    *row.add_values() = ReportValue(kpi, counts[1], counts[0], targets, {DaysIn(query.period), whole_region});
  }
  return row;
}

v1::KpiSeries SeriesOf(v1::Kpi kpi, const std::vector<KpiCounts>& counts, const SeriesQuery& query,
                       const v1::KpiTargets& targets, bool whole_region) {
  v1::KpiSeries series;
  series.set_kpi(kpi);
  const v1::KpiDefinition* definition = FindKpiDefinition(kpi);
  series.set_unit(definition->unit());
  for (size_t i = 0; i < query.points.size(); ++i) {
    v1::KpiPoint point = SeriesPoint(kpi, counts[i + 1], counts[i], targets, {DaysIn(query.points[i]), whole_region});
    *point.mutable_period_start_date() = api::ToProto(query.points[i].first_day);
    *series.add_points() = std::move(point);
  }
  series.set_direction(DirectionOf(kpi, targets));
  return series;
}

}  // namespace

absl::StatusOr<ReportQuery> ReadReportQuery(const v1::QueryKpiReportRequest& request, absl::Time now,
                                            absl::TimeZone zone) {
  ReportQuery query;
  SAMSPAR_ASSIGN_OR_RETURN(query.region, api::ParseRegion(request.parent(), "parent"));
  if (!request.has_period()) return FieldError("period", "FIELD_REQUIRED", "is required");
  query.asked = request.period();
  SAMSPAR_ASSIGN_OR_RETURN(query.period, ResolvePeriod(request.period(), now, zone));
  query.previous = PreviousPeriod(query.period, request.period().kind(), zone);
  SAMSPAR_ASSIGN_OR_RETURN(query.kpis, ReadKpis(request.kpis()));
  if (query.kpis.empty()) {
    for (const v1::KpiDefinition& definition : KpiCatalogue()) query.kpis.push_back(definition.kpi());
  }
  if (request.group_by_size() > kMaxGroupBy) {
    return FieldError("group_by", "FIELD_INVALID", "may name at most two dimensions");
  }
  for (int i = 0; i < request.group_by_size(); ++i) {
    SAMSPAR_RETURN_IF_ERROR(CheckDimension(request.group_by(i), absl::StrCat("group_by[", i, "]")));
    const auto dimension = static_cast<v1::KpiDimension>(request.group_by(i));
    if (std::find(query.group_by.begin(), query.group_by.end(), dimension) != query.group_by.end()) {
      return FieldError(absl::StrCat("group_by[", i, "]"), "FIELD_INVALID", "names a dimension twice");
    }
    query.group_by.push_back(dimension);
  }
  SAMSPAR_RETURN_IF_ERROR(CheckFilter(request.filter()));
  query.filter = request.filter();
  return query;
}

v1::KpiReport ComputeReport(const RegionFacts& facts, const v1::KpiTargets& targets, const ReportQuery& query,
                            absl::Time now) {
  const TallyResult tally =
      Tally(facts, {.filter = &query.filter,
                    .group_by = query.group_by,
                    .bounds = {Micros(query.previous.interval.start), Micros(query.period.interval.start),
                               Micros(query.period.interval.end)}});
  v1::KpiReport report;
  report.set_region(api::RegionName(query.region));
  *report.mutable_period() = query.asked;
  *report.mutable_dates() = DatesOf(query.period);
  *report.mutable_interval() = api::ToProto(query.period.interval);
  *report.mutable_previous_dates() = DatesOf(query.previous);
  for (v1::KpiDimension dimension : query.group_by) report.add_group_by(dimension);
  for (const Group& group : OrderedGroups(tally, query.group_by, facts.texts())) {
    v1::KpiRow row = RowOf(*group.counts, query, targets, /*whole_region=*/false);
    for (const v1::GroupKey& key : group.keys) *row.add_keys() = key;
    *report.add_rows() = std::move(row);
  }
  *report.mutable_total() = RowOf(tally.total, query, targets, IsWholeRegion(query.filter));
  if (facts.latest_event_time() != kNever) {
    *report.mutable_latest_event_time() = api::ToProto(absl::FromUnixMicros(facts.latest_event_time()));
  }
  *report.mutable_compute_time() = api::ToProto(now);
  return report;
}

absl::StatusOr<SeriesQuery> ReadSeriesQuery(const v1::ListKpiSeriesRequest& request, absl::TimeZone zone) {
  SeriesQuery query;
  SAMSPAR_ASSIGN_OR_RETURN(query.region, api::ParseRegion(request.parent(), "parent"));
  if (request.kpis().empty()) return FieldError("kpis", "FIELD_REQUIRED", "name at least one KPI");
  if (request.kpis_size() > kMaxSeriesKpis) {
    return FieldError("kpis", "FIELD_INVALID", absl::StrCat("may name at most ", kMaxSeriesKpis, " KPIs"));
  }
  SAMSPAR_ASSIGN_OR_RETURN(query.kpis, ReadKpis(request.kpis()));
  switch (request.granularity()) {
    case v1::PERIOD_KIND_UNSPECIFIED:
      return FieldError("granularity", "FIELD_REQUIRED", "is required: DAY, WEEK or MONTH");
    case v1::PERIOD_KIND_DAY:
    case v1::PERIOD_KIND_WEEK:
    case v1::PERIOD_KIND_MONTH:
      query.granularity = request.granularity();
      break;
    default:
      return FieldError("granularity", "FIELD_INVALID", "must be DAY, WEEK or MONTH");
  }
  if (!request.has_range()) return FieldError("range", "FIELD_REQUIRED", "is required");
  SAMSPAR_ASSIGN_OR_RETURN(const DateRange range, ReadDateRange(request.range(), "range"));
  query.points = PeriodsBetween(query.granularity, range.first, range.last, zone);
  if (query.points.size() > kMaxSeriesPoints) {
    return FieldError("range", "INVALID_TIME_RANGE",
                      absl::StrCat("covers more than ", kMaxSeriesPoints,
                                   " points: narrow it or use a coarser "
                                   "granularity"));
  }
  query.before_first = PreviousPeriod(query.points.front(), query.granularity, zone);
  if (request.group_by() != v1::KPI_DIMENSION_UNSPECIFIED) {
    SAMSPAR_RETURN_IF_ERROR(CheckDimension(request.group_by(), "group_by"));
    query.group_by = request.group_by();
  }
  SAMSPAR_RETURN_IF_ERROR(CheckFilter(request.filter()));
  query.filter = request.filter();
  return query;
}

std::vector<v1::KpiSeries> ComputeSeries(const RegionFacts& facts, const v1::KpiTargets& targets,
                                         const SeriesQuery& query) {
  // The period before the first point, then the points: bounds of 1 + n periods.
  TallyRequest request{.filter = &query.filter,
                       .group_by = {},
                       .bounds = {Micros(query.before_first.interval.start), Micros(query.before_first.interval.end)}};
  if (query.group_by != v1::KPI_DIMENSION_UNSPECIFIED) request.group_by.push_back(query.group_by);
  for (const Period& point : query.points) request.bounds.push_back(Micros(point.interval.end));
  const TallyResult tally = Tally(facts, request);

  std::vector<v1::KpiSeries> all;
  const std::vector<Group> groups = OrderedGroups(tally, request.group_by, facts.texts());
  for (v1::Kpi kpi : query.kpis) {
    if (request.group_by.empty()) {
      all.push_back(SeriesOf(kpi, tally.total, query, targets, IsWholeRegion(query.filter)));
      continue;
    }
    for (const Group& group : groups) {
      v1::KpiSeries series = SeriesOf(kpi, *group.counts, query, targets, /*whole_region=*/false);
      *series.mutable_group() = group.keys.front();
      all.push_back(std::move(series));
    }
  }
  return all;
}

}  // namespace samspar::metrics
