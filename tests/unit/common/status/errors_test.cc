#include "common/status/errors.h"

#include "gtest/gtest.h"

namespace samspar {
namespace {

TEST(Errors, FieldErrorNamesTheFieldInMessageAndPayload) {
  absl::Status status = FieldError("consult.question", "EMPTY_QUESTION", "must not be empty");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "consult.question: must not be empty");
  EXPECT_EQ(ReasonOf(status), "EMPTY_QUESTION");
  EXPECT_EQ(FieldOf(status), "consult.question");
}

TEST(Errors, AtFieldKeepsCodeAndReasonOfAParserError) {
  absl::Status parser = Error(absl::StatusCode::kInvalidArgument, "PERSONNUMMER_BAD_CHECK_DIGIT",
                              "check digit does not match");
  absl::Status status = AtField(parser, "consult.patient.value");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "consult.patient.value: check digit does not match");
  EXPECT_EQ(ReasonOf(status), "PERSONNUMMER_BAD_CHECK_DIGIT");
  EXPECT_EQ(FieldOf(status), "consult.patient.value");
  EXPECT_TRUE(AtField(absl::OkStatus(), "x").ok());
}

TEST(Errors, RetryableErrorCarriesTheDelay) {
  absl::Status status = RetryableError(absl::StatusCode::kResourceExhausted, "RATE_LIMITED",
                                       "too many requests", absl::Milliseconds(1500));
  EXPECT_EQ(RetryDelayOf(status), absl::Milliseconds(1500));
  EXPECT_EQ(RetryDelayOf(absl::UnavailableError("x")), absl::nullopt);
}

TEST(Errors, EveryErrorHasAReasonEvenWithoutOne) {
  EXPECT_EQ(ReasonOrCode(absl::NotFoundError("no such line")), "NOT_FOUND");
  EXPECT_EQ(ReasonOrCode(Error(absl::StatusCode::kFailedPrecondition, "LINE_CLOSED", "closed")),
            "LINE_CLOSED");
}

}  // namespace
}  // namespace samspar
