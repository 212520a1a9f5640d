#include "common/status/errors.h"

#include <cstdint>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace samspar {
namespace {

absl::optional<std::string> Payload(const absl::Status& status, absl::string_view key) {
  absl::optional<absl::Cord> value = status.GetPayload(key);
  if (!value.has_value()) return absl::nullopt;
  return std::string(*value);
}

// Copies every payload of `from` onto `to`.
void CopyPayloads(const absl::Status& from, absl::Status& to) {
  from.ForEachPayload([&to](absl::string_view key, const absl::Cord& value) { to.SetPayload(key, value); });
}

}  // namespace

absl::Status Error(absl::StatusCode code, absl::string_view reason, absl::string_view message) {
  absl::Status status(code, message);
  status.SetPayload(kReasonPayloadKey, absl::Cord(reason));
  return status;
}

absl::Status FieldError(absl::string_view field, absl::string_view reason, absl::string_view message) {
  absl::Status status = Error(absl::StatusCode::kInvalidArgument, reason, absl::StrCat(field, ": ", message));
  status.SetPayload(kFieldPayloadKey, absl::Cord(field));
  return status;
}

absl::Status AtField(absl::Status status, absl::string_view field) {
  if (status.ok()) return status;
  absl::Status attributed(status.code(), absl::StrCat(field, ": ", status.message()));
  CopyPayloads(status, attributed);
  attributed.SetPayload(kFieldPayloadKey, absl::Cord(field));
  return attributed;
}

absl::Status RetryableError(absl::StatusCode code, absl::string_view reason, absl::string_view message,
                            absl::Duration retry_after) {
  absl::Status status = Error(code, reason, message);
  status.SetPayload(kRetryDelayPayloadKey, absl::Cord(absl::StrCat(absl::ToInt64Milliseconds(retry_after))));
  return status;
}

absl::Status WithMetadata(absl::Status status, absl::string_view key, absl::string_view value) {
  if (!status.ok()) status.SetPayload(absl::StrCat(kMetadataPayloadPrefix, key), absl::Cord(value));
  return status;
}

absl::optional<std::string> MetadataOf(const absl::Status& status, absl::string_view key) {
  return Payload(status, absl::StrCat(kMetadataPayloadPrefix, key));
}

absl::optional<std::string> ReasonOf(const absl::Status& status) { return Payload(status, kReasonPayloadKey); }

absl::optional<std::string> FieldOf(const absl::Status& status) { return Payload(status, kFieldPayloadKey); }

absl::optional<absl::Duration> RetryDelayOf(const absl::Status& status) {
  absl::optional<std::string> text = Payload(status, kRetryDelayPayloadKey);
  int64_t millis = 0;
  if (!text.has_value() || !absl::SimpleAtoi(*text, &millis)) return absl::nullopt;
  return absl::Milliseconds(millis);
}

std::string ReasonOrCode(const absl::Status& status) {
  if (absl::optional<std::string> reason = ReasonOf(status)) return *reason;
  return absl::StatusCodeToString(status.code());
}

}  // namespace samspar
