#include "services/roster/directory/directory_import.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/types/optional.h"
#include "common/api/page.h"
#include "common/privacy/redact.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/remembered_response.h"
#include "common/store/request_ids.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/directory/directory_csv.h"
#include "services/roster/directory/practitioners.h"

namespace samspar::roster {
namespace {

constexpr size_t kMaxRows = 50000;
constexpr size_t kMaxErrors = 1000;

constexpr v1::DirectoryRecordKind kUnit = v1::DIRECTORY_RECORD_KIND_UNIT;
constexpr v1::DirectoryRecordKind kPractitioner = v1::DIRECTORY_RECORD_KIND_PRACTITIONER;

// One row of the import: a record and where it came from.
template <typename Message>
struct Row {
  Message record;  // without output-only fields
  // The prefix of the field paths that the checks of this row report:
  // "units[3]" for records; "unit" or "practitioner" for CSV lines, whose
  // errors name the column instead.
  std::string path;
  absl::optional<int> line_number;  // CSV
  absl::optional<int> index;        // records
  bool writable;                    // false once the row has an error
};

// What an import holds and what is wrong with it regardless of what is
// stored.
struct Batch {
  std::vector<Row<v1::Unit>> units;
  std::vector<Row<v1::Practitioner>> practitioners;
  // Indexes into `units`: a parent of the same import before its children.
  std::vector<size_t> unit_order;
  std::vector<v1::ImportError> errors;
};

v1::Unit WithoutOutputOnly(v1::Unit unit) {
  unit.clear_name();
  unit.clear_etag();
  unit.clear_create_time();
  unit.clear_update_time();
  for (v1::PractitionerRef& coordinator : *unit.mutable_care_coordinators()) {
    coordinator.clear_hsa_id();
    coordinator.clear_display_name();
  }
  return unit;
}

v1::Practitioner WithoutOutputOnly(v1::Practitioner practitioner) {
  practitioner.clear_name();
  practitioner.clear_display_name();
  practitioner.clear_etag();
  practitioner.clear_create_time();
  practitioner.clear_update_time();
  for (v1::UnitRef& unit : *practitioner.mutable_units()) {
    unit.clear_hsa_id();
    unit.clear_display_name();
  }
  return practitioner;
}

// Whether `stored` is already what writing `record` would make of it; it is
// then left alone and keeps its etag.
template <typename Message>
bool AlreadyStored(const Message& stored, Message record) {
  if (record.state() == v1::DIRECTORY_STATE_UNSPECIFIED) record.set_state(v1::DIRECTORY_STATE_ACTIVE);
  return google::protobuf::util::MessageDifferencer::Equals(WithoutOutputOnly(stored), record);
}

// The error of `row` about the field at `relative_path` (e.g.
// "contact_points[0].value"). Records name the field by its path in the
// request, CSV lines by its column, in `field` and in the description.
template <typename Message>
v1::ImportError RowError(const Row<Message>& row, v1::DirectoryRecordKind kind, absl::string_view relative_path,
                         absl::string_view reason, std::string description) {
  v1::ImportError error;
  error.set_record_kind(kind);
  error.set_reason(std::string(reason));
  std::string path = absl::StrCat(row.path, ".", relative_path);
  if (row.line_number.has_value()) {
    error.set_line_number(*row.line_number);
    error.set_field(CsvColumnOf(row.record, relative_path));
    description = absl::StrReplaceAll(description, {{path, error.field()}});
  } else {
    error.set_index(row.index.value_or(0));
    error.set_field(path);
  }
  error.set_description(privacy::RedactPatientIdentity(description));
  return error;
}

// `status`, from a check or write of `row` that names its fields under
// `checked_as`, as the row's error; `fallback` is the field that an error
// naming none is about.
template <typename Message>
v1::ImportError StatusError(const Row<Message>& row, v1::DirectoryRecordKind kind, const absl::Status& status,
                            absl::string_view checked_as, absl::string_view fallback) {
  const std::string prefix = absl::StrCat(checked_as, ".");
  const absl::optional<std::string> field = FieldOf(status);
  absl::string_view relative = fallback;
  if (field.has_value() && absl::StartsWith(*field, prefix)) relative = absl::string_view(*field).substr(prefix.size());
  // FieldError starts its message with the field, which the error names
  // already.
  std::string description(status.message());
  if (field.has_value()) description = std::string(absl::StripPrefix(description, absl::StrCat(*field, ": ")));
  if (checked_as != row.path) description = absl::StrReplaceAll(description, {{prefix, absl::StrCat(row.path, ".")}});
  return RowError(row, kind, relative, ReasonOrCode(status), std::move(description));
}

// Errors in a row's data, as against failures of the store.
bool IsRowError(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument || status.code() == absl::StatusCode::kNotFound ||
         status.code() == absl::StatusCode::kFailedPrecondition;
}

// The field that an error of a write naming no field is about: a unit's
// parent (UNIT_NOT_FOUND, PARENT_CYCLE) or state (UNIT_HAS_ACTIVE_LINES), a
// practitioner's units (UNIT_NOT_FOUND).
absl::string_view WriteErrorField(v1::DirectoryRecordKind kind, const absl::Status& status) {
  if (kind == kPractitioner) return "units";
  return ReasonOf(status) == "UNIT_HAS_ACTIVE_LINES" ? "state" : "parent_unit";
}

absl::Status CheckRowCount(size_t rows, absl::string_view field) {
  if (rows == 0) return FieldError(field, "FIELD_REQUIRED", "holds no rows to import");
  if (rows > kMaxRows) {
    return FieldError(field, "FIELD_INVALID",
                      absl::StrCat(field, " holds ", rows, " rows where an import takes at most ", kMaxRows,
                                   ": split it into several calls"));
  }
  return absl::OkStatus();
}

template <typename Message>
void AddRecords(const google::protobuf::RepeatedPtrField<Message>& records, absl::string_view collection,
                std::vector<Row<Message>>& rows) {
  rows.reserve(records.size());
  for (int i = 0; i < records.size(); ++i) {
    rows.push_back({WithoutOutputOnly(records[i]), absl::StrCat(collection, "[", i, "]"), absl::nullopt, i, true});
  }
}

template <typename Message>
void AddLines(std::vector<CsvLine<Message>>& lines, absl::string_view path, std::vector<Row<Message>>& rows) {
  rows.reserve(lines.size());
  for (CsvLine<Message>& line : lines) {
    rows.push_back(
        {WithoutOutputOnly(std::move(line.record)), std::string(path), line.line_number, absl::nullopt, line.readable});
  }
}

absl::StatusOr<Batch> ReadBatch(const std::string& region, const v1::ImportDirectoryRequest& request) {
  Batch batch;
  if (request.has_records()) {
    const v1::DirectoryRecords& records = request.records();
    SAMSPAR_RETURN_IF_ERROR(CheckRowCount(records.units_size() + records.practitioners_size(), "records"));
    AddRecords(records.units(), "units", batch.units);
    AddRecords(records.practitioners(), "practitioners", batch.practitioners);
    return batch;
  }
  if (!request.has_csv()) return FieldError("source", "FIELD_REQUIRED", "records or csv is required");
  const google::protobuf::RepeatedPtrField<v1::DirectoryCsv>& files = request.csv().files();
  if (files.empty()) {
    return FieldError("csv.files", "FIELD_REQUIRED", "csv.files needs a file of units or of practitioners");
  }
  absl::flat_hash_set<int> kinds;
  for (int i = 0; i < files.size(); ++i) {
    std::string field = absl::StrCat("csv.files[", i, "]");
    SAMSPAR_ASSIGN_OR_RETURN(DirectoryCsvContent content, ReadDirectoryCsv(files[i], region, field));
    if (!kinds.insert(content.kind).second) {
      return FieldError(absl::StrCat(field, ".kind"), "FIELD_INVALID",
                        "csv.files holds one file of units and one of practitioners at most, not two of a kind");
    }
    AddLines(content.units, "unit", batch.units);
    AddLines(content.practitioners, "practitioner", batch.practitioners);
    std::move(content.errors.begin(), content.errors.end(), std::back_inserter(batch.errors));
  }
  SAMSPAR_RETURN_IF_ERROR(CheckRowCount(batch.units.size() + batch.practitioners.size(), "csv.files"));
  return batch;
}

// Flags the rows that repeat the HSA-id of an earlier row of their kind.
template <typename Message>
void FlagDuplicates(std::vector<Row<Message>>& rows, v1::DirectoryRecordKind kind,
                    std::vector<v1::ImportError>& errors) {
  absl::flat_hash_map<std::string, size_t> first;
  for (size_t i = 0; i < rows.size(); ++i) {
    Row<Message>& row = rows[i];
    if (row.record.hsa_id().empty()) continue;
    auto [earlier, inserted] = first.try_emplace(row.record.hsa_id(), i);
    if (inserted) continue;
    const Row<Message>& original = rows[earlier->second];
    std::string where = original.line_number.has_value() ? absl::StrCat("line ", *original.line_number) : original.path;
    errors.push_back(RowError(row, kind, "hsa_id", "DUPLICATE_ROW",
                              absl::StrCat(row.path, ".hsa_id repeats the HSA-id of ", where)));
    row.writable = false;
  }
}

template <typename Message, typename Check>
void CheckRows(std::vector<Row<Message>>& rows, v1::DirectoryRecordKind kind, const Check& check,
               std::vector<v1::ImportError>& errors) {
  for (Row<Message>& row : rows) {
    if (!row.writable) continue;
    absl::Status checked = check(row.record, row.path);
    if (checked.ok()) continue;
    errors.push_back(StatusError(row, kind, checked, row.path, ""));
    row.writable = false;
  }
}

// The order in which to write the units: a parent of the same import before
// its children, so that each write finds its parent stored. Units whose
// parents within the import lead back to them are flagged (PARENT_CYCLE).
std::vector<size_t> UnitWriteOrder(std::vector<Row<v1::Unit>>& units, const std::string& region,
                                   std::vector<v1::ImportError>& errors) {
  absl::flat_hash_map<std::string, size_t> by_name;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].writable) by_name.emplace(UnitName(region, units[i].record.hsa_id()), i);
  }
  enum class Mark : uint8_t { kOpen, kOnPath, kDone };
  std::vector<Mark> marks(units.size(), Mark::kOpen);
  std::vector<size_t> order;
  order.reserve(by_name.size());
  for (size_t start = 0; start < units.size(); ++start) {
    if (!units[start].writable || marks[start] != Mark::kOpen) continue;
    // Up the parents within the import, to one outside it, one already
    // ordered, or one on this path again (a cycle).
    std::vector<size_t> path;
    size_t at = start;
    bool cycle = false;
    while (true) {
      marks[at] = Mark::kOnPath;
      path.push_back(at);
      auto parent = by_name.find(units[at].record.parent_unit());
      if (parent == by_name.end() || marks[parent->second] == Mark::kDone) break;
      at = parent->second;
      if (marks[at] == Mark::kOnPath) {
        cycle = true;
        break;
      }
    }
    if (cycle) {
      auto in_cycle = std::find(path.begin(), path.end(), at);
      for (auto i = in_cycle; i != path.end(); ++i) {
        Row<v1::Unit>& row = units[*i];
        marks[*i] = Mark::kDone;
        row.writable = false;
        errors.push_back(RowError(row, kUnit, "parent_unit", "PARENT_CYCLE",
                                  absl::StrCat(row.path, ".parent_unit would make the unit its own ancestor")));
      }
      path.erase(in_cycle, path.end());
    }
    for (auto i = path.rbegin(); i != path.rend(); ++i) {
      marks[*i] = Mark::kDone;
      order.push_back(*i);
    }
  }
  return order;
}

struct Tally {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

// The writes of one import, inside its transaction, and what they found.
class Writer {
 public:
  Writer(sql::Transaction& tx, Units& units, const std::string& region, absl::Time now, const Batch& batch)
      : tx_(tx), units_(units), region_(region), now_(now), batch_(batch), errors_(batch.errors) {
    for (const Row<v1::Unit>& row : batch.units) imported_units_.insert(UnitName(region, row.record.hsa_id()));
  }

  absl::Status WriteUnits() {
    for (size_t i : batch_.unit_order) {
      const Row<v1::Unit>& row = batch_.units[i];
      if (AwaitsRejectedRow(row.record.parent_unit())) continue;
      std::string name = UnitName(region_, row.record.hsa_id());
      SAMSPAR_ASSIGN_OR_RETURN(bool settled,
                               Upsert<v1::Unit>(Units::Table(), name, row, kUnit, row.path, unit_tally_,
                                                [&](v1::Unit& unit, const absl::optional<v1::Unit>& existing) {
                                                  return units_.Write(tx_, region_, unit, existing, now_, row.path);
                                                }));
      if (settled) settled_units_.insert(std::move(name));
    }
    return absl::OkStatus();
  }

  absl::Status WritePractitioners() {
    for (const Row<v1::Practitioner>& row : batch_.practitioners) {
      if (!row.writable || std::any_of(row.record.units().begin(), row.record.units().end(),
                                       [&](const v1::UnitRef& unit) { return AwaitsRejectedRow(unit.name()); })) {
        continue;
      }
      // Practitioners::Write names the fields it reports under
      // "practitioner".
      SAMSPAR_RETURN_IF_ERROR(
          Upsert<v1::Practitioner>(
              Practitioners::Table(), PractitionerName(region_, row.record.hsa_id()), row, kPractitioner,
              "practitioner", practitioner_tally_,
              [&](v1::Practitioner& practitioner, const absl::optional<v1::Practitioner>& existing) {
                return Practitioners::Write(tx_, region_, practitioner, existing, now_);
              })
              .status());
    }
    return absl::OkStatus();
  }

  // Every row error (the first kMaxErrors, by kind and line or index), or
  // the counts when there is none.
  v1::ImportDirectoryResponse Response(bool validate_only) && {
    v1::ImportDirectoryResponse response;
    if (errors_.empty()) {
      response.set_applied(!validate_only);
      response.set_units_created(unit_tally_.created);
      response.set_units_updated(unit_tally_.updated);
      response.set_units_unchanged(unit_tally_.unchanged);
      response.set_practitioners_created(practitioner_tally_.created);
      response.set_practitioners_updated(practitioner_tally_.updated);
      response.set_practitioners_unchanged(practitioner_tally_.unchanged);
      return response;
    }
    std::stable_sort(errors_.begin(), errors_.end(), [](const v1::ImportError& a, const v1::ImportError& b) {
      return std::make_tuple(a.record_kind(), a.line_number(), a.index()) <
             std::make_tuple(b.record_kind(), b.line_number(), b.index());
    });
    response.set_errors_truncated(errors_.size() > kMaxErrors);
    errors_.resize(std::min(errors_.size(), kMaxErrors));
    for (v1::ImportError& error : errors_) *response.add_errors() = std::move(error);
    return response;
  }

 private:
  // Whether `unit` is one of this import's units that was not written
  // because of an error of its row: what refers to it is left unwritten
  // too, as its write would only report the missing unit again.
  bool AwaitsRejectedRow(const std::string& unit) const {
    return imported_units_.contains(unit) && !settled_units_.contains(unit);
  }

  // Writes `row` unless it is stored as given already, and counts it.
  // Returns whether it is now stored as given; a row error is added to the
  // errors.
  template <typename Message>
  absl::StatusOr<bool> Upsert(const store::MessageTable<Message>& table, const std::string& name,
                              const Row<Message>& row, v1::DirectoryRecordKind kind, absl::string_view checked_as,
                              Tally& tally,
                              const std::function<absl::Status(Message&, const absl::optional<Message>&)>& write) {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<Message> existing, table.Get(tx_, name));
    if (existing.has_value() && AlreadyStored(*existing, row.record)) {
      ++tally.unchanged;
      return true;
    }
    Message record = row.record;
    if (absl::Status written = write(record, existing); !written.ok()) {
      if (!IsRowError(written)) return written;
      errors_.push_back(StatusError(row, kind, written, checked_as, WriteErrorField(kind, written)));
      return false;
    }
    ++(existing.has_value() ? tally.updated : tally.created);
    return true;
  }

  sql::Transaction& tx_;
  Units& units_;
  const std::string& region_;
  const absl::Time now_;
  const Batch& batch_;
  std::vector<v1::ImportError> errors_;
  absl::flat_hash_set<std::string> imported_units_;
  absl::flat_hash_set<std::string> settled_units_;
  Tally unit_tally_;
  Tally practitioner_tally_;
};

}  // namespace

DirectoryImport::DirectoryImport(sql::Database& database) : database_(database), units_(database) {}

absl::StatusOr<v1::ImportDirectoryResponse> DirectoryImport::Run(const std::string& region,
                                                                 const v1::ImportDirectoryRequest& request,
                                                                 absl::Time now) {
  SAMSPAR_RETURN_IF_ERROR(store::ValidateRequestId(request.request_id()));
  SAMSPAR_ASSIGN_OR_RETURN(Batch batch, ReadBatch(region, request));
  FlagDuplicates(batch.units, kUnit, batch.errors);
  FlagDuplicates(batch.practitioners, kPractitioner, batch.errors);
  CheckRows(
      batch.units, kUnit, [this](const v1::Unit& unit, absl::string_view field) { return units_.Check(unit, field); },
      batch.errors);
  CheckRows(batch.practitioners, kPractitioner, Practitioners::Check, batch.errors);
  batch.unit_order = UnitWriteOrder(batch.units, region, batch.errors);

  const store::RequestKey key{region, "ImportDirectory", request.request_id(), api::RequestFingerprint(request)};
  // Rolls the transaction back when the import is not applied; the response
  // still answers the call.
  const absl::Status not_applied = absl::CancelledError("the import is not applied");
  v1::ImportDirectoryResponse response;
  absl::Status done = database_.RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(absl::optional<v1::ImportDirectoryResponse> earlier,
                             store::EarlierResponse<v1::ImportDirectoryResponse>(tx, key));
    if (earlier.has_value()) {
      response = *std::move(earlier);
      return absl::OkStatus();
    }
    Writer writer(tx, units_, region, now, batch);
    SAMSPAR_RETURN_IF_ERROR(writer.WriteUnits());
    SAMSPAR_RETURN_IF_ERROR(writer.WritePractitioners());
    response = std::move(writer).Response(request.validate_only());
    if (!response.applied()) return not_applied;
    return store::RememberResponse(tx, key, response, now);
  });
  if (!done.ok() && done != not_applied) return done;
  return response;
}

}  // namespace samspar::roster
