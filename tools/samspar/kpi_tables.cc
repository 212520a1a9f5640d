#include "tools/samspar/kpi_tables.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"

namespace samspar::cli {
namespace {

// Characters, not bytes: UTF-8 continuation bytes do not start one.
size_t Width(absl::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void PrintRow(const std::vector<TextTable::Column>& columns, const std::vector<size_t>& widths,
              const std::vector<std::string>& cells, std::ostream& out) {
  std::string line;
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string& cell = i < cells.size() ? cells[i] : "";
    const std::string padding(widths[i] - Width(cell), ' ');
    if (i > 0) line += "  ";
    line += columns[i].right_aligned ? padding + cell : cell + padding;
  }
  out << std::string(absl::StripTrailingAsciiWhitespace(line)) << "\n";
}

}  // namespace

void TextTable::AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

void TextTable::AddBreak() {
  if (!rows_.empty() && !rows_.back().empty()) rows_.emplace_back();
}

void TextTable::Print(std::ostream& out) const {
  std::vector<size_t> widths;
  for (const Column& column : columns_) widths.push_back(Width(column.title));
  for (const std::vector<std::string>& row : rows_) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], Width(row[i]));
  }
  std::vector<std::string> titles;
  for (const Column& column : columns_) titles.push_back(column.title);
  PrintRow(columns_, widths, titles, out);
  for (const std::vector<std::string>& row : rows_) {
    if (row.empty()) {
      out << "\n";
    } else {
      PrintRow(columns_, widths, row, out);
    }
  }
}


std::string SwedishName(const KpiCatalogue& catalogue, v1::Kpi kpi) {
  auto found = catalogue.find(kpi);
  return found == catalogue.end() ? KpiCode(kpi) : found->second.display_name_sv();
}

std::string FormatDuration(double seconds) {
  const int64_t total = std::llround(std::max(seconds, 0.0));
  const int64_t days = total / 86400, hours = total % 86400 / 3600, minutes = total % 3600 / 60, rest = total % 60;
  if (total < 60) return absl::StrFormat("%d s", rest);
  if (total < 3600)
    return rest == 0 ? absl::StrFormat("%d min", minutes) : absl::StrFormat("%d min %d s", minutes, rest);
  if (total < 86400)
    return minutes == 0 ? absl::StrFormat("%d h", hours) : absl::StrFormat("%d h %d min", hours, minutes);
  return hours == 0 ? absl::StrFormat("%d d", days) : absl::StrFormat("%d d %d h", days, hours);
}

std::string FormatKpiFigure(v1::KpiUnit unit, double value) {
  switch (unit) {
    case v1::KPI_UNIT_RATIO:
      return absl::StrFormat("%.1f%%", value * 100);
    case v1::KPI_UNIT_SECONDS:
      return FormatDuration(value);
    default:
      return std::abs(value - std::round(value)) < 1e-9 ? absl::StrFormat("%.0f", value)
                                                        : absl::StrFormat("%.1f", value);
  }
}

std::string FormatKpiCell(v1::KpiUnit unit, bool has_value, double value, bool suppressed) {
  if (suppressed) return "<5";
  if (!has_value) return "–";
  return FormatKpiFigure(unit, value);
}

std::string TargetStatusText(v1::TargetStatus status) {
  switch (status) {
    case v1::TARGET_STATUS_ON_TRACK:
      return "På väg";
    case v1::TARGET_STATUS_OFF_TRACK:
      return "Inte på väg";
    case v1::TARGET_STATUS_NO_DATA:
      return "Underlag saknas";
    default:
      return "–";
  }
}

std::string DirectionText(v1::KpiDirection direction) {
  switch (direction) {
    case v1::KPI_DIRECTION_MORE:
      return "more";
    case v1::KPI_DIRECTION_FEWER:
      return "fewer";
    default:
      return "–";
  }
}

std::string GroupDisplayName(const v1::GroupKey& key) {
  const std::string& name = key.display_name().empty() ? key.value() : key.display_name();
  if (absl::StartsWith(name, "regions/")) return name.substr(name.rfind('/') + 1);
  return name;
}

std::string FormatDate(const v1::LocalDate& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

}  // namespace samspar::cli
