// Calendar feed tokens: a token opens the feed it was issued for, under the
// key it was issued with, until it expires, and nothing else.

#include "services/roster/calendar/feed_tokens.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace samspar::roster {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'795'000'000);
constexpr char kLine[] = "regions/06/lines/01j5q2r7kx9m4t3c8v6wzfhn2b";

TEST(FeedTokensTest, ATokenOpensItsOwnFeedUntilItExpires) {
  absl::StatusOr<FeedTokens> tokens = FeedTokens::FromKey(std::string(32, 's'));
  ASSERT_TRUE(tokens.ok());
  const std::string token = tokens->Issue(kLine, kNow + absl::Hours(24));
  EXPECT_TRUE(tokens->Verify(token, kLine, kNow).ok());
  EXPECT_TRUE(tokens->Verify(token, kLine, kNow + absl::Hours(23)).ok());
  absl::Status expired = tokens->Verify(token, kLine, kNow + absl::Hours(24));
  EXPECT_EQ(expired.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(ReasonOf(expired), "TOKEN_INVALID");
  EXPECT_FALSE(tokens->Verify(token, "regions/06/lines/another", kNow).ok());
}

TEST(FeedTokensTest, NeitherALaterExpiryNorAnotherKeyNorGarbageIsAccepted) {
  absl::StatusOr<FeedTokens> tokens = FeedTokens::FromKey(std::string(32, 's'));
  absl::StatusOr<FeedTokens> others = FeedTokens::FromKey(std::string(32, 't'));
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

TEST(FeedTokensTest, AShortKeyIsRefused) { EXPECT_FALSE(FeedTokens::FromKey("too short").ok()); }

}  // namespace
}  // namespace samspar::roster
