#include "common/api/csv.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/types/optional.h"
#include "common/api/utf8.h"
#include "common/status/errors.h"

namespace samspar::api {
namespace {

constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";

class CsvReader {
 public:
  CsvReader(absl::string_view text, absl::string_view field) : text_(text), field_(field) {}

  absl::StatusOr<std::vector<CsvRecord>> ReadRecords() {
    std::vector<CsvRecord> records;
    while (pos_ < text_.size()) {
      CsvRecord record{.line_number = line_, .cells = {}};
      bool quoted = false;
      do {
        absl::StatusOr<std::string> cell = ReadCell(quoted);
        if (!cell.ok()) return cell.status();
        record.cells.push_back(*std::move(cell));
      } while (Consume(","));
      if (Consume("\r\n") || Consume("\n")) ++line_;
      if (!quoted && IsBlank(record.cells)) continue;
      records.push_back(std::move(record));
    }
    return records;
  }

  absl::Status Invalid(int line, absl::string_view what) const {
    return FieldError(field_, "FIELD_INVALID", absl::StrCat("line ", line, ": ", what));
  }

 private:
  bool AtRecordEnd() const {
    const absl::string_view rest = text_.substr(pos_);
    return rest.empty() || absl::StartsWith(rest, "\n") || absl::StartsWith(rest, "\r\n");
  }

  bool Consume(absl::string_view what) {
    if (!absl::StartsWith(text_.substr(pos_), what)) return false;
    pos_ += what.size();
    return true;
  }

  // One cell, up to the comma or line end after it; sets `quoted` if it was.
  absl::StatusOr<std::string> ReadCell(bool& quoted) {
    std::string cell;
    if (!Consume("\"")) {
      while (pos_ < text_.size() && text_[pos_] != ',' && !AtRecordEnd()) cell += text_[pos_++];
      return cell;
    }
    quoted = true;
    const int opened_on = line_;
    while (true) {
      if (pos_ == text_.size()) {
        return Invalid(opened_on, "a quoted cell starts here and is never closed");
      }
      if (Consume("\"\"")) {
        cell += '"';
      } else if (Consume("\"")) {
        break;
      } else {
        if (text_[pos_] == '\n') ++line_;
        cell += text_[pos_++];
      }
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !AtRecordEnd()) {
      return Invalid(line_, "text after the closing quote of a cell");
    }
    return cell;
  }

  static bool IsBlank(const std::vector<std::string>& cells) {
    return cells.size() == 1 && std::all_of(cells[0].begin(), cells[0].end(),
                                            [](char c) { return c == ' ' || c == '\t'; });
  }

  absl::string_view text_;
  absl::string_view field_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

absl::StatusOr<CsvTable> ReadCsv(absl::string_view text, absl::string_view field) {
  absl::ConsumePrefix(&text, kByteOrderMark);
  CsvReader reader(text, field);
  if (absl::optional<size_t> bad = FirstInvalidUtf8(text)) {
    const auto line = 1 + std::count(text.begin(), text.begin() + *bad, '\n');
    return reader.Invalid(static_cast<int>(line), "not valid UTF-8");
  }
  absl::StatusOr<std::vector<CsvRecord>> records = reader.ReadRecords();
  if (!records.ok()) return records.status();
  if (records->empty()) return reader.Invalid(1, "no header: the file is empty");
  CsvTable table;
  table.header = std::move(records->front().cells);
  table.records.assign(std::make_move_iterator(records->begin() + 1),
                       std::make_move_iterator(records->end()));
  return table;
}

}  // namespace samspar::api
