#ifndef SAMSPAR_COMMON_STORE_REMEMBERED_RESPONSE_H_
#define SAMSPAR_COMMON_STORE_REMEMBERED_RESPONSE_H_

// request_id for the imports (ImportDirectory, ImportShifts). request_ids
// keeps one text per request, made for the name of the resource a create
// made. An import makes many, so it keeps its whole first response instead
// (serialized, in base64 to fit the text column), and a retry answers
// exactly as the first call did.

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/sql/database.h"
#include "common/store/request_ids.h"
#include "google/protobuf/message_lite.h"

namespace samspar::store {

// The response of an earlier request with `key`'s id, or nullopt when the id
// is new. ALREADY_EXISTS (REQUEST_ID_REUSED) when it came with another body.
template <typename Response>
absl::StatusOr<absl::optional<Response>> EarlierResponse(sql::Executor& executor, const RequestKey& key) {
  absl::StatusOr<absl::optional<std::string>> earlier = EarlierResult(executor, key);
  if (!earlier.ok()) return earlier.status();
  if (!earlier->has_value()) return absl::nullopt;
  std::string bytes;
  Response response;
  if (!absl::Base64Unescape(**earlier, &bytes) || !response.ParseFromString(bytes)) {
    return absl::InternalError("the stored result of the earlier request with this request_id cannot be read");
  }
  return absl::optional<Response>(std::move(response));
}

// Remembers that the request with `key`'s id was answered with `response`.
inline absl::Status RememberResponse(sql::Executor& executor, const RequestKey& key,
                                     const google::protobuf::MessageLite& response, absl::Time now) {
  return RememberResult(executor, key, absl::Base64Escape(response.SerializeAsString()), now);
}

}  // namespace samspar::store

#endif  // SAMSPAR_COMMON_STORE_REMEMBERED_RESPONSE_H_
