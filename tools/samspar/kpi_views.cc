#include "tools/samspar/kpi_views.h"

#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace samspar::cli {
namespace {

std::string DimensionTitle(int dimension) {
  return absl::AsciiStrToLower(
      absl::StripPrefix(v1::KpiDimension_Name(static_cast<v1::KpiDimension>(dimension)), "KPI_DIMENSION_"));
}

std::string UnitText(v1::KpiUnit unit) {
  return absl::AsciiStrToLower(absl::StripPrefix(v1::KpiUnit_Name(unit), "KPI_UNIT_"));
}

void AddValueRows(const KpiCatalogue& catalogue, const std::vector<std::string>& group, const v1::KpiRow& row,
                  TextTable& table) {
  for (const v1::KpiValue& value : row.values()) {
    std::vector<std::string> cells = group;
    cells.push_back(SwedishName(catalogue, value.kpi()));
    cells.push_back(KpiCode(value.kpi()));
    cells.push_back(FormatKpiCell(value.unit(), value.has_value(), value.value(), value.suppressed()));
    cells.push_back(FormatKpiCell(value.unit(), value.has_previous_value(), value.previous_value(), false));
    cells.push_back(FormatKpiCell(value.unit(), value.has_target(), value.target(), false));
    cells.push_back(TargetStatusText(value.target_status()));
    table.AddRow(std::move(cells));
  }
  table.AddBreak();
}

// "2026-11-01 to 2026-11-30", or one date for a day.
std::string Dates(const v1::LocalDateRange& range) {
  const std::string start = FormatDate(range.start_date()), end = FormatDate(range.end_date());
  return start == end ? start : absl::StrCat(start, " to ", end);
}

// "2026-11" for a month, the first date for a day or week.
std::string PeriodLabel(v1::PeriodKind granularity, const v1::LocalDate& start) {
  const std::string date = FormatDate(start);
  return granularity == v1::PERIOD_KIND_MONTH ? date.substr(0, 7) : date;
}

// One table: a row per period, a column per series.
void PrintSeriesTable(const std::vector<const v1::KpiSeries*>& series, const std::vector<std::string>& titles,
                      v1::PeriodKind granularity, std::ostream& out) {
  std::vector<TextTable::Column> columns = {{"period"}};
  for (const std::string& title : titles) columns.push_back({title, true});
  std::map<std::string, std::vector<std::string>> rows;  // by period, oldest first
  for (size_t i = 0; i < series.size(); ++i) {
    for (const v1::KpiPoint& point : series[i]->points()) {
      std::vector<std::string>& row = rows[PeriodLabel(granularity, point.period_start_date())];
      row.resize(series.size(), "–");
      row[i] = FormatKpiCell(series[i]->unit(), point.has_value(), point.value(), point.suppressed());
    }
  }
  TextTable table(std::move(columns));
  for (auto& [period, cells] : rows) {
    cells.insert(cells.begin(), period);
    table.AddRow(std::move(cells));
  }
  table.Print(out);
}

// "≥ 70.0%", "≤ 4 min", "≥ 2 a day", "10.0% fewer than the previous period".
std::string ThresholdText(const v1::KpiTarget& target, const v1::KpiDefinition& definition,
                          v1::KpiDirection direction) {
  const bool more = direction == v1::KPI_DIRECTION_MORE;
  switch (target.threshold_case()) {
    case v1::KpiTarget::kValue:
      return absl::StrCat(more ? "≥ " : "≤ ", FormatKpiFigure(definition.unit(), target.value()),
                          definition.unit() == v1::KPI_UNIT_COUNT ? " a day" : "");
    case v1::KpiTarget::kRelativeChange:
      return absl::StrCat(FormatKpiFigure(v1::KPI_UNIT_RATIO, target.relative_change()), more ? " more" : " fewer",
                          " than the previous period");
    default:
      return "as good as the previous period";
  }
}

}  // namespace

std::string FormatLocalTime(const google::protobuf::Timestamp& time) {
  absl::TimeZone zone;
  absl::LoadTimeZone("Europe/Stockholm", &zone);
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(time.seconds()), zone);
}

void PrintKpiReport(const v1::KpiReport& report, const KpiCatalogue& catalogue, std::ostream& out) {
  out << report.region() << "  "
      << absl::AsciiStrToLower(absl::StripPrefix(v1::PeriodKind_Name(report.period().kind()), "PERIOD_KIND_")) << " "
      << Dates(report.dates()) << "  (previous " << Dates(report.previous_dates()) << ")  latest event "
      << (report.has_latest_event_time() ? FormatLocalTime(report.latest_event_time()) : "none yet") << "\n\n";
  std::vector<TextTable::Column> columns;
  for (int dimension : report.group_by()) columns.push_back({DimensionTitle(dimension)});
  for (auto [title, right] : {std::pair{"KPI", false},
                              {"code", false},
                              {"value", true},
                              {"previous", true},
                              {"target", true},
                              {"status", false}}) {
    columns.push_back({title, right});
  }
  TextTable table(std::move(columns));
  for (const v1::KpiRow& row : report.rows()) {
    std::vector<std::string> group;
    for (const v1::GroupKey& key : row.keys()) group.push_back(GroupDisplayName(key));
    AddValueRows(catalogue, group, row, table);
  }
  std::vector<std::string> total(report.group_by_size());
  if (!total.empty()) total.front() = "Totalt";
  AddValueRows(catalogue, total, report.total(), table);
  table.Print(out);
}

void PrintKpiSeries(const std::vector<v1::KpiSeries>& all, const v1::ListKpiSeriesRequest& request,
                    const KpiCatalogue& catalogue, std::ostream& out) {
  if (request.group_by() == v1::KPI_DIMENSION_UNSPECIFIED) {
    std::vector<const v1::KpiSeries*> series;
    std::vector<std::string> titles;
    for (const v1::KpiSeries& one : all) {
      series.push_back(&one);
      titles.push_back(KpiCode(one.kpi()));
      out << KpiCode(one.kpi()) << ": " << SwedishName(catalogue, one.kpi()) << "\n";
    }
    out << "\n";
    PrintSeriesTable(series, titles, request.granularity(), out);
    return;
  }
  for (int kpi : request.kpis()) {
    std::vector<const v1::KpiSeries*> series;
    std::vector<std::string> titles;
    for (const v1::KpiSeries& one : all) {
      if (one.kpi() != kpi) continue;
      series.push_back(&one);
      titles.push_back(GroupDisplayName(one.group()));
    }
    const v1::Kpi code = static_cast<v1::Kpi>(kpi);
    out << SwedishName(catalogue, code) << " (" << KpiCode(code) << ") by " << DimensionTitle(request.group_by())
        << "\n\n";
    PrintSeriesTable(series, titles, request.granularity(), out);
    out << "\n";
  }
}

void PrintKpiDefinitions(const KpiCatalogue& catalogue, std::ostream& out) {
  TextTable table({{"code"}, {"KPI"}, {"unit"}, {"better"}, {"goal"}});
  for (const auto& [kpi, definition] : catalogue) {
    table.AddRow({KpiCode(kpi), definition.display_name_sv(), UnitText(definition.unit()),
                  DirectionText(definition.default_direction()), definition.goal()});
  }
  table.Print(out);
}

void PrintKpiDefinition(const v1::KpiDefinition& definition, std::ostream& out) {
  out << KpiCode(definition.kpi()) << "  " << definition.display_name_sv() << " (" << definition.display_name()
      << ")\n  unit " << UnitText(definition.unit()) << ", " << DirectionText(definition.default_direction())
      << " is better\n  goal: " << definition.goal() << "\n  " << definition.description() << "\n";
}

void PrintKpiTargets(const v1::KpiTargets& targets, const KpiCatalogue& catalogue, std::ostream& out) {
  out << targets.name();
  if (targets.has_update_time()) {
    const v1::Actor& by = targets.updated_by();
    out << "  updated " << FormatLocalTime(targets.update_time()) << " by "
        << (by.practitioner().hsa_id().empty() ? by.client_id() : by.practitioner().hsa_id());
  }
  out << "\n\n";
  if (targets.targets().empty()) {
    out << "No targets: every KPI is compared with the previous period, in its default direction.\n";
    return;
  }
  TextTable table({{"KPI"}, {"code"}, {"better"}, {"target"}});
  for (const v1::KpiTarget& target : targets.targets()) {
    auto found = catalogue.find(target.kpi());
    const v1::KpiDefinition definition = found == catalogue.end() ? v1::KpiDefinition() : found->second;
    const v1::KpiDirection direction =
        target.direction() != v1::KPI_DIRECTION_UNSPECIFIED ? target.direction() : definition.default_direction();
    table.AddRow({SwedishName(catalogue, target.kpi()), KpiCode(target.kpi()), DirectionText(direction),
                  ThresholdText(target, definition, direction)});
  }
  table.Print(out);
  out << "\nEvery other KPI: as good as the previous period, in its default direction.\n";
}

}  // namespace samspar::cli
