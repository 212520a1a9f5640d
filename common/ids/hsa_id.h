#ifndef SAMSPAR_COMMON_IDS_HSA_ID_H_
#define SAMSPAR_COMMON_IDS_HSA_ID_H_

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace samspar::ids {

// Why a text is not an HSA-id, as the machine-readable reason that a rejected
// parse carries under kReasonPayloadKey (see common/status/errors.h).
inline constexpr absl::string_view kHsaIdBadFormat = "HSA_ID_BAD_FORMAT";
inline constexpr absl::string_view kHsaIdBadOrganisationNumber =
    "HSA_ID_BAD_ORGANISATION_NUMBER";

// An id from HSA, the Swedish health-care directory, naming a care unit or a
// practitioner: "SE", the issuing organisation's organisationsnummer (10
// digits, or 12 with the "16" prefix), "-", and a suffix of letters and
// digits, e.g. SE2321000016-15CQ. Held in upper case.
class HsaId final {
 public:
  static constexpr size_t kMaxLength = 31;

  // Accepts any letter case. Errors are InvalidArgument with a reason payload
  // (kHsaId*).
  static absl::StatusOr<HsaId> Parse(absl::string_view text);

  const std::string& value() const { return value_; }

  friend bool operator==(const HsaId& a, const HsaId& b) {
    return a.value_ == b.value_;
  }
  template <typename H>
  friend H AbslHashValue(H state, const HsaId& id) {
    return H::combine(std::move(state), id.value_);
  }

 private:
  explicit HsaId(std::string value) : value_(std::move(value)) {}

  std::string value_;
};

}  // namespace samspar::ids

#endif  // SAMSPAR_COMMON_IDS_HSA_ID_H_
