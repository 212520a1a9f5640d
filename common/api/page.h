#ifndef SAMSPAR_COMMON_API_PAGE_H_
#define SAMSPAR_COMMON_API_PAGE_H_

// Paging of every List (common.proto): `page_size`, and `page_token`s that
// hold an offset into the ordered results and are bound to the request that
// made them. A token carries no request value, only the offset and a digest
// of the request's fingerprint; it does not expire.
//
// A List whose request can carry patient identity must not fingerprint
// those fields this way: the personnummer space is small enough to find one
// from its digest by trying them all (see common/audit/page_token.h for a
// token that avoids it).

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace samspar::api {

// Callers fetch `size + 1` rows from `offset` (LIMIT size + 1 OFFSET offset):
// the extra row tells whether there is a next page.
struct Page {
  int offset;
  int size;
};

// page_size: 0 -> 50, above 1000 -> 1000, negative -> INVALID_ARGUMENT,
// reason FIELD_INVALID, field "page_size".
// page_token: empty -> offset 0; otherwise it must have been made by
// NextPageToken with the same `fingerprint`, else INVALID_ARGUMENT, reason
// INVALID_PAGE_TOKEN, field "page_token".
absl::StatusOr<Page> ResolvePage(int32_t page_size, absl::string_view page_token,
                                 absl::string_view fingerprint);

// The token of the page starting at `next_offset`: opaque base64url text.
std::string NextPageToken(absl::string_view fingerprint, int next_offset);

// A digest of the fields of a List request other than `page_size` and
// `page_token` (found by those names), from its deterministic serialization:
// the same on every replica and after a restart.
std::string RequestFingerprint(const google::protobuf::Message& request);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_PAGE_H_
