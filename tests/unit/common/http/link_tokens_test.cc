// Link tokens: a token opens the link it was issued for, under the key and
// purpose it was issued with, until it expires, and nothing else.

#include "common/http/link_tokens.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace samspar::http {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'795'000'000);
constexpr char kPurpose[] = "samspar-calendar-feed";
constexpr char kLine[] = "regions/06/lines/01j5q2r7kx9m4t3c8v6wzfhn2b";

TEST(LinkTokensTest, ATokenOpensItsOwnFeedUntilItExpires) {
  absl::StatusOr<LinkTokens> tokens = LinkTokens::FromKey(std::string(32, 's'), kPurpose);
  ASSERT_TRUE(tokens.ok());
  const std::string token = tokens->Issue(kLine, kNow + absl::Hours(24));
  EXPECT_TRUE(tokens->Verify(token, kLine, kNow).ok());
  EXPECT_TRUE(tokens->Verify(token, kLine, kNow + absl::Hours(23)).ok());
  absl::Status expired = tokens->Verify(token, kLine, kNow + absl::Hours(24));
  EXPECT_EQ(expired.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(ReasonOf(expired), "TOKEN_INVALID");
  EXPECT_FALSE(tokens->Verify(token, "regions/06/lines/another", kNow).ok());
}

TEST(LinkTokensTest, NeitherALaterExpiryNorAnotherKeyNorGarbageIsAccepted) {
  absl::StatusOr<LinkTokens> tokens = LinkTokens::FromKey(std::string(32, 's'), kPurpose);
  absl::StatusOr<LinkTokens> others = LinkTokens::FromKey(std::string(32, 't'), kPurpose);
  ASSERT_TRUE(tokens.ok() && others.ok());
  const std::string token = tokens->Issue(kLine, kNow + absl::Hours(1));
  // The expiry is part of what is signed: moving it breaks the token.
  const std::string later =
      std::to_string(absl::ToUnixSeconds(kNow + absl::Hours(100))) + token.substr(token.find('.'));
  EXPECT_FALSE(tokens->Verify(later, kLine, kNow).ok());
  EXPECT_FALSE(others->Verify(token, kLine, kNow).ok());
  for (const char* garbage : {"", ".", "abc", "123.", "123.!!!"}) {
    EXPECT_FALSE(tokens->Verify(garbage, kLine, kNow).ok()) << garbage;
  }
}

TEST(LinkTokensTest, ATokenOfOnePurposeOpensNoLinkOfAnother) {
  absl::StatusOr<LinkTokens> feeds = LinkTokens::FromKey(std::string(32, 's'), kPurpose);
  absl::StatusOr<LinkTokens> dashboards = LinkTokens::FromKey(std::string(32, 's'), "samspar-kpi-dashboard");
  ASSERT_TRUE(feeds.ok() && dashboards.ok());
  const std::string token = feeds->Issue(kLine, kNow + absl::Hours(1));
  EXPECT_TRUE(feeds->Verify(token, kLine, kNow).ok());
  EXPECT_FALSE(dashboards->Verify(token, kLine, kNow).ok());
}

TEST(LinkTokensTest, AShortKeyIsRefused) { EXPECT_FALSE(LinkTokens::FromKey("too short", kPurpose).ok()); }

}  // namespace
}  // namespace samspar::http
