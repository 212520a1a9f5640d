#include "common/ids/resource_id.h"

#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace samspar::ids {
namespace {

const absl::Time kTime = absl::FromUnixMillis(1'780'000'000'000);

bool HasTenDigitRun(const std::string& id) {
  int run = 0;
  for (char c : id) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run >= 10) return true;
  }
  return false;
}

bool IsLowercaseUlid(const std::string& id) {
  if (id.size() != 26) return false;
  for (char c : id) {
    if (!absl::StrContains("0123456789abcdefghjkmnpqrstvwxyz", c)) return false;
  }
  return true;
}

TEST(ResourceIdTest, IsALowercaseUlidWithoutATenDigitRun) {
  for (int i = 0; i < 20000; ++i) {
    std::string id = NewResourceId(kTime + absl::Milliseconds(i));
    ASSERT_TRUE(IsLowercaseUlid(id)) << id;
    ASSERT_FALSE(HasTenDigitRun(id)) << id;
  }
}

TEST(ResourceIdTest, AMillisecondWrittenInDigitsOnlyDoesNotMakeOne) {
  // The epoch's millisecond is "0000000000" in base 32.
  std::string id = NewResourceId(absl::UnixEpoch());
  EXPECT_TRUE(IsLowercaseUlid(id)) << id;
  EXPECT_FALSE(HasTenDigitRun(id)) << id;
}

TEST(ResourceIdTest, SortsByTimeAndIsNeverRepeated) {
  std::string earlier = NewResourceId(kTime);
  std::string later = NewResourceId(kTime + absl::Milliseconds(1));
  EXPECT_LT(earlier, later);
  EXPECT_NE(NewResourceId(kTime), NewResourceId(kTime));
}

TEST(ResourceIdTest, ADerivedIdIsAFunctionOfItsKeyAlone) {
  std::string id = DerivedResourceId("regions/06/lines/a|SE2321000057-P1|rotation|1774764000");
  EXPECT_TRUE(IsLowercaseUlid(id)) << id;
  EXPECT_EQ(id, DerivedResourceId("regions/06/lines/a|SE2321000057-P1|rotation|1774764000"));
  EXPECT_NE(id, DerivedResourceId("regions/06/lines/a|SE2321000057-P1|rotation|1774767600"));
  // Fixed across releases (the first 130 bits of SHA-256 in base 32):
  // calendar apps keep events by this id.
  EXPECT_EQ(DerivedResourceId("duty"), "ker9j55h2ynaja1q6j2nfryynd");
}

TEST(ResourceIdTest, DerivedIdsNeverSpellALongDigitRun) {
  for (int i = 0; i < 20000; ++i) {
    std::string id = DerivedResourceId(std::to_string(i));
    ASSERT_TRUE(IsLowercaseUlid(id)) << id;
    ASSERT_FALSE(HasTenDigitRun(id)) << id;
  }
}

}  // namespace
}  // namespace samspar::ids
