#include "common/api/contact_codes.h"

#include "absl/strings/ascii.h"
#include "common/status/errors.h"

namespace samspar::api {

absl::Status CheckSpecialty(absl::string_view code, absl::string_view field) {
  bool slug = !code.empty() && code.size() <= 60 && code.front() != '-' && code.back() != '-';
  for (char c : code) {
    slug = slug && (absl::ascii_islower(static_cast<unsigned char>(c)) ||
                    absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '-');
  }
  if (slug) return absl::OkStatus();
  return FieldError(field, "FIELD_INVALID",
                    "must be a specialty code of lowercase letters, digits and '-', e.g. internal-medicine");
}

absl::Status CheckPhone(absl::string_view phone, absl::string_view field) {
  bool e164 = phone.size() >= 8 && phone.size() <= 16 && phone[0] == '+' && phone[1] != '0';
  for (size_t i = 1; e164 && i < phone.size(); ++i) e164 = absl::ascii_isdigit(static_cast<unsigned char>(phone[i]));
  if (e164) return absl::OkStatus();
  return FieldError(field, "INVALID_PHONE_NUMBER", "must be a phone number in E.164 form, e.g. +46361234567");
}

}  // namespace samspar::api
