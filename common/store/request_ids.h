#ifndef SAMSPAR_COMMON_STORE_REQUEST_IDS_H_
#define SAMSPAR_COMMON_STORE_REQUEST_IDS_H_

// `request_id` (common.proto, "Create and request_id"): a retried create
// returns what the first one created; the same id with another body is
// refused. Kept in each service's database, in the transaction of the create,
// in a table
//   request_ids (region TEXT, method TEXT, request_id TEXT,
//                fingerprint TEXT, resource_name TEXT, create_time BIGINT,
//                PRIMARY KEY (region, method, request_id)).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/sql/database.h"

namespace samspar::store {

// The table, for a service's migrations.
inline constexpr char kRequestIdsTableSql[] =
    "CREATE TABLE request_ids ("
    "  region TEXT NOT NULL, method TEXT NOT NULL, request_id TEXT NOT NULL,"
    "  fingerprint TEXT NOT NULL, resource_name TEXT NOT NULL, create_time BIGINT NOT NULL,"
    "  PRIMARY KEY (region, method, request_id));";

// INVALID_ARGUMENT (FIELD_INVALID, field "request_id") unless `request_id` is
// empty or a UUID in its RFC 4122 text form.
absl::Status ValidateRequestId(absl::string_view request_id, absl::string_view field = "request_id");

struct RequestKey {
  std::string region;
  std::string method;  // e.g. "CreateLine"
  std::string request_id;
  std::string fingerprint;  // of the request body (api::RequestFingerprint)
};

// The resource a request with this id created before, or nullopt when the id
// is new. ALREADY_EXISTS (REQUEST_ID_REUSED) when it came with another body.
absl::StatusOr<absl::optional<std::string>> EarlierResult(sql::Executor& executor, const RequestKey& key);

// Remembers that the request created `resource_name`.
absl::Status RememberResult(sql::Executor& executor, const RequestKey& key, absl::string_view resource_name,
                            absl::Time now);

}  // namespace samspar::store

#endif  // SAMSPAR_COMMON_STORE_REQUEST_IDS_H_
