#include "services/roster/api/directory_fields.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/utf8.h"
#include "common/status/errors.h"

namespace samspar::roster {

absl::Status CheckText(const std::string& text, bool required, size_t max_chars, absl::string_view field) {
  if (text.empty()) {
    return required ? FieldError(field, "FIELD_REQUIRED", "is required") : absl::OkStatus();
  }
  if (api::CountCharacters(text) > max_chars) {
    return FieldError(field, "FIELD_INVALID", absl::StrCat(field, " may be at most ", max_chars, " characters"));
  }
  return absl::OkStatus();
}

absl::Status CheckSpecialties(const google::protobuf::RepeatedPtrField<std::string>& codes, absl::string_view field) {
  for (int i = 0; i < codes.size(); ++i) {
    if (absl::Status status = CheckSpecialty(codes[i], absl::StrCat(field, "[", i, "]")); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status CheckContactPoints(const google::protobuf::RepeatedPtrField<v1::ContactPoint>& points,
                                absl::string_view field) {
  for (int i = 0; i < points.size(); ++i) {
    const v1::ContactPoint& point = points[i];
    std::string at = absl::StrCat(field, "[", i, "]");
    std::string value_field = absl::StrCat(at, ".value");
    if (point.value().empty()) return FieldError(value_field, "FIELD_REQUIRED", "is required");
    switch (point.kind()) {
      case v1::CONTACT_POINT_KIND_MOBILE:
      case v1::CONTACT_POINT_KIND_WORK_PHONE:
      case v1::CONTACT_POINT_KIND_SWITCHBOARD:
        if (absl::Status status = CheckPhone(point.value(), value_field); !status.ok()) return status;
        break;
      case v1::CONTACT_POINT_KIND_PAGER: {
        bool digits = point.value().size() <= 15;
        for (char c : point.value()) digits = digits && absl::ascii_isdigit(static_cast<unsigned char>(c));
        if (!digits) return FieldError(value_field, "FIELD_INVALID", "must be a pager number (digits)");
        break;
      }
      case v1::CONTACT_POINT_KIND_EMAIL: {
        size_t at_sign = point.value().find('@');
        if (at_sign == std::string::npos || at_sign == 0 || at_sign + 1 >= point.value().size() ||
            point.value().size() > 254 || absl::StrContains(point.value(), ' ')) {
          return FieldError(value_field, "FIELD_INVALID", "must be an e-mail address");
        }
        break;
      }
      default:
        return FieldError(absl::StrCat(at, ".kind"), "FIELD_REQUIRED", absl::StrCat(at, ".kind is required"));
    }
    if (absl::Status status = CheckText(point.label(), false, 60, absl::StrCat(at, ".label")); !status.ok())
      return status;
  }
  return absl::OkStatus();
}

}  // namespace samspar::roster
