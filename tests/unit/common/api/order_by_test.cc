#include "common/api/order_by.h"

#include <string>

#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::api {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const OrderField kFields[] = {
    {.name = "display_name", .column = "display_name"},
    {.name = "update_time", .column = "update_micros"},
    {.name = "hsa_id", .column = "hsa_id"},
};

absl::StatusOr<std::string> Clause(absl::string_view text) {
  return OrderByClause(text, kFields, "display_name", "hsa_id");
}

TEST(OrderByTest, EmptyMeansTheDefaultOrder) {
  EXPECT_EQ(Clause("").value_or("error"), "display_name, hsa_id");
  EXPECT_EQ(Clause("  ").value_or("error"), "display_name, hsa_id");
  EXPECT_EQ(OrderByClause("", kFields, "", "id").value_or("error"), "id");
}

TEST(OrderByTest, FieldsBecomeTheirColumnsAndEndWithTheTieBreaker) {
  EXPECT_EQ(Clause("display_name, update_time desc").value_or("error"),
            "display_name, update_micros DESC, hsa_id");
  EXPECT_EQ(Clause("update_time DESC").value_or("error"), "update_micros DESC, hsa_id");
  EXPECT_EQ(Clause("  update_time   desc ,display_name ").value_or("error"),
            "update_micros DESC, display_name, hsa_id");
  EXPECT_EQ(Clause("hsa_id desc").value_or("error"), "hsa_id DESC, hsa_id");
}

void ExpectInvalidOrderBy(absl::string_view text, absl::string_view message_part = "") {
  absl::StatusOr<std::string> clause = Clause(text);
  ASSERT_FALSE(clause.ok()) << text;
  EXPECT_EQ(clause.status().code(), absl::StatusCode::kInvalidArgument) << text;
  EXPECT_EQ(ReasonOf(clause.status()), "INVALID_ORDER_BY") << text;
  EXPECT_EQ(FieldOf(clause.status()), "order_by") << text;
  EXPECT_THAT(clause.status().message(), HasSubstr(message_part)) << text;
}

TEST(OrderByTest, SyntaxErrorsAreRefused) {
  for (absl::string_view text : {"display_name,", ",display_name", "display_name asc",
                                 "display_name desc update_time", "display_name,,hsa_id"}) {
    ExpectInvalidOrderBy(text, "is not `field` or `field desc`");
  }
}

TEST(OrderByTest, UnknownFieldsAreNamed) {
  ExpectInvalidOrderBy("display_name, colour desc", "unknown field \"colour\" (item 2)");
  ExpectInvalidOrderBy("display_name;DROP", "unknown field item 1");
  ExpectInvalidOrderBy("Display_Name", "display_name, update_time, hsa_id");
}

TEST(OrderByTest, DuplicatesAreRefused) {
  ExpectInvalidOrderBy("display_name, update_time, display_name desc", "named twice");
}

TEST(OrderByTest, APersonnummerWrittenAsAFieldIsNotEchoed) {
  for (absl::string_view text : {"19121212-1212", "x.191212121212 desc"}) {
    ExpectInvalidOrderBy(text, "unknown field item 1");
    EXPECT_THAT(Clause(text).status().message(), Not(HasSubstr("1212")));
  }
}

}  // namespace
}  // namespace samspar::api
