#include "common/events/subject_keys.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <fstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/audit/resource_name.h"
#include "common/identity/openssl_ptr.h"

namespace samspar::events {
namespace {

// Why `region`/`secret` cannot be one of the keys, or an empty string. The
// reason names the region (a two-digit code, nothing secret) but never the
// secret.
std::string Problem(const std::string& region, const std::string& secret) {
  if (!audit::IsRegionCode(region)) return "the region must be a two-digit region code";
  if (secret.size() < SubjectKeys::kShortestSecret) {
    return absl::StrCat("the secret of region ", region, " is shorter than ", SubjectKeys::kShortestSecret, " bytes");
  }
  if (std::any_of(secret.begin(), secret.end(), [](char c) { return c == ' ' || c == '\t'; })) {
    return absl::StrCat("the secret of region ", region, " must not contain spaces or tabs");
  }
  return "";
}

}  // namespace

absl::StatusOr<SubjectKeys> SubjectKeys::LoadKeyFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::InvalidArgumentError(absl::StrCat("cannot read the subject-key file ", path));
  std::map<std::string, std::string> secrets;
  std::string line;
  for (int number = 1; std::getline(file, line); ++number) {
    const absl::string_view text = absl::StripAsciiWhitespace(line);  // also a CR of a CRLF line end
    if (text.empty() || text.front() == '#') continue;
    std::vector<absl::string_view> fields = absl::StrSplit(text, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    std::string problem;
    if (fields.size() != 2) {
      problem = "expected a two-digit region code and its secret, separated by a space";
    } else if (secrets.count(std::string(fields[0])) != 0) {
      problem = absl::StrCat("region ", fields[0], " has a secret already");
    } else {
      problem = Problem(std::string(fields[0]), std::string(fields[1]));
    }
    if (!problem.empty()) return absl::InvalidArgumentError(absl::StrCat(path, " line ", number, ": ", problem));
    secrets.emplace(fields[0], fields[1]);
  }
  if (file.bad()) return absl::InvalidArgumentError(absl::StrCat("cannot read the subject-key file ", path));
  if (secrets.empty()) return absl::InvalidArgumentError(absl::StrCat(path, " holds no region's secret"));
  return SubjectKeys(std::move(secrets));
}

absl::StatusOr<SubjectKeys> SubjectKeys::FromSecrets(std::map<std::string, std::string> secrets) {
  for (const auto& [region, secret] : secrets) {
    if (std::string problem = Problem(region, secret); !problem.empty()) return absl::InvalidArgumentError(problem);
  }
  if (secrets.empty()) return absl::InvalidArgumentError("no region has a subject-key secret");
  return SubjectKeys(std::move(secrets));
}

absl::StatusOr<std::string> SubjectKeys::KeyOf(absl::string_view region, absl::string_view resource_name) const {
  auto secret = secrets_.find(std::string(region));
  if (secret == secrets_.end()) {
    // A region code is safe to name; anything else is not repeated.
    return absl::FailedPreconditionError(
        audit::IsRegionCode(region)
            ? absl::StrCat("no subject-key secret for region ", region, ": add the region to the subject-key file")
            : "no subject-key secret for a region that is not a two-digit region code");
  }
  identity::ClearOpenSslErrorsOnExit clear_errors;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), secret->second.data(), static_cast<int>(secret->second.size()),
           reinterpret_cast<const unsigned char*>(resource_name.data()), resource_name.size(), mac,
           &length) == nullptr) {
    return absl::InternalError("computing an HMAC-SHA-256 failed");
  }
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(mac), length));
}

}  // namespace samspar::events
