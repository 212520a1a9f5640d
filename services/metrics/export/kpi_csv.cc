#include "services/metrics/export/kpi_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "common/api/utf8.h"
#include "google/protobuf/descriptor.h"

namespace samspar::metrics {
namespace {

constexpr absl::string_view kSuppressed = "<5";
constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::size_t kLongestUtf8Character = 4;
// Enough for any double in fixed notation with six decimals (DBL_MAX has 309
// integer digits).
constexpr std::size_t kNumberBufferSize = 400;

struct Dialect {
  char separator;
  char decimal_mark;
  bool byte_order_mark;
};

Dialect DialectOf(v1::CsvDialect dialect) {
  if (dialect == v1::CSV_DIALECT_EXCEL_SV) return Dialect{';', ',', true};
  return Dialect{',', '.', false};
}

// At most six decimals, without trailing zeros or an exponent. std::to_chars
// ignores the C locale, so a server running under a Swedish locale still
// writes the decimal mark of the dialect.
std::string Decimal(double number, char decimal_mark) {
  std::array<char, kNumberBufferSize> buffer;
  const char* end =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), number, std::chars_format::fixed, 6).ptr;
  absl::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  if (text.find('.') != absl::string_view::npos) {
    while (absl::ConsumeSuffix(&text, "0")) {
    }
    absl::ConsumeSuffix(&text, ".");
  }
  // A tiny negative value rounds to "-0".
  if (text == "-0") return "0";
  std::string written(text);
  std::replace(written.begin(), written.end(), '.', decimal_mark);
  return written;
}

// An enum value's name without the prefix its type shares with the
// UNSPECIFIED value: KPI_UNIT_COUNT is "COUNT". UNSPECIFIED itself says
// nothing and is an empty cell.
std::string EnumName(const google::protobuf::EnumDescriptor& type, int number) {
  if (number == 0) return "";
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByNumber(number);
  // A value added in a later API version than this build knows.
  if (value == nullptr) return absl::StrCat(number);
  const absl::string_view prefix = absl::StripSuffix(type.value(0)->name(), "UNSPECIFIED");
  return std::string(absl::StripPrefix(value->name(), prefix));
}

std::string DimensionColumn(v1::KpiDimension dimension) {
  return absl::AsciiStrToLower(EnumName(*v1::KpiDimension_descriptor(), dimension));
}

std::string GroupCell(const v1::GroupKey& key) { return key.display_name().empty() ? key.value() : key.display_name(); }

std::string IsoDate(const v1::LocalDate& date) {
  return absl::StrCat(absl::Dec(date.year(), absl::kZeroPad4), "-", absl::Dec(date.month(), absl::kZeroPad2), "-",
                      absl::Dec(date.day(), absl::kZeroPad2));
}

// Builds the file line by line; every line, the last included, ends in CRLF.
class CsvText {
 public:
  explicit CsvText(v1::CsvDialect dialect) : dialect_(DialectOf(dialect)) {
    if (dialect_.byte_order_mark) absl::StrAppend(&text_, kByteOrderMark);
  }

  void Text(absl::string_view cell) {
    std::string guarded;
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) {
      guarded = absl::StrCat("'", cell);
      cell = guarded;
    }
    const char special[] = {dialect_.separator, '"', '\r', '\n'};
    if (cell.find_first_of(absl::string_view(special, sizeof(special))) == absl::string_view::npos) {
      Cell(cell);
    } else {
      Cell(absl::StrCat("\"", absl::StrReplaceAll(cell, {{"\"", "\"\""}}), "\""));
    }
  }

  void Enum(const google::protobuf::EnumDescriptor& type, int number) { Text(EnumName(type, number)); }

  // Numbers hold neither the separator nor a quote, and are never guarded as
  // formulas: a negative number stays a number.
  void Number(bool present, double number) { Cell(present ? Decimal(number, dialect_.decimal_mark) : ""); }
  void Count(bool present, int64_t count) { Cell(present ? absl::StrCat(count) : ""); }

  void EndLine() {
    absl::StrAppend(&text_, "\r\n");
    line_started_ = false;
  }

  std::string Take() && { return std::move(text_); }

 private:
  void Cell(absl::string_view written) {
    if (line_started_) text_.push_back(dialect_.separator);
    absl::StrAppend(&text_, written);
    line_started_ = true;
  }

  Dialect dialect_;
  std::string text_;
  bool line_started_ = false;
};

void ReportHeader(const v1::KpiReport& report, CsvText& csv) {
  csv.Text("region");
  csv.Text("period_start_date");
  csv.Text("period_end_date");
  for (int dimension : report.group_by()) csv.Text(DimensionColumn(static_cast<v1::KpiDimension>(dimension)));
  for (absl::string_view column : {"kpi", "unit", "value", "numerator", "denominator", "sample_size", "previous_value",
                                   "target", "direction", "target_status"}) {
    csv.Text(column);
  }
  csv.EndLine();
}

// The row's key for each group-by dimension, in the report's column order.
std::vector<std::string> GroupCells(const v1::KpiReport& report, const v1::KpiRow& row) {
  std::vector<std::string> cells;
  for (int dimension : report.group_by()) {
    const auto key = std::find_if(row.keys().begin(), row.keys().end(),
                                  [dimension](const v1::GroupKey& k) { return k.dimension() == dimension; });
    cells.push_back(key == row.keys().end() ? "" : GroupCell(*key));
  }
  return cells;
}

void ReportLines(const v1::KpiReport& report, const std::vector<std::string>& groups, const v1::KpiRow& row,
                 CsvText& csv) {
  for (const v1::KpiValue& value : row.values()) {
    csv.Text(report.region());
    csv.Text(IsoDate(report.dates().start_date()));
    csv.Text(IsoDate(report.dates().end_date()));
    for (const std::string& group : groups) csv.Text(group);
    csv.Enum(*v1::Kpi_descriptor(), value.kpi());
    csv.Enum(*v1::KpiUnit_descriptor(), value.unit());
    if (value.suppressed()) {
      for (int cell = 0; cell < 4; ++cell) csv.Text(kSuppressed);
    } else {
      csv.Number(value.has_value(), value.value());
      csv.Count(value.has_numerator(), value.numerator());
      csv.Count(value.has_denominator(), value.denominator());
      csv.Count(value.has_sample_size(), value.sample_size());
    }
    if (value.previous_suppressed()) {
      csv.Text(kSuppressed);
    } else {
      csv.Number(value.has_previous_value(), value.previous_value());
    }
    csv.Number(value.has_target(), value.target());
    csv.Enum(*v1::KpiDirection_descriptor(), value.direction());
    csv.Enum(*v1::TargetStatus_descriptor(), value.target_status());
    csv.EndLine();
  }
}

// The Thursday of a date's ISO week lies in the week's ISO year, and its day
// of that year gives the week number.
std::string IsoWeek(const v1::LocalDate& date) {
  const absl::CivilDay day(date.year(), date.month(), date.day());
  const absl::CivilDay thursday = absl::PrevWeekday(day + 1, absl::Weekday::monday) + 3;
  return absl::StrCat(absl::Dec(thursday.year(), absl::kZeroPad4), "-W",
                      absl::Dec((absl::GetYearDay(thursday) - 1) / 7 + 1, absl::kZeroPad2));
}

std::string PeriodPart(const v1::LocalDateRange& dates, v1::PeriodKind kind) {
  const v1::LocalDate& first = dates.start_date();
  switch (kind) {
    case v1::PERIOD_KIND_DAY:
      return IsoDate(first);
    case v1::PERIOD_KIND_WEEK:
      return IsoWeek(first);
    case v1::PERIOD_KIND_MONTH:
      return absl::StrCat(absl::Dec(first.year(), absl::kZeroPad4), "-", absl::Dec(first.month(), absl::kZeroPad2));
    default:
      return absl::StrCat(IsoDate(first), "--", IsoDate(dates.end_date()));
  }
}

}  // namespace

std::string KpiReportCsv(const v1::KpiReport& report, v1::CsvDialect dialect) {
  CsvText csv(dialect);
  ReportHeader(report, csv);
  for (const v1::KpiRow& row : report.rows()) ReportLines(report, GroupCells(report, row), row, csv);
  ReportLines(report, std::vector<std::string>(report.group_by_size()), report.total(), csv);
  return std::move(csv).Take();
}

std::string KpiSeriesCsv(absl::string_view region, v1::KpiDimension group_by, absl::Span<const v1::KpiSeries> series,
                         v1::CsvDialect dialect) {
  const bool grouped = group_by != v1::KPI_DIMENSION_UNSPECIFIED;
  CsvText csv(dialect);
  csv.Text("region");
  if (grouped) csv.Text(DimensionColumn(group_by));
  for (absl::string_view column :
       {"kpi", "unit", "period_start_date", "value", "sample_size", "target", "target_status"}) {
    csv.Text(column);
  }
  csv.EndLine();
  for (const v1::KpiSeries& one : series) {
    for (const v1::KpiPoint& point : one.points()) {
      csv.Text(region);
      if (grouped) csv.Text(GroupCell(one.group()));
      csv.Enum(*v1::Kpi_descriptor(), one.kpi());
      csv.Enum(*v1::KpiUnit_descriptor(), one.unit());
      csv.Text(IsoDate(point.period_start_date()));
      if (point.suppressed()) {
        csv.Text(kSuppressed);
        csv.Text(kSuppressed);
      } else {
        csv.Number(point.has_value(), point.value());
        csv.Count(point.has_sample_size(), point.sample_size());
      }
      csv.Number(point.has_target(), point.target());
      csv.Enum(*v1::TargetStatus_descriptor(), point.target_status());
      csv.EndLine();
    }
  }
  return std::move(csv).Take();
}

std::vector<std::string> CsvChunks(const std::string& csv, std::size_t max_chunk) {
  const std::size_t limit = std::max(max_chunk, kLongestUtf8Character);
  std::vector<std::string> chunks;
  std::size_t start = 0;
  while (start < csv.size()) {
    std::size_t end = std::min(csv.size(), start + limit);
    if (end < csv.size()) {
      // Back to the lead byte of the character the limit falls in; a
      // character has at most three continuation bytes. Text that is not
      // UTF-8 has no right place to cut and keeps the plain limit.
      std::size_t cut = end;
      while (cut > end - (kLongestUtf8Character - 1) && api::IsUtf8ContinuationByte(csv[cut])) --cut;
      if (!api::IsUtf8ContinuationByte(csv[cut])) end = cut;
    }
    chunks.push_back(csv.substr(start, end - start));
    start = end;
  }
  return chunks;
}

std::string KpiCsvFileName(absl::string_view region_code, const v1::LocalDateRange& dates, v1::PeriodKind kind) {
  return absl::StrCat("samspar-kpi-", region_code, "-", PeriodPart(dates, kind), ".csv");
}

}  // namespace samspar::metrics
