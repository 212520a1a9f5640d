#include "common/audit/patient_identifier.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/audit/resource_name.h"
#include "common/ids/hsa_id.h"
#include "common/ids/personnummer.h"
#include "common/status/errors.h"

namespace samspar::audit {
namespace {

constexpr absl::string_view kInvalidPatient = "INVALID_PATIENT_IDENTIFIER";
constexpr size_t kMaxReservnummerLength = 32;

bool IsReservnummerShape(absl::string_view value) {
  return !value.empty() && value.size() <= kMaxReservnummerLength &&
         std::all_of(value.begin(), value.end(), [](char c) {
           return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-';
         });
}

absl::StatusOr<PatientId> CheckPersonnummer(const RequestedPatient& requested,
                                            absl::string_view field) {
  const std::string value_field = absl::StrCat(field, ".value");
  absl::StatusOr<ids::Personnummer> number = ids::Personnummer::Parse(requested.value);
  if (!number.ok()) {
    // The parser's message says what is wrong without quoting the number.
    return FieldError(value_field, kInvalidPatient, number.status().message());
  }
  const PatientKind kind = number->kind() == ids::PersonnummerKind::kSamordningsnummer
                               ? PatientKind::kSamordningsnummer
                               : PatientKind::kPersonnummer;
  if (kind != *requested.kind) {
    return FieldError(value_field, kInvalidPatient,
                      absl::StrCat("the number is a ", absl::AsciiStrToLower(NameOf(kind)),
                                   ", but ", field, ".kind says ", NameOf(*requested.kind)));
  }
  for (const auto& [name, text] : {std::pair{"issuing_region", &requested.issuing_region},
                                   std::pair{"issuing_unit", &requested.issuing_unit}}) {
    if (!text->empty()) {
      return FieldError(absl::StrCat(field, ".", name), "FIELD_INVALID",
                        "only a RESERVNUMMER has an issuer");
    }
  }
  return PatientId{.kind = kind, .value = number->canonical()};
}

absl::StatusOr<PatientId> CheckReservnummer(const RequestedPatient& requested,
                                            absl::string_view field) {
  if (!IsReservnummerShape(requested.value)) {
    return FieldError(absl::StrCat(field, ".value"), kInvalidPatient,
                      "a reservnummer is 1 to 32 letters, digits or hyphens");
  }
  const std::string region_field = absl::StrCat(field, ".issuing_region");
  if (requested.issuing_region.empty()) {
    return FieldError(region_field, "FIELD_REQUIRED", "required for a RESERVNUMMER");
  }
  absl::optional<std::vector<std::string>> region =
      MatchName(requested.issuing_region, "regions/{region}");
  if (!region.has_value() || !IsRegionCode((*region)[0])) {
    return FieldError(region_field, "INVALID_NAME", "must be regions/{region}");
  }
  PatientId patient{
      .kind = PatientKind::kReservnummer, .value = requested.value, .issuing_region = (*region)[0]};
  if (requested.issuing_unit.empty()) return patient;

  const std::string unit_field = absl::StrCat(field, ".issuing_unit");
  absl::optional<std::vector<std::string>> unit =
      MatchName(requested.issuing_unit, "regions/{region}/units/{unit}");
  if (!unit.has_value()) {
    return FieldError(unit_field, "INVALID_NAME", "must be regions/{region}/units/{unit}");
  }
  if ((*unit)[0] != patient.issuing_region) {
    return FieldError(unit_field, "FIELD_INVALID", "must be a unit of the issuing region");
  }
  absl::StatusOr<ids::HsaId> hsa_id = ids::HsaId::Parse((*unit)[1]);
  if (!hsa_id.ok()) return FieldError(unit_field, "INVALID_HSA_ID", hsa_id.status().message());
  patient.issuing_unit = hsa_id->value();
  return patient;
}

}  // namespace

absl::StatusOr<PatientId> CheckPatient(const RequestedPatient& requested, absl::string_view field) {
  if (!requested.kind.has_value()) {
    return FieldError(absl::StrCat(field, ".kind"), "FIELD_REQUIRED",
                      "required: PERSONNUMMER, SAMORDNINGSNUMMER or RESERVNUMMER");
  }
  if (requested.value.empty()) {
    return FieldError(absl::StrCat(field, ".value"), "FIELD_REQUIRED", "required");
  }
  if (*requested.kind == PatientKind::kReservnummer) return CheckReservnummer(requested, field);
  return CheckPersonnummer(requested, field);
}

}  // namespace samspar::audit
