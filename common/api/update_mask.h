#ifndef SAMSPAR_COMMON_API_UPDATE_MASK_H_
#define SAMSPAR_COMMON_API_UPDATE_MASK_H_

// Update (common.proto, "Update"): `update_mask` names the top-level fields
// to replace; when unset, every field the client set is replaced; `*`
// replaces every mutable field. Unknown or output-only paths are refused
// with INVALID_UPDATE_MASK; a change to an immutable field with
// IMMUTABLE_FIELD (sending its current value is fine).

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"

namespace samspar::api {

struct FieldRules {
  // Set by the server: ignored when sent without a mask, refused in a mask.
  // `name` and `etag` are always treated so.
  absl::flat_hash_set<std::string> output_only = {};
  absl::flat_hash_set<std::string> immutable = {};
};

// `current` with the fields of `patch` that `mask` selects. `field_prefix`
// is the request field holding the resource (e.g. "unit"), for errors.
absl::Status ApplyUpdate(const google::protobuf::Message& patch, const google::protobuf::FieldMask& mask,
                         const FieldRules& rules, absl::string_view field_prefix,
                         google::protobuf::Message& current);

}  // namespace samspar::api

#endif  // SAMSPAR_COMMON_API_UPDATE_MASK_H_
