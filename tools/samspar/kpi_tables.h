#ifndef SAMSPAR_TOOLS_SAMSPAR_KPI_TABLES_H_
#define SAMSPAR_TOOLS_SAMSPAR_KPI_TABLES_H_

// The pieces `samspar kpi` prints with: aligned plain-text tables, and KPI
// figures as an analyst reads them ("<5" for a suppressed value, "–" for no
// data, ratios as percent, durations in minutes and seconds).

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "samspar/v1/metrics.pb.h"
#include "services/metrics/catalogue/kpi_catalogue.h"

namespace samspar::cli {

// A table whose columns are as wide as their widest cell, counted in
// characters rather than bytes (Swedish names, "–").
class TextTable {
 public:
  struct Column {
    std::string title;
    bool right_aligned = false;  // figures
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

  void AddRow(std::vector<std::string> cells);
  // An empty line between groups of rows.
  void AddBreak();
  void Print(std::ostream& out) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a break
};

using metrics::KpiCode;

// The catalogue by KPI, for names, units and default directions.
using KpiCatalogue = std::map<v1::Kpi, v1::KpiDefinition>;

// The Swedish name, or the code when the catalogue lacks the KPI.
std::string SwedishName(const KpiCatalogue& catalogue, v1::Kpi kpi);

// A value in its unit: counts as whole numbers (a scaled target may have one
// decimal), ratios as "63.4%", durations as "4 min 10 s".
std::string FormatKpiFigure(v1::KpiUnit unit, double value);

// A value as the API gives it: "<5" when suppressed, "–" when absent.
std::string FormatKpiCell(v1::KpiUnit unit, bool has_value, double value, bool suppressed);

// "42 s", "4 min 10 s", "2 h 5 min", "3 d 4 h".
std::string FormatDuration(double seconds);

// "På väg", "Inte på väg", "Underlag saknas"; "–" when unset.
std::string TargetStatusText(v1::TargetStatus status);

// "more" or "fewer".
std::string DirectionText(v1::KpiDirection direction);

// A group's value for display: the name the API gives, a unit's or line's
// id rather than its whole resource name, "(ingen)" as the API writes it.
std::string GroupDisplayName(const v1::GroupKey& key);

// "2026-11-24" from a LocalDate.
std::string FormatDate(const v1::LocalDate& date);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_KPI_TABLES_H_
