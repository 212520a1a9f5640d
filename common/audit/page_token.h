#ifndef SAMSPAR_COMMON_AUDIT_PAGE_TOKEN_H_
#define SAMSPAR_COMMON_AUDIT_PAGE_TOKEN_H_

// The page token of SearchAccessLog. It must not reveal whose log was
// searched, so it carries no patient identity, not even a hash of one (the
// personnummer space is small enough to reverse any hash by trying them
// all). It holds:
// - the id of the last entry returned: the next page continues after it,
//   and the search checks that this entry is one the request selects, which
//   is what ties the token to the patient searched for;
// - the start of the time window the first page resolved ("the last 30
//   days" must not move between pages);
// - a fingerprint of the request's other fields (none of them patient
//   data), so a changed request is refused.
// Tokens do not expire: they hold positions in an append-only log.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace samspar::audit {

struct PageToken {
  std::string after_entry_id = {};
  absl::Time since = {};
  std::string fingerprint = {};
};

// base64url text, opaque to clients.
std::string EncodePageToken(const PageToken& token);

// INVALID_ARGUMENT with reason INVALID_PAGE_TOKEN (field "page_token") for
// anything EncodePageToken did not make.
absl::StatusOr<PageToken> DecodePageToken(absl::string_view text);

// A short, stable digest of `fields` (the same on every replica and after a
// restart). The fields must not be patient data.
std::string Fingerprint(const std::vector<std::string>& fields);

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_PAGE_TOKEN_H_
