#include "common/status/grpc_status.h"

#include <string>

#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace samspar {
namespace {

google::rpc::Status DetailsOf(const grpc::Status& status) {
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(status.error_details()));
  return details;
}

TEST(ToGrpcStatus, OkIsOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok()); }

TEST(ToGrpcStatus, FieldErrorBecomesInvalidArgumentWithErrorInfoAndBadRequest) {
  grpc::Status status =
      ToGrpcStatus(FieldError("line.phone", "BAD_PHONE_NUMBER", "not a phone number"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "line.phone: not a phone number");

  google::rpc::Status details = DetailsOf(status);
  EXPECT_EQ(details.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_EQ(details.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "BAD_PHONE_NUMBER");
  EXPECT_EQ(info.domain(), "samspar.se");
  EXPECT_EQ(info.metadata().at("field"), "line.phone");
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(1).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "line.phone");
}

TEST(ToGrpcStatus, MetadataTravelsInErrorInfoAndBack) {
  absl::Status refused = WithMetadata(
      WithMetadata(Error(absl::StatusCode::kFailedPrecondition, "NO_ONE_ON_CALL", "nobody is on call"), "line",
                   "regions/06/lines/bakjour"),
      "fallback_phone", "+4636321000");
  grpc::Status status = ToGrpcStatus(refused);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(DetailsOf(status).details(0).UnpackTo(&info));
  EXPECT_EQ(info.metadata().at("line"), "regions/06/lines/bakjour");
  EXPECT_EQ(info.metadata().at("fallback_phone"), "+4636321000");
  EXPECT_EQ(info.metadata().count("field"), 0u);

  absl::Status back = FromGrpcStatus(status);
  EXPECT_EQ(ReasonOf(back), "NO_ONE_ON_CALL");
  EXPECT_EQ(MetadataOf(back, "fallback_phone"), "+4636321000");
  EXPECT_EQ(MetadataOf(back, "line"), "regions/06/lines/bakjour");
  EXPECT_FALSE(MetadataOf(back, "state").has_value());
}

TEST(ToGrpcStatus, EveryAbslCodeMapsToTheSameGrpcCode) {
  for (int code = 1; code <= 16; ++code) {
    absl::Status status(static_cast<absl::StatusCode>(code), "x");
    EXPECT_EQ(static_cast<int>(ToGrpcStatus(status).error_code()), code);
  }
}

TEST(ToGrpcStatus, ReasonDefaultsToTheCodeName) {
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(
      DetailsOf(ToGrpcStatus(absl::NotFoundError("no such unit"))).details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "NOT_FOUND");
}

TEST(ToGrpcStatus, RetryDelayBecomesRetryInfo) {
  grpc::Status status = ToGrpcStatus(RetryableError(
      absl::StatusCode::kResourceExhausted, "RATE_LIMITED", "slow down", absl::Milliseconds(2500)));
  google::rpc::Status details = DetailsOf(status);
  google::rpc::RetryInfo retry;
  ASSERT_TRUE(details.details(1).UnpackTo(&retry));
  EXPECT_EQ(retry.retry_delay().seconds(), 2);
  EXPECT_EQ(retry.retry_delay().nanos(), 500000000);
}

TEST(ToGrpcStatus, NeverCarriesAPersonnummerInTheMessage) {
  grpc::Status status = ToGrpcStatus(
      absl::InvalidArgumentError("patient 19890101-9802 is not a participant"));
  EXPECT_EQ(status.error_message(), "patient [personnummer] is not a participant");
  EXPECT_EQ(status.error_details().find("19890101"), std::string::npos);
}

TEST(ToGrpcStatus, InternalDetailStaysOnTheServer) {
  grpc::Status status = ToGrpcStatus(absl::InternalError("no such table: consults"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message().find("consults"), std::string::npos);
  EXPECT_NE(status.error_message().find("reference"), std::string::npos);
}

TEST(FromGrpcStatus, RestoresCodeReasonFieldAndDelay) {
  absl::Status original = AtField(
      RetryableError(absl::StatusCode::kUnavailable, "ROSTER_DOWN", "roster is down",
                     absl::Seconds(3)),
      "consult.target");
  absl::Status restored = FromGrpcStatus(ToGrpcStatus(original));
  EXPECT_EQ(restored.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(restored.message(), original.message());
  EXPECT_EQ(ReasonOf(restored), "ROSTER_DOWN");
  EXPECT_EQ(FieldOf(restored), "consult.target");
  EXPECT_EQ(RetryDelayOf(restored), absl::Seconds(3));
}

TEST(FromGrpcStatus, PlainStatusWithoutDetailsKeepsCodeAndMessage) {
  absl::Status restored =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "deadline"));
  EXPECT_EQ(restored.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(restored.message(), "deadline");
  EXPECT_EQ(ReasonOf(restored), absl::nullopt);
}

}  // namespace
}  // namespace samspar
