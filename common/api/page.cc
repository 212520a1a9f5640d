#include "common/api/page.h"

#include <openssl/sha.h>

#include <memory>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace samspar::api {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
constexpr absl::string_view kTokenVersion = "o1";
constexpr size_t kDigestBytes = 16;
// Longer offsets would not fit an int.
constexpr size_t kMaxOffsetDigits = 9;

// Hex of the first kDigestBytes of SHA-256 over `purpose` and `bytes`, so
// that digests made for different purposes never coincide.
std::string Digest(absl::string_view purpose, absl::string_view bytes) {
  const std::string text = absl::StrCat(purpose, std::string(1, '\0'), bytes);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), kDigestBytes));
}

// The fingerprint a token holds: a digest again, so that a token never
// carries what a caller passed as fingerprint.
std::string TokenDigest(absl::string_view fingerprint) {
  return Digest("samspar page token", fingerprint);
}

absl::Status InvalidToken() {
  return FieldError("page_token", "INVALID_PAGE_TOKEN",
                    "not a page token of this request: every field but page_size and page_token "
                    "must be as in the request that returned it; start again without one");
}

bool IsDigits(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !text.empty();
}

}  // namespace

absl::StatusOr<Page> ResolvePage(int32_t page_size, absl::string_view page_token,
                                 absl::string_view fingerprint) {
  if (page_size < 0) return FieldError("page_size", "FIELD_INVALID", "must not be negative");
  Page page{.offset = 0, .size = page_size == 0 ? kDefaultPageSize : page_size};
  if (page.size > kMaxPageSize) page.size = kMaxPageSize;
  if (page_token.empty()) return page;

  std::string decoded;
  // Re-encoding must give the token back: one spelling per token.
  if (!absl::WebSafeBase64Unescape(page_token, &decoded) ||
      absl::WebSafeBase64Escape(decoded) != page_token) {
    return InvalidToken();
  }
  std::vector<absl::string_view> parts = absl::StrSplit(decoded, '.');
  if (parts.size() != 3 || parts[0] != kTokenVersion || !IsDigits(parts[1]) ||
      parts[1].size() > kMaxOffsetDigits || !absl::SimpleAtoi(parts[1], &page.offset) ||
      parts[2] != TokenDigest(fingerprint)) {
    return InvalidToken();
  }
  return page;
}

std::string NextPageToken(absl::string_view fingerprint, int next_offset) {
  return absl::WebSafeBase64Escape(
      absl::StrCat(kTokenVersion, ".", next_offset, ".", TokenDigest(fingerprint)));
}

std::string RequestFingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> fields(request.New());
  fields->CopyFrom(request);
  const google::protobuf::Descriptor* descriptor = fields->GetDescriptor();
  for (absl::string_view paging : {"page_size", "page_token"}) {
    if (const google::protobuf::FieldDescriptor* field =
            descriptor->FindFieldByName(std::string(paging))) {
      fields->GetReflection()->ClearField(fields.get(), field);
    }
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    fields->SerializePartialToCodedStream(&coded);
  }
  return Digest(descriptor->full_name(), bytes);
}

}  // namespace samspar::api
