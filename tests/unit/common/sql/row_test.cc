#include "common/sql/row.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::sql {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

Row UnitRow() {
  auto names = std::make_shared<const std::vector<std::string>>(
      std::vector<std::string>{"hsa_id", "beds", "closed_at", "load"});
  return Row(names, {Value("SE2321000016-15CQ"), Value(12), Value(), Value(0.75)});
}

TEST(RowTest, ReadsColumnsByIndexAndByNameIgnoringCase) {
  Row row = UnitRow();
  EXPECT_EQ(row.GetText(0).value(), "SE2321000016-15CQ");
  EXPECT_EQ(row.GetInt64("beds").value(), 12);
  EXPECT_EQ(row.GetInt64("BEDS").value(), 12);
  EXPECT_DOUBLE_EQ(row.GetDouble("load").value(), 0.75);
}

TEST(RowTest, WrongTypeIsAnErrorNamingTheColumn) {
  absl::StatusOr<int64_t> beds = UnitRow().GetInt64("hsa_id");
  EXPECT_EQ(beds.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(beds.status().message(), HasSubstr("hsa_id"));
  EXPECT_THAT(beds.status().message(), HasSubstr("TEXT"));
}

TEST(RowTest, NullIsAnErrorForPlainGettersAndEmptyForOptionalOnes) {
  Row row = UnitRow();
  EXPECT_EQ(row.GetInt64("closed_at").status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(row.GetOptionalInt64("closed_at").value(), std::nullopt);
  EXPECT_THAT(row.GetOptionalInt64("beds").value(), Optional(12));
  EXPECT_EQ(row.GetOptionalInt64("hsa_id").status().code(), absl::StatusCode::kInternal);
}

TEST(RowTest, DoubleGetterAcceptsAnInteger) {
  EXPECT_DOUBLE_EQ(UnitRow().GetDouble("beds").value(), 12.0);
}

TEST(RowTest, UnknownColumnAndBadIndexAreErrors) {
  Row row = UnitRow();
  absl::StatusOr<std::string> missing = row.GetText("hsaid");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(missing.status().message(), HasSubstr("hsaid"));
  EXPECT_EQ(row.GetText(4).status().code(), absl::StatusCode::kInternal);
}

TEST(ValueTest, OptionalParameterBindsNullOrItsValue) {
  EXPECT_TRUE(Value(std::optional<int64_t>()).is_null());
  EXPECT_EQ(Value(std::optional<std::string>("x")), Value("x"));
}

TEST(ValueTest, TextAndBlobWithTheSameBytesDiffer) {
  EXPECT_NE(Value("abc"), Value(Blob{"abc"}));
  EXPECT_EQ(Value(Blob{"abc"}).AsText().status().code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace samspar::sql
