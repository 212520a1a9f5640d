#include "common/ids/hsa_id.h"

#include <ostream>
#include <string>

#include "absl/hash/hash_testing.h"
#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace samspar::ids {
namespace {

using ::testing::Optional;

struct ValidCase {
  std::string text;
  std::string value;

  friend void PrintTo(const ValidCase& c, std::ostream* out) { *out << c.text; }
};

class ValidHsaIdTest : public ::testing::TestWithParam<ValidCase> {};

TEST_P(ValidHsaIdTest, ParsesToUpperCase) {
  absl::StatusOr<HsaId> parsed = HsaId::Parse(GetParam().text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->value(), GetParam().value);
}

INSTANTIATE_TEST_SUITE_P(
    HsaId, ValidHsaIdTest,
    ::testing::Values(ValidCase{"SE2321000016-15CQ", "SE2321000016-15CQ"},
                      ValidCase{"se2321000016-15cq", "SE2321000016-15CQ"},
                      ValidCase{"SE162321000016-15CQ", "SE162321000016-15CQ"},
                      ValidCase{"SE2321000016-1", "SE2321000016-1"},
                      // the longest: 31 characters
                      ValidCase{"SE2321000016-ABCDEFGHIJ12345678",
                                "SE2321000016-ABCDEFGHIJ12345678"},
                      ValidCase{"SE162321000016-ABCDEFGH12345678",
                                "SE162321000016-ABCDEFGH12345678"}));

struct InvalidCase {
  std::string text;
  absl::string_view reason;

  friend void PrintTo(const InvalidCase& c, std::ostream* out) {
    *out << '"' << absl::CHexEscape(c.text) << '"';
  }
};

class InvalidHsaIdTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidHsaIdTest, RejectsWithReason) {
  absl::StatusOr<HsaId> parsed = HsaId::Parse(GetParam().text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ReasonOf(parsed.status()),
              Optional(std::string(GetParam().reason)));
  EXPECT_THAT(std::string(parsed.status().message()),
              ::testing::StartsWith("hsa-id: "));
}

INSTANTIATE_TEST_SUITE_P(
    HsaId, InvalidHsaIdTest,
    ::testing::Values(
        InvalidCase{"", kHsaIdBadFormat},
        InvalidCase{"2321000016-15CQ", kHsaIdBadFormat},
        InvalidCase{"SV2321000016-15CQ", kHsaIdBadFormat},
        InvalidCase{"SE2321000016", kHsaIdBadFormat},
        InvalidCase{"SE2321000016-", kHsaIdBadFormat},
        InvalidCase{"SE2321000016-15_CQ", kHsaIdBadFormat},
        InvalidCase{"SE2321000016-15 CQ", kHsaIdBadFormat},
        InvalidCase{"SE2321000016-15CQ-1", kHsaIdBadFormat},
        InvalidCase{" SE2321000016-15CQ", kHsaIdBadFormat},
        InvalidCase{"SE2321000016-\xc3\x85", kHsaIdBadFormat},  // Å
        InvalidCase{"SE232100001-15CQ", kHsaIdBadFormat},
        InvalidCase{"SE23210000A6-15CQ", kHsaIdBadFormat},
        InvalidCase{"SE172321000016-15CQ", kHsaIdBadFormat},
        InvalidCase{"SE2321000016-ABCDEFGHIJ123456789", kHsaIdBadFormat},
        InvalidCase{"SE2321000017-15CQ", kHsaIdBadOrganisationNumber},
        InvalidCase{"SE162321000017-15CQ", kHsaIdBadOrganisationNumber}));

TEST(HsaIdTest, EqualRegardlessOfInputCase) {
  absl::StatusOr<HsaId> upper = HsaId::Parse("SE2321000016-15CQ");
  absl::StatusOr<HsaId> lower = HsaId::Parse("se2321000016-15cq");
  absl::StatusOr<HsaId> other = HsaId::Parse("SE2321000016-15CR");
  ASSERT_TRUE(upper.ok() && lower.ok() && other.ok());
  EXPECT_TRUE(*upper == *lower);
  EXPECT_FALSE(*upper == *other);
  EXPECT_TRUE(
      absl::VerifyTypeImplementsAbslHashCorrectly({*upper, *lower, *other}));
}

}  // namespace
}  // namespace samspar::ids
