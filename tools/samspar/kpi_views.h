#ifndef SAMSPAR_TOOLS_SAMSPAR_KPI_VIEWS_H_
#define SAMSPAR_TOOLS_SAMSPAR_KPI_VIEWS_H_

// What `samspar kpi` prints: MetricsService's answers as tables, each KPI
// under its Swedish name with its code beside it.

#include <ostream>
#include <string>
#include <vector>

#include "google/protobuf/timestamp.pb.h"
#include "samspar/v1/metrics.pb.h"
#include "tools/samspar/kpi_tables.h"

namespace samspar::cli {

// "2026-11-24 18:05", Stockholm time.
std::string FormatLocalTime(const google::protobuf::Timestamp& time);

// A header line (region, dates, the latest event), then one table: the group
// columns, KPI, code, value, previous, target, status; a block of rows per
// group, the total last.
void PrintKpiReport(const v1::KpiReport& report, const KpiCatalogue& catalogue, std::ostream& out);

// A row per period and a column per KPI; when grouped, a table per KPI with a
// column per group.
void PrintKpiSeries(const std::vector<v1::KpiSeries>& series, const v1::ListKpiSeriesRequest& request,
                    const KpiCatalogue& catalogue, std::ostream& out);

// The catalogue as a table, or one definition in full.
void PrintKpiDefinitions(const KpiCatalogue& catalogue, std::ostream& out);
void PrintKpiDefinition(const v1::KpiDefinition& definition, std::ostream& out);

// The region's targets: direction and threshold of each KPI that has one.
void PrintKpiTargets(const v1::KpiTargets& targets, const KpiCatalogue& catalogue, std::ostream& out);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_KPI_VIEWS_H_
