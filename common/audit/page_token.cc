#include "common/audit/page_token.h"

#include <openssl/sha.h>

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/optional.h"
#include "common/identity/base64url.h"
#include "common/status/errors.h"

namespace samspar::audit {
namespace {

constexpr absl::string_view kVersion = "a1";
constexpr size_t kFingerprintBytes = 12;
constexpr size_t kEntryIdLength = 26;

absl::Status InvalidToken() {
  return FieldError("page_token", "INVALID_PAGE_TOKEN",
                    "not a page token of this search; start again without one");
}

bool IsEntryId(absl::string_view id) {
  if (id.size() != kEntryIdLength) return false;
  for (char c : id) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) &&
        !absl::ascii_islower(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string EncodePageToken(const PageToken& token) {
  return identity::Base64UrlEncode(absl::StrCat(kVersion, ".", token.after_entry_id, ".",
                                                absl::ToUnixMicros(token.since), ".",
                                                token.fingerprint));
}

absl::StatusOr<PageToken> DecodePageToken(absl::string_view text) {
  absl::optional<std::string> decoded = identity::Base64UrlDecode(text);
  if (!decoded.has_value()) return InvalidToken();
  std::vector<absl::string_view> parts = absl::StrSplit(*decoded, '.');
  int64_t since_micros = 0;
  if (parts.size() != 4 || parts[0] != kVersion || !IsEntryId(parts[1]) ||
      !absl::SimpleAtoi(parts[2], &since_micros) || parts[3].size() != 2 * kFingerprintBytes) {
    return InvalidToken();
  }
  return PageToken{.after_entry_id = std::string(parts[1]),
                   .since = absl::FromUnixMicros(since_micros),
                   .fingerprint = std::string(parts[3])};
}

std::string Fingerprint(const std::vector<std::string>& fields) {
  std::string text;
  // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
  for (const std::string& field : fields) absl::StrAppend(&text, field.size(), ":", field);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), kFingerprintBytes));
}

}  // namespace samspar::audit
