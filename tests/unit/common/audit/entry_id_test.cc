#include "common/audit/entry_id.h"

#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace samspar::audit {
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

TEST(EntryIdTest, IsALowercaseUlidWithoutATenDigitRun) {
  for (int i = 0; i < 20000; ++i) {
    std::string id = NewEntryId(kTime + absl::Milliseconds(i));
    ASSERT_TRUE(IsLowercaseUlid(id)) << id;
    ASSERT_FALSE(HasTenDigitRun(id)) << id;
  }
}

TEST(EntryIdTest, AMillisecondWrittenInDigitsOnlyDoesNotMakeOne) {
  // The epoch's millisecond is "0000000000" in base 32.
  std::string id = NewEntryId(absl::UnixEpoch());
  EXPECT_TRUE(IsLowercaseUlid(id)) << id;
  EXPECT_FALSE(HasTenDigitRun(id)) << id;
}

TEST(EntryIdTest, SortsByTimeAndIsNeverRepeated) {
  std::string earlier = NewEntryId(kTime);
  std::string later = NewEntryId(kTime + absl::Milliseconds(1));
  EXPECT_LT(earlier, later);
  EXPECT_NE(NewEntryId(kTime), NewEntryId(kTime));
}

}  // namespace
}  // namespace samspar::audit
