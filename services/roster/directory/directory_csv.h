#ifndef SAMSPAR_SERVICES_ROSTER_DIRECTORY_DIRECTORY_CSV_H_
#define SAMSPAR_SERVICES_ROSTER_DIRECTORY_DIRECTORY_CSV_H_

// The CSV files of ImportDirectory (roster.proto, DirectoryCsv): each data
// line read into the Unit or Practitioner it describes, and the header and
// cells that cannot be read reported by line and column. Whether a record is
// valid is for Units and Practitioners to say.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::roster {

// One data line of a file, as the record it describes.
template <typename Message>
struct CsvLine {
  int line_number;
  Message record;
  // False when the header or a cell of the line could not be read: the
  // record is then incomplete, and the reason is among the file's errors.
  bool readable;
};

struct DirectoryCsvContent {
  v1::DirectoryRecordKind kind;
  // Every data line of the file, in the member of its kind.
  std::vector<CsvLine<v1::Unit>> units;
  std::vector<CsvLine<v1::Practitioner>> practitioners;
  // What could not be read, by line number (the header is line 1) and
  // column (`field`).
  std::vector<v1::ImportError> errors;
};

// Reads `file`; the HSA-ids of references (`parent_hsa_id`, `unit_hsa_ids`,
// `care_coordinator_hsa_ids`) become resource names in `region`. `field` is
// the file's path in the request, e.g. "csv.files[0]". INVALID_ARGUMENT
// (FIELD_INVALID) for a file of no known kind or that is not CSV at all.
absl::StatusOr<DirectoryCsvContent> ReadDirectoryCsv(const v1::DirectoryCsv& file, absl::string_view region,
                                                     absl::string_view field);

// The column that the field at `path` (relative to a record read by
// ReadDirectoryCsv, e.g. "contact_points[1].value") came from, e.g. "pager".
std::string CsvColumnOf(const v1::Unit& unit, absl::string_view path);
std::string CsvColumnOf(const v1::Practitioner& practitioner, absl::string_view path);

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_DIRECTORY_DIRECTORY_CSV_H_
