#include "common/ids/hsa_id.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/status/errors.h"
#include "common/ids/luhn.h"

namespace samspar::ids {
namespace {

// The messages do not quote the input: a sole trader's organisationsnummer is
// the owner's personnummer.
absl::Status BadFormat(absl::string_view message) {
  return Error(absl::StatusCode::kInvalidArgument, kHsaIdBadFormat, message);
}

bool AllMatch(absl::string_view text, bool (*predicate)(unsigned char)) {
  return std::all_of(text.begin(), text.end(), [predicate](char c) {
    return predicate(static_cast<unsigned char>(c));
  });
}

}  // namespace

absl::StatusOr<HsaId> HsaId::Parse(absl::string_view text) {
  if (text.size() > kMaxLength) {
    return BadFormat("hsa-id: longer than 31 characters");
  }
  std::string id = absl::AsciiStrToUpper(text);
  if (!absl::StartsWith(id, "SE")) {
    return BadFormat("hsa-id: must start with SE");
  }
  const size_t dash = id.find('-');
  if (dash == std::string::npos) {
    return BadFormat(
        "hsa-id: must be SE, an organisation number, '-' and a suffix");
  }
  const absl::string_view organisation =
      absl::string_view(id).substr(2, dash - 2);
  const absl::string_view suffix = absl::string_view(id).substr(dash + 1);
  const bool ten_digits = organisation.size() == 10;
  const bool twelve_digits =
      organisation.size() == 12 && absl::StartsWith(organisation, "16");
  if (!(ten_digits || twelve_digits) ||
      !AllMatch(organisation, absl::ascii_isdigit)) {
    return BadFormat(
        "hsa-id: organisation number must be 10 digits, or 12 starting with "
        "16");
  }
  if (suffix.empty() || !AllMatch(suffix, absl::ascii_isalnum)) {
    return BadFormat("hsa-id: suffix must be one or more letters or digits");
  }
  if (!PassesLuhnCheck(organisation.substr(organisation.size() - 10))) {
    return Error(absl::StatusCode::kInvalidArgument, 
        kHsaIdBadOrganisationNumber,
        "hsa-id: organisation number check digit does not match");
  }
  return HsaId(std::move(id));
}

}  // namespace samspar::ids
