#include "common/store/request_ids.h"

#include "absl/strings/ascii.h"
#include "common/status/errors.h"

namespace samspar::store {

absl::Status ValidateRequestId(absl::string_view request_id, absl::string_view field) {
  if (request_id.empty()) return absl::OkStatus();
  bool uuid = request_id.size() == 36;
  for (size_t i = 0; uuid && i < request_id.size(); ++i) {
    bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    uuid = dash_position ? request_id[i] == '-' : absl::ascii_isxdigit(static_cast<unsigned char>(request_id[i]));
  }
  if (uuid) return absl::OkStatus();
  return FieldError(field, "FIELD_INVALID", "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000");
}

absl::StatusOr<absl::optional<std::string>> EarlierResult(sql::Executor& executor, const RequestKey& key) {
  if (key.request_id.empty()) return absl::nullopt;
  absl::StatusOr<std::vector<sql::Row>> rows = executor.Query(
      "SELECT fingerprint, resource_name FROM request_ids WHERE region = ? AND method = ? AND request_id = ?",
      {key.region, key.method, absl::AsciiStrToLower(key.request_id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::nullopt;
  absl::StatusOr<std::string> fingerprint = rows->front().GetText("fingerprint");
  if (!fingerprint.ok()) return fingerprint.status();
  if (*fingerprint != key.fingerprint) {
    return Error(absl::StatusCode::kAlreadyExists, "REQUEST_ID_REUSED",
                 "request_id was used before with a different request");
  }
  absl::StatusOr<std::string> name = rows->front().GetText("resource_name");
  if (!name.ok()) return name.status();
  return absl::optional<std::string>(*name);
}

absl::Status RememberResult(sql::Executor& executor, const RequestKey& key, absl::string_view resource_name,
                            absl::Time now) {
  if (key.request_id.empty()) return absl::OkStatus();
  return executor
      .Execute(
          "INSERT INTO request_ids (region, method, request_id, fingerprint, resource_name, create_time) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {key.region, key.method, absl::AsciiStrToLower(key.request_id), key.fingerprint, resource_name,
           absl::ToUnixMicros(now)})
      .status();
}

}  // namespace samspar::store
