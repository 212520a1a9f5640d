#include "common/identity/base64url.h"

#include <string>

#include "gtest/gtest.h"

namespace samspar::identity {
namespace {

TEST(Base64Url, EncodesTheRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, UsesTheUrlSafeAlphabet) {
  EXPECT_EQ(Base64UrlEncode("\xfb\xff\xbf"), "-_-_");
  EXPECT_EQ(Base64UrlDecode("-_-_"), std::string("\xfb\xff\xbf"));
}

TEST(Base64Url, RoundTripsEveryByteValue) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (size_t length = 0; length <= bytes.size(); length += 37) {
    const std::string prefix = bytes.substr(0, length);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(prefix)), prefix) << length;
  }
}

TEST(Base64Url, RefusesPadding) {
  EXPECT_EQ(Base64UrlDecode("Zg=="), absl::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm8="), absl::nullopt);
}

TEST(Base64Url, RefusesCharactersOutsideTheAlphabet) {
  EXPECT_EQ(Base64UrlDecode("+/+/"), absl::nullopt);  // plain base64
  EXPECT_EQ(Base64UrlDecode("Zm9v Yg"), absl::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm9v\nYg"), absl::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm9v.Yg"), absl::nullopt);
}

TEST(Base64Url, RefusesALengthThatCannotHoldWholeBytes) {
  EXPECT_EQ(Base64UrlDecode("Z"), absl::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm9vY"), absl::nullopt);
}

TEST(Base64Url, RefusesASecondSpellingOfTheSameBytes) {
  EXPECT_EQ(Base64UrlDecode("QQ"), std::string("A"));
  EXPECT_EQ(Base64UrlDecode("QR"), absl::nullopt);  // unused low bits set
  EXPECT_EQ(Base64UrlDecode("QUF"), absl::nullopt);
}

}  // namespace
}  // namespace samspar::identity
