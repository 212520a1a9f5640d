#include "common/ids/luhn.h"

#include <string>

#include "gtest/gtest.h"

namespace samspar::ids {
namespace {

TEST(LuhnTest, AcceptsNumbersWithTheirCheckDigit) {
  EXPECT_TRUE(PassesLuhnCheck("8112189876"));   // Skatteverket's example
  EXPECT_TRUE(PassesLuhnCheck("2321000016"));   // an organisationsnummer
  EXPECT_TRUE(PassesLuhnCheck("79927398713"));  // odd length
}

TEST(LuhnTest, CatchesEverySingleDigitChange) {
  const std::string valid = "8112189876";
  for (size_t i = 0; i < valid.size(); ++i) {
    for (char digit = '0'; digit <= '9'; ++digit) {
      if (digit == valid[i]) continue;
      std::string changed = valid;
      changed[i] = digit;
      EXPECT_FALSE(PassesLuhnCheck(changed)) << changed;
    }
  }
}

TEST(LuhnTest, CatchesSwappedNeighbours) {
  EXPECT_FALSE(PassesLuhnCheck("1812189876"));
  EXPECT_FALSE(PassesLuhnCheck("8112189867"));
}

TEST(LuhnTest, RejectsWhatIsNotDigits) {
  EXPECT_FALSE(PassesLuhnCheck(""));
  EXPECT_FALSE(PassesLuhnCheck("811218-9876"));
  EXPECT_FALSE(PassesLuhnCheck(" 8112189876"));
}

}  // namespace
}  // namespace samspar::ids
