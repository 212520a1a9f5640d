#include "tools/samspar/kpi_requests.h"

#include <algorithm>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "common/api/proto_time.h"
#include "common/calendar/stockholm_time.h"

ABSL_FLAG(std::string, period, "", "kpi report: day, week, month (the default) or custom (with --from and --to)");
ABSL_FLAG(std::string, date, "", "kpi report: a date in the day, week or month (YYYY-MM-DD; today when empty)");
ABSL_FLAG(std::string, from, "", "kpi report --period=custom, kpi series: the first date (YYYY-MM-DD)");
ABSL_FLAG(std::string, to, "", "kpi report --period=custom, kpi series: the last date (YYYY-MM-DD)");
ABSL_FLAG(std::vector<std::string>, kpis, {},
          "kpi report, series: KPI codes, e.g. REFERRALS_AVOIDED,ED_AVOIDED_SHARE (report: all when empty)");
ABSL_FLAG(std::vector<std::string>, group_by, {},
          "kpi report (up to two), series (one): track, requester_unit, target_unit, line, "
          "requester_unit_type, specialty, outcome");
ABSL_FLAG(std::vector<std::string>, filter_track, {},
          "kpi: only these tracks (acute, semi-acute, accessible-primary-care, multidisciplinary-conference)");
ABSL_FLAG(std::vector<std::string>, filter_requester_unit, {},
          "kpi: only consults and conferences from these units (HSA-ids or resource names)");
ABSL_FLAG(std::string, granularity, "", "kpi series: day, week or month (default); kpi export: exports a series");
ABSL_FLAG(std::string, out, "", "kpi export: the file to write (the name the service suggests, here, when empty)");
ABSL_FLAG(std::string, dialect, "rfc4180",
          "kpi export: rfc4180 (comma, decimal point) or excel-sv (semicolon, decimal comma)");
ABSL_FLAG(std::string, target_value, "",
          "kpi set-target: the threshold in the KPI's unit (a ratio 0-1, seconds, or a count a day)");
ABSL_FLAG(std::string, relative_change, "",
          "kpi set-target: the threshold as a change from the previous period (0.1: 10 % better)");
ABSL_FLAG(std::string, direction, "", "kpi set-target: more or fewer is better (the KPI's default when empty)");
ABSL_FLAG(bool, clear, false, "kpi set-target: remove the KPI's target");

namespace samspar::cli {
namespace {

absl::Status FlagError(absl::string_view flag, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", what));
}

// "semi-acute" -> "TRACK_SEMI_ACUTE" for prefix "TRACK_"; a value given with
// its prefix keeps it. The unspecified value (0) is never a choice.
template <typename Enum>
absl::StatusOr<Enum> ParseEnum(const std::string& text, absl::string_view prefix,
                               bool (*parse)(const std::string&, Enum*), absl::string_view flag) {
  std::string name = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  absl::StrReplaceAll({{"-", "_"}}, &name);
  if (!absl::StartsWith(name, prefix)) name = absl::StrCat(prefix, name);
  Enum value;
  if (!parse(name, &value) || static_cast<int>(value) == 0) {
    return FlagError(flag, absl::StrCat("\"", text, "\" is not known"));
  }
  return value;
}

absl::StatusOr<absl::CivilDay> ParseDate(const std::string& text, absl::string_view flag) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) return FlagError(flag, "write the date as YYYY-MM-DD");
  return day;
}

absl::StatusOr<absl::CivilDay> Today() {
  absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
  if (!zone.ok()) return zone.status();
  return absl::ToCivilDay(absl::Now(), *zone);
}

absl::StatusOr<v1::LocalDateRange> RangeFromFlags(absl::optional<absl::CivilDay> default_from) {
  const std::string from = absl::GetFlag(FLAGS_from), to = absl::GetFlag(FLAGS_to);
  absl::StatusOr<absl::CivilDay> last = to.empty() ? Today() : ParseDate(to, "to");
  if (!last.ok()) return last.status();
  absl::CivilDay first;
  if (!from.empty()) {
    absl::StatusOr<absl::CivilDay> parsed = ParseDate(from, "from");
    if (!parsed.ok()) return parsed.status();
    first = *parsed;
  } else if (default_from.has_value()) {
    first = *default_from;
  } else {
    return FlagError("from", "give the first date of the range");
  }
  v1::LocalDateRange range;
  *range.mutable_start_date() = api::ToProto(first);
  *range.mutable_end_date() = api::ToProto(*last);
  return range;
}

absl::Status AddKpis(google::protobuf::RepeatedField<int>& kpis) {
  for (const std::string& code : absl::GetFlag(FLAGS_kpis)) {
    absl::StatusOr<v1::Kpi> kpi = ParseKpi(code);
    if (!kpi.ok()) return FlagError("kpis", kpi.status().message());
    kpis.Add(*kpi);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::KpiDimension>> GroupByFromFlags() {
  std::vector<v1::KpiDimension> dimensions;
  for (const std::string& name : absl::GetFlag(FLAGS_group_by)) {
    absl::StatusOr<v1::KpiDimension> dimension =
        ParseEnum<v1::KpiDimension>(name, "KPI_DIMENSION_", v1::KpiDimension_Parse, "group_by");
    if (!dimension.ok()) return dimension.status();
    dimensions.push_back(*dimension);
  }
  return dimensions;
}

absl::StatusOr<v1::KpiFilter> FilterFromFlags(const std::string& parent) {
  v1::KpiFilter filter;
  for (const std::string& name : absl::GetFlag(FLAGS_filter_track)) {
    absl::StatusOr<v1::Track> track = ParseEnum<v1::Track>(name, "TRACK_", v1::Track_Parse, "filter_track");
    if (!track.ok()) return track.status();
    filter.add_tracks(*track);
  }
  for (const std::string& unit : absl::GetFlag(FLAGS_filter_requester_unit)) {
    filter.add_requester_units(absl::StartsWith(unit, "regions/") ? unit : absl::StrCat(parent, "/units/", unit));
  }
  return filter;
}

absl::StatusOr<v1::PeriodKind> PeriodKindOf(const std::string& text, absl::string_view flag) {
  return ParseEnum<v1::PeriodKind>(text, "PERIOD_KIND_", v1::PeriodKind_Parse, flag);
}

}  // namespace

absl::StatusOr<v1::Kpi> ParseKpi(const std::string& code) {
  absl::StatusOr<v1::Kpi> kpi = ParseEnum<v1::Kpi>(code, "KPI_", v1::Kpi_Parse, "kpis");
  if (!kpi.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("\"", code, "\" is not a KPI (samspar kpi definitions lists them)"));
  }
  return kpi;
}

absl::StatusOr<v1::QueryKpiReportRequest> ReportRequestFromFlags(const std::string& parent) {
  v1::QueryKpiReportRequest request;
  request.set_parent(parent);
  const bool range_given = !absl::GetFlag(FLAGS_from).empty() || !absl::GetFlag(FLAGS_to).empty();
  std::string period = absl::GetFlag(FLAGS_period);
  if (period.empty()) period = range_given ? "custom" : "month";
  absl::StatusOr<v1::PeriodKind> kind = PeriodKindOf(period, "period");
  if (!kind.ok()) return kind.status();
  request.mutable_period()->set_kind(*kind);
  if (*kind == v1::PERIOD_KIND_CUSTOM) {
    absl::StatusOr<v1::LocalDateRange> range = RangeFromFlags(absl::nullopt);
    if (!range.ok()) return range.status();
    *request.mutable_period()->mutable_custom_range() = *range;
  } else if (range_given) {
    return FlagError("from", "--from and --to make a custom period; use --date for a day, week or month");
  } else if (const std::string date = absl::GetFlag(FLAGS_date); !date.empty()) {
    absl::StatusOr<absl::CivilDay> anchor = ParseDate(date, "date");
    if (!anchor.ok()) return anchor.status();
    *request.mutable_period()->mutable_anchor_date() = api::ToProto(*anchor);
  }
  if (absl::Status status = AddKpis(*request.mutable_kpis()); !status.ok()) return status;
  absl::StatusOr<std::vector<v1::KpiDimension>> group_by = GroupByFromFlags();
  if (!group_by.ok()) return group_by.status();
  for (v1::KpiDimension dimension : *group_by) request.add_group_by(dimension);
  absl::StatusOr<v1::KpiFilter> filter = FilterFromFlags(parent);
  if (!filter.ok()) return filter.status();
  *request.mutable_filter() = *filter;
  return request;
}

absl::StatusOr<v1::ListKpiSeriesRequest> SeriesRequestFromFlags(const std::string& parent) {
  v1::ListKpiSeriesRequest request;
  request.set_parent(parent);
  if (absl::GetFlag(FLAGS_kpis).empty()) return FlagError("kpis", "name the KPIs of the series (1-10)");
  if (absl::Status status = AddKpis(*request.mutable_kpis()); !status.ok()) return status;
  const std::string granularity = absl::GetFlag(FLAGS_granularity);
  absl::StatusOr<v1::PeriodKind> kind = PeriodKindOf(granularity.empty() ? "month" : granularity, "granularity");
  if (!kind.ok()) return kind.status();
  request.set_granularity(*kind);
  absl::StatusOr<absl::CivilDay> today = Today();
  if (!today.ok()) return today.status();
  // A year of whole months up to this one.
  absl::StatusOr<v1::LocalDateRange> range = RangeFromFlags(absl::CivilDay(absl::CivilMonth(*today) - 11));
  if (!range.ok()) return range.status();
  *request.mutable_range() = *range;
  absl::StatusOr<std::vector<v1::KpiDimension>> group_by = GroupByFromFlags();
  if (!group_by.ok()) return group_by.status();
  if (group_by->size() > 1) return FlagError("group_by", "a series is split by one dimension");
  if (!group_by->empty()) request.set_group_by(group_by->front());
  absl::StatusOr<v1::KpiFilter> filter = FilterFromFlags(parent);
  if (!filter.ok()) return filter.status();
  *request.mutable_filter() = *filter;
  return request;
}

absl::StatusOr<v1::ExportKpiCsvRequest> ExportRequestFromFlags(const std::string& parent) {
  v1::ExportKpiCsvRequest request;
  absl::StatusOr<v1::CsvDialect> dialect =
      ParseEnum<v1::CsvDialect>(absl::GetFlag(FLAGS_dialect), "CSV_DIALECT_", v1::CsvDialect_Parse, "dialect");
  if (!dialect.ok()) return dialect.status();
  request.set_dialect(*dialect);
  if (!absl::GetFlag(FLAGS_granularity).empty()) {
    absl::StatusOr<v1::ListKpiSeriesRequest> series = SeriesRequestFromFlags(parent);
    if (!series.ok()) return series.status();
    *request.mutable_series() = *std::move(series);
  } else {
    absl::StatusOr<v1::QueryKpiReportRequest> report = ReportRequestFromFlags(parent);
    if (!report.ok()) return report.status();
    *request.mutable_report() = *std::move(report);
  }
  return request;
}

std::string ExportFileFromFlags() { return absl::GetFlag(FLAGS_out); }

absl::Status ApplyTargetFlags(v1::Kpi kpi, v1::KpiTargets& targets) {
  const std::string value = absl::GetFlag(FLAGS_target_value);
  const std::string change = absl::GetFlag(FLAGS_relative_change);
  const std::string direction = absl::GetFlag(FLAGS_direction);
  const bool clear = absl::GetFlag(FLAGS_clear);
  if (!value.empty() && !change.empty()) return FlagError("target_value", "give --target_value or --relative_change");
  if (clear && (!value.empty() || !change.empty() || !direction.empty())) {
    return FlagError("clear", "removes the target: give no value, change or direction with it");
  }
  if (!clear && value.empty() && change.empty() && direction.empty()) {
    return FlagError("target_value", "give --target_value, --relative_change, --direction or --clear");
  }
  auto& list = *targets.mutable_targets();
  auto existing =
      std::find_if(list.begin(), list.end(), [kpi](const v1::KpiTarget& target) { return target.kpi() == kpi; });
  if (clear) {
    if (existing != list.end()) list.erase(existing);
    return absl::OkStatus();
  }
  // What the flags do not name stays as it was.
  v1::KpiTarget& target = existing != list.end() ? *existing : *list.Add();
  target.set_kpi(kpi);
  if (!direction.empty()) {
    absl::StatusOr<v1::KpiDirection> parsed =
        ParseEnum<v1::KpiDirection>(direction, "KPI_DIRECTION_", v1::KpiDirection_Parse, "direction");
    if (!parsed.ok()) return parsed.status();
    target.set_direction(*parsed);
  }
  double number = 0;
  if (!value.empty()) {
    if (!absl::SimpleAtod(value, &number)) return FlagError("target_value", "is not a number");
    target.set_value(number);
  } else if (!change.empty()) {
    if (!absl::SimpleAtod(change, &number)) return FlagError("relative_change", "is not a number");
    target.set_relative_change(number);
  }
  return absl::OkStatus();
}

}  // namespace samspar::cli
