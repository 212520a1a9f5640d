#ifndef SAMSPAR_SERVICES_METRICS_EXPORT_KPI_CSV_H_
#define SAMSPAR_SERVICES_METRICS_EXPORT_KPI_CSV_H_

// KPI reports and series as the CSV files of ExportKpiCsv, in the columns
// that ExportKpiCsvRequest documents, for an analyst's spreadsheet.
//
// Both dialects end lines with CRLF. RFC 4180 (also for UNSPECIFIED) uses a
// comma and a decimal point; EXCEL_SV starts with a UTF-8 BOM and uses a
// semicolon and a decimal comma, as Excel with Swedish settings expects.
// Enum values are written without their prefix (REFERRALS_AVOIDED, ON_TRACK),
// unset values as empty cells, suppressed counts as "<5". A text cell that a
// spreadsheet would run as a formula (starting with = + - or @) gets a
// leading ' so that it stays text.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "samspar/v1/common.pb.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::metrics {

// One line per KPI value of each row, in row order, then the total row's
// values with empty group columns. One group column per report.group_by
// dimension, headed by the dimension's name in lower case (track,
// requester_unit, ...), holding a key's display name or, without one, its
// value.
std::string KpiReportCsv(const v1::KpiReport& report, v1::CsvDialect dialect);

// One line per point of each series, in order. `region` is written as given;
// the group column is there only when `group_by` is not UNSPECIFIED.
std::string KpiSeriesCsv(absl::string_view region, v1::KpiDimension group_by, absl::Span<const v1::KpiSeries> series,
                         v1::CsvDialect dialect);

// `csv` cut into the chunks of the response stream, in order: each at most
// `max_chunk` bytes and never ending inside a UTF-8 character, so each is
// valid UTF-8 on its own. A `max_chunk` below 4 is taken as 4, the longest
// character. None for empty text.
inline constexpr std::size_t kMaxCsvChunk = 64 * 1024;
std::vector<std::string> CsvChunks(const std::string& csv, std::size_t max_chunk = kMaxCsvChunk);

// The suggested file name, e.g. "samspar-kpi-06-2026-03.csv" for MONTH,
// "samspar-kpi-06-2026-W11.csv" for WEEK (the ISO week and week-year of the
// first date), "samspar-kpi-06-2026-03-29.csv" for DAY, and
// "samspar-kpi-06-2026-03-01--2026-04-15.csv" for CUSTOM, which series
// exports pass too. `region_code` is the code ("06"), not the resource name.
std::string KpiCsvFileName(absl::string_view region_code, const v1::LocalDateRange& dates, v1::PeriodKind kind);

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_EXPORT_KPI_CSV_H_
