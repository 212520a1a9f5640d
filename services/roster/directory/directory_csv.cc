#include "services/roster/directory/directory_csv.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/types/optional.h"
#include "common/api/csv.h"
#include "common/ids/hsa_id.h"
#include "common/privacy/redact.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/roster/api/resource_names.h"

namespace samspar::roster {
namespace {

// The columns of one kind of file. The required ones hold required fields:
// without them every line would fail, so the file is refused at its header.
struct FileColumns {
  absl::string_view kind_name;  // for messages, e.g. "units"
  std::vector<absl::string_view> all;
  std::vector<absl::string_view> required;
};

const FileColumns& UnitColumns() {
  static const auto* columns =
      new FileColumns{"units",
                      {"hsa_id", "display_name", "unit_type", "parent_hsa_id", "specialties", "phone",
                       "municipality_code", "care_coordinator_hsa_ids", "ehr_system", "state"},
                      {"hsa_id", "display_name", "unit_type"}};
  return *columns;
}

const FileColumns& PractitionerColumns() {
  static const auto* columns =
      new FileColumns{"practitioners",
                      {"hsa_id", "given_name", "family_name", "title", "profession", "specialties", "unit_hsa_ids",
                       "mobile", "work_phone", "pager", "email", "state"},
                      {"hsa_id", "given_name", "family_name", "profession", "unit_hsa_ids"}};
  return *columns;
}

// A unit's `phone` is its direct line; a practitioner has a column per kind.
constexpr v1::ContactPointKind kUnitPhoneKind = v1::CONTACT_POINT_KIND_WORK_PHONE;

struct ContactColumn {
  absl::string_view column;
  v1::ContactPointKind kind;
};
constexpr ContactColumn kPractitionerContacts[] = {{"mobile", v1::CONTACT_POINT_KIND_MOBILE},
                                                   {"work_phone", v1::CONTACT_POINT_KIND_WORK_PHONE},
                                                   {"pager", v1::CONTACT_POINT_KIND_PAGER},
                                                   {"email", v1::CONTACT_POINT_KIND_EMAIL}};

bool Contains(const std::vector<absl::string_view>& columns, absl::string_view column) {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

v1::ImportError LineError(v1::DirectoryRecordKind kind, int line_number, absl::string_view column,
                          absl::string_view reason, absl::string_view description) {
  v1::ImportError error;
  error.set_record_kind(kind);
  error.set_line_number(line_number);
  error.set_field(privacy::RedactPatientIdentity(column));
  error.set_reason(std::string(reason));
  error.set_description(privacy::RedactPatientIdentity(description));
  return error;
}

// A cell that cannot be read; the caller knows its line and column.
absl::Status CellError(absl::string_view reason, absl::string_view message) {
  return Error(absl::StatusCode::kInvalidArgument, reason, message);
}

std::vector<std::string> ListOf(absl::string_view cell) {
  std::vector<std::string> items;
  for (absl::string_view item : absl::StrSplit(cell, ';')) {
    item = absl::StripAsciiWhitespace(item);
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

// An enum cell holds the value's name without its prefix, in any case; an
// empty cell leaves the field unset.
absl::StatusOr<int> EnumOf(const google::protobuf::EnumDescriptor& type, absl::string_view prefix,
                           absl::string_view cell, absl::string_view column) {
  if (cell.empty()) return 0;
  const google::protobuf::EnumValueDescriptor* value =
      type.FindValueByName(absl::StrCat(prefix, absl::AsciiStrToUpper(cell)));
  if (value != nullptr && value->number() != 0) return value->number();
  std::vector<absl::string_view> names;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() != 0) names.push_back(absl::StripPrefix(type.value(i)->name(), prefix));
  }
  return CellError("FIELD_INVALID", absl::StrCat(column, " must be one of ", absl::StrJoin(names, ", ")));
}

// References are HSA-ids; they are checked here, as the resource names made
// of them are only checked for their shape.
absl::StatusOr<std::vector<std::string>> HsaIdsOf(absl::string_view cell, absl::string_view column) {
  std::vector<std::string> hsa_ids = ListOf(cell);
  for (const std::string& hsa_id : hsa_ids) {
    if (absl::StatusOr<ids::HsaId> parsed = ids::HsaId::Parse(hsa_id); !parsed.ok() || parsed->value() != hsa_id) {
      return CellError("INVALID_HSA_ID",
                       absl::StrCat(column, " must hold HSA-ids such as SE2321000057-E7RT, separated by ';'"));
    }
  }
  return hsa_ids;
}

void AddContactPoints(absl::string_view cell, v1::ContactPointKind kind,
                      google::protobuf::RepeatedPtrField<v1::ContactPoint>& points) {
  for (std::string& value : ListOf(cell)) {
    v1::ContactPoint* point = points.Add();
    point->set_kind(kind);
    point->set_value(std::move(value));
  }
}

absl::Status ReadUnitCell(absl::string_view column, absl::string_view cell, absl::string_view region, v1::Unit& unit) {
  if (column == "hsa_id") {
    unit.set_hsa_id(std::string(cell));
  } else if (column == "display_name") {
    unit.set_display_name(std::string(cell));
  } else if (column == "unit_type") {
    SAMSPAR_ASSIGN_OR_RETURN(int type, EnumOf(*v1::UnitType_descriptor(), "UNIT_TYPE_", cell, column));
    unit.set_unit_type(static_cast<v1::UnitType>(type));
  } else if (column == "parent_hsa_id") {
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::string> parent, HsaIdsOf(cell, column));
    if (parent.size() > 1) return CellError("FIELD_INVALID", "parent_hsa_id holds one HSA-id at most");
    if (!parent.empty()) unit.set_parent_unit(UnitName(region, parent.front()));
  } else if (column == "specialties") {
    for (std::string& specialty : ListOf(cell)) unit.add_specialties(std::move(specialty));
  } else if (column == "phone") {
    AddContactPoints(cell, kUnitPhoneKind, *unit.mutable_contact_points());
  } else if (column == "municipality_code") {
    unit.set_municipality_code(std::string(cell));
  } else if (column == "care_coordinator_hsa_ids") {
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::string> coordinators, HsaIdsOf(cell, column));
    for (const std::string& hsa_id : coordinators) {
      unit.add_care_coordinators()->set_name(PractitionerName(region, hsa_id));
    }
  } else if (column == "ehr_system") {
    unit.set_ehr_system(std::string(cell));
  } else if (column == "state") {
    SAMSPAR_ASSIGN_OR_RETURN(int state, EnumOf(*v1::DirectoryState_descriptor(), "DIRECTORY_STATE_", cell, column));
    unit.set_state(static_cast<v1::DirectoryState>(state));
  }
  return absl::OkStatus();
}

absl::Status ReadPractitionerCell(absl::string_view column, absl::string_view cell, absl::string_view region,
                                  v1::Practitioner& practitioner) {
  for (const ContactColumn& contact : kPractitionerContacts) {
    if (column == contact.column) {
      AddContactPoints(cell, contact.kind, *practitioner.mutable_contact_points());
      return absl::OkStatus();
    }
  }
  if (column == "hsa_id") {
    practitioner.set_hsa_id(std::string(cell));
  } else if (column == "given_name") {
    practitioner.set_given_name(std::string(cell));
  } else if (column == "family_name") {
    practitioner.set_family_name(std::string(cell));
  } else if (column == "title") {
    practitioner.set_title(std::string(cell));
  } else if (column == "profession") {
    SAMSPAR_ASSIGN_OR_RETURN(int profession, EnumOf(*v1::Profession_descriptor(), "PROFESSION_", cell, column));
    practitioner.set_profession(static_cast<v1::Profession>(profession));
  } else if (column == "specialties") {
    for (std::string& specialty : ListOf(cell)) practitioner.add_specialties(std::move(specialty));
  } else if (column == "unit_hsa_ids") {
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<std::string> units, HsaIdsOf(cell, column));
    for (const std::string& hsa_id : units) practitioner.add_units()->set_name(UnitName(region, hsa_id));
  } else if (column == "state") {
    SAMSPAR_ASSIGN_OR_RETURN(int state, EnumOf(*v1::DirectoryState_descriptor(), "DIRECTORY_STATE_", cell, column));
    practitioner.set_state(static_cast<v1::DirectoryState>(state));
  }
  return absl::OkStatus();
}

// The header's column names (trimmed, in lower case), or nullopt when it has
// errors, which are added to `errors`.
absl::optional<std::vector<std::string>> ReadHeader(const std::vector<std::string>& header, const FileColumns& columns,
                                                    v1::DirectoryRecordKind kind,
                                                    std::vector<v1::ImportError>& errors) {
  const size_t errors_before = errors.size();
  std::vector<std::string> names;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& cell : header) {
    std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cell));
    if (!Contains(columns.all, name)) {
      errors.push_back(LineError(kind, 1, name, "FIELD_INVALID",
                                 absl::StrCat("not a column of a file of ", columns.kind_name, "; its columns are ",
                                              absl::StrJoin(columns.all, ", "))));
    } else if (!seen.insert(name).second) {
      errors.push_back(LineError(kind, 1, name, "FIELD_INVALID", absl::StrCat(name, " is in the header twice")));
    }
    names.push_back(std::move(name));
  }
  for (absl::string_view required : columns.required) {
    if (!seen.contains(required)) {
      errors.push_back(LineError(kind, 1, required, "FIELD_REQUIRED",
                                 absl::StrCat("the file has no ", required, " column, which is required")));
    }
  }
  if (errors.size() != errors_before) return absl::nullopt;
  return names;
}

template <typename Message>
using CellReader = absl::Status (*)(absl::string_view column, absl::string_view cell, absl::string_view region,
                                    Message& record);

// One data line under a readable `header`; every cell is read, so that one
// pass reports all of the line's errors.
template <typename Message>
CsvLine<Message> ReadLine(const api::CsvRecord& record, const std::vector<std::string>& header,
                          CellReader<Message> read_cell, v1::DirectoryRecordKind kind, absl::string_view region,
                          std::vector<v1::ImportError>& errors) {
  CsvLine<Message> line{record.line_number, Message(), true};
  if (record.cells.size() != header.size()) {
    errors.push_back(
        LineError(kind, record.line_number, "", "FIELD_INVALID",
                  absl::StrCat("the line has ", record.cells.size(), " cells where the header has ", header.size())));
    line.readable = false;
    return line;
  }
  for (size_t i = 0; i < record.cells.size(); ++i) {
    absl::Status read = read_cell(header[i], absl::StripAsciiWhitespace(record.cells[i]), region, line.record);
    if (read.ok()) continue;
    errors.push_back(LineError(kind, record.line_number, header[i], ReasonOrCode(read), read.message()));
    line.readable = false;
  }
  return line;
}

// Every data line of `table`; none is readable when the header is not.
template <typename Message>
std::vector<CsvLine<Message>> ReadLines(const api::CsvTable& table, const FileColumns& columns,
                                        CellReader<Message> read_cell, v1::DirectoryRecordKind kind,
                                        absl::string_view region, std::vector<v1::ImportError>& errors) {
  absl::optional<std::vector<std::string>> header = ReadHeader(table.header, columns, kind, errors);
  std::vector<CsvLine<Message>> lines;
  lines.reserve(table.records.size());
  for (const api::CsvRecord& record : table.records) {
    lines.push_back(header.has_value() ? ReadLine(record, *header, read_cell, kind, region, errors)
                                       : CsvLine<Message>{record.line_number, Message(), false});
  }
  return lines;
}

// The field name a path starts with: "contact_points" of
// "contact_points[1].value".
absl::string_view FieldNameOf(absl::string_view path) { return path.substr(0, path.find_first_of(".[")); }

std::string KnownColumn(const FileColumns& columns, absl::string_view field) {
  return Contains(columns.all, field) ? std::string(field) : "";
}

}  // namespace

absl::StatusOr<DirectoryCsvContent> ReadDirectoryCsv(const v1::DirectoryCsv& file, absl::string_view region,
                                                     absl::string_view field) {
  if (file.kind() != v1::DIRECTORY_RECORD_KIND_UNIT && file.kind() != v1::DIRECTORY_RECORD_KIND_PRACTITIONER) {
    std::string at = absl::StrCat(field, ".kind");
    return FieldError(at, "FIELD_INVALID", "must be DIRECTORY_RECORD_KIND_UNIT or DIRECTORY_RECORD_KIND_PRACTITIONER");
  }
  SAMSPAR_ASSIGN_OR_RETURN(api::CsvTable table, api::ReadCsv(file.content(), absl::StrCat(field, ".content")));
  DirectoryCsvContent content;
  content.kind = file.kind();
  if (file.kind() == v1::DIRECTORY_RECORD_KIND_UNIT) {
    content.units = ReadLines<v1::Unit>(table, UnitColumns(), ReadUnitCell, file.kind(), region, content.errors);
  } else {
    content.practitioners = ReadLines<v1::Practitioner>(table, PractitionerColumns(), ReadPractitionerCell, file.kind(),
                                                        region, content.errors);
  }
  return content;
}

std::string CsvColumnOf(const v1::Unit& /*unit*/, absl::string_view path) {
  absl::string_view field = FieldNameOf(path);
  if (field == "parent_unit") return "parent_hsa_id";
  if (field == "care_coordinators") return "care_coordinator_hsa_ids";
  if (field == "contact_points") return "phone";
  return KnownColumn(UnitColumns(), field);
}

std::string CsvColumnOf(const v1::Practitioner& practitioner, absl::string_view path) {
  absl::string_view field = FieldNameOf(path);
  if (field == "units") return "unit_hsa_ids";
  if (field == "contact_points") {
    absl::string_view index = absl::StripPrefix(path, "contact_points[");
    int i = 0;
    if (absl::SimpleAtoi(index.substr(0, index.find(']')), &i) && i >= 0 && i < practitioner.contact_points_size()) {
      for (const ContactColumn& contact : kPractitionerContacts) {
        if (contact.kind == practitioner.contact_points(i).kind()) return std::string(contact.column);
      }
    }
    return "";
  }
  return KnownColumn(PractitionerColumns(), field);
}

}  // namespace samspar::roster
