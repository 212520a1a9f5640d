#include "common/status/grpc_status.h"

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/logging/log.h"
#include "common/privacy/redact.h"
#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace samspar {
namespace {

bool HidesDetail(absl::StatusCode code) {
  return code == absl::StatusCode::kInternal || code == absl::StatusCode::kUnknown ||
         code == absl::StatusCode::kDataLoss;
}

// A short reference that ties a caller's error to the server's log line.
std::string NextErrorReference() {
  static std::atomic<uint64_t> counter{0};
  return absl::StrCat(absl::ToUnixMicros(absl::Now()) % 1000000000, "-", ++counter);
}

std::string CallerMessage(const absl::Status& status) {
  std::string message = privacy::RedactPatientIdentity(status.message());
  if (!HidesDetail(status.code())) return message;
  std::string reference = NextErrorReference();
  log::Error("rpc.internal_error",
             {{"code", absl::StatusCodeToString(status.code())}, {"reference", reference}, {"detail", message}});
  return absl::StrCat("internal error (reference ", reference, ")");
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  std::string message = CallerMessage(status);

  google::rpc::Status details;
  details.set_code(static_cast<int32_t>(status.code()));
  details.set_message(message);

  google::rpc::ErrorInfo info;
  info.set_reason(ReasonOrCode(status));
  info.set_domain(kErrorDomain);
  absl::optional<std::string> field = FieldOf(status);
  if (field.has_value()) (*info.mutable_metadata())["field"] = *field;
  status.ForEachPayload([&info](absl::string_view key, const absl::Cord& value) {
    if (absl::ConsumePrefix(&key, kMetadataPayloadPrefix))
      (*info.mutable_metadata())[std::string(key)] = std::string(value);
  });
  details.add_details()->PackFrom(info);

  if (field.has_value()) {
    google::rpc::BadRequest bad_request;
    auto* violation = bad_request.add_field_violations();
    violation->set_field(*field);
    violation->set_description(message);
    details.add_details()->PackFrom(bad_request);
  }
  if (absl::optional<absl::Duration> delay = RetryDelayOf(status)) {
    google::rpc::RetryInfo retry;
    int64_t millis = absl::ToInt64Milliseconds(*delay);
    retry.mutable_retry_delay()->set_seconds(millis / 1000);
    retry.mutable_retry_delay()->set_nanos(static_cast<int32_t>((millis % 1000) * 1000000));
    details.add_details()->PackFrom(retry);
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), message, details.SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) {
    return result;
  }
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::RetryInfo retry;
    if (any.UnpackTo(&info)) {
      result.SetPayload(kReasonPayloadKey, absl::Cord(info.reason()));
      for (const auto& [key, value] : info.metadata()) {
        result.SetPayload(key == "field" ? std::string(kFieldPayloadKey) : absl::StrCat(kMetadataPayloadPrefix, key),
                          absl::Cord(value));
      }
    } else if (any.UnpackTo(&retry)) {
      absl::Duration delay =
          absl::Seconds(retry.retry_delay().seconds()) + absl::Nanoseconds(retry.retry_delay().nanos());
      result.SetPayload(kRetryDelayPayloadKey, absl::Cord(absl::StrCat(absl::ToInt64Milliseconds(delay))));
    }
  }
  return result;
}

}  // namespace samspar
