#include "common/api/search_text.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace samspar::api {
namespace {

TEST(FoldForSearchTest, LowersAsciiAndSwedishLetters) {
  EXPECT_EQ(FoldForSearch("ÅSA Älmhult ÖSTRA Éka"), "åsa älmhult östra éka");
  EXPECT_EQ(FoldForSearch("MÜLLER ØRSTED"), "müller ørsted");
  EXPECT_EQ(FoldForSearch("Vårdcentralen Bra Liv"), "vårdcentralen bra liv");
  EXPECT_EQ(FoldForSearch("åäöé"), "åäöé");
}

TEST(FoldForSearchTest, LeavesEverythingElseAsItIs) {
  EXPECT_EQ(FoldForSearch("3 × 4 = 12 %_|"), "3 × 4 = 12 %_|");
  EXPECT_EQ(FoldForSearch("ΩЖ"), "ΩЖ");
  EXPECT_EQ(FoldForSearch(""), "");
}

TEST(DelimitedListTest, WrapsEveryValueInDelimiters) {
  EXPECT_EQ(DelimitedList(std::vector<std::string>{"a", "b", "c"}), "|a|b|c|");
  EXPECT_EQ(DelimitedList(std::vector<std::string>{"cardiology"}), "|cardiology|");
  EXPECT_EQ(DelimitedList(std::vector<int>{1, 4}), "|1|4|");
  EXPECT_EQ(DelimitedList(std::vector<std::string>{}), "");
  EXPECT_EQ(DelimitedList(std::vector<int>{}), "");
}

TEST(DelimitedListTest, NoValueCanContainTheDelimiter) {
  EXPECT_EQ(DelimitedList(std::vector<std::string>{"a|b", "50%"}), "|a%7Cb|50%25|");
  EXPECT_NE(DelimitedList(std::vector<std::string>{"a|b"}),
            DelimitedList(std::vector<std::string>{"a", "b"}));
  EXPECT_NE(DelimitedList(std::vector<std::string>{"%7C"}),
            DelimitedList(std::vector<std::string>{"|"}));
}

}  // namespace
}  // namespace samspar::api
