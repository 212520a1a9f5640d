#include "common/http/link_tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/identity/base64url.h"
#include "common/status/errors.h"

namespace samspar::http {
namespace {

constexpr size_t kShortestKey = 32;

absl::Status Invalid() {
  // One answer for every failure: a guesser learns nothing from it.
  return Error(absl::StatusCode::kUnauthenticated, "TOKEN_INVALID",
               "the link's token is not valid for it, or has expired: ask for a new link");
}

}  // namespace

absl::StatusOr<LinkTokens> LinkTokens::FromKey(std::string key, std::string purpose) {
  if (key.size() < kShortestKey) {
    return absl::InvalidArgumentError(absl::StrCat("the key must be at least ", kShortestKey, " bytes"));
  }
  return LinkTokens(std::move(key), std::move(purpose));
}

absl::StatusOr<LinkTokens> LinkTokens::LoadKeyFile(const std::string& path, std::string purpose) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::InvalidArgumentError(absl::StrCat("cannot read the key file ", path));
  std::stringstream key;
  key << file.rdbuf();
  absl::StatusOr<LinkTokens> tokens = FromKey(key.str(), std::move(purpose));
  if (!tokens.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", tokens.status().message()));
  return tokens;
}

std::string LinkTokens::Mac(absl::string_view subject, int64_t expire_seconds) const {
  const std::string message = absl::StrCat(purpose_, "\n", subject, "\n", expire_seconds);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), length);
}

std::string LinkTokens::Issue(absl::string_view subject, absl::Time expire_time) const {
  const int64_t expire = absl::ToUnixSeconds(expire_time);
  return absl::StrCat(expire, ".", identity::Base64UrlEncode(Mac(subject, expire)));
}

absl::Status LinkTokens::Verify(absl::string_view token, absl::string_view subject, absl::Time now) const {
  std::vector<absl::string_view> parts = absl::StrSplit(token, absl::MaxSplits('.', 1));
  int64_t expire = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &expire)) return Invalid();
  absl::optional<std::string> mac = identity::Base64UrlDecode(parts[1]);
  const std::string expected = Mac(subject, expire);
  if (!mac.has_value() || mac->size() != expected.size() ||
      CRYPTO_memcmp(mac->data(), expected.data(), expected.size()) != 0) {
    return Invalid();
  }
  if (absl::FromUnixSeconds(expire) <= now) return Invalid();
  return absl::OkStatus();
}

}  // namespace samspar::http
