#ifndef SAMSPAR_COMMON_API_CSV_H_
#define SAMSPAR_COMMON_API_CSV_H_

// CSV (RFC 4180) as regions export it from their HR and directory systems,
// for the directory and shift imports.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace samspar::api {

struct CsvRecord {
  int line_number;  // 1-based line where the record starts
  std::vector<std::string> cells;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> records;
};

// Reads UTF-8 text (a leading BOM is skipped): comma-separated cells,
// quoted cells with "" for a quote and line breaks inside, CRLF or LF line
// ends, with or without a final one; lines holding nothing but spaces are
// skipped. The first record is the header. Records whose number of cells
// differs from the header's are kept as they are, for the caller to report
// row by row.
// INVALID_ARGUMENT, reason FIELD_INVALID, attributed to `field` (e.g.
// "csv.files[0].content"), with the line number, for invalid UTF-8, a quote
// that is never closed, text after a closing quote, or no header at all.
absl::StatusOr<CsvTable> ReadCsv(absl::string_view text, absl::string_view field);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_CSV_H_
