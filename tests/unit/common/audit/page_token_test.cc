#include "common/audit/page_token.h"

#include "common/identity/base64url.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"

namespace samspar::audit {
namespace {

const PageToken kToken{.after_entry_id = "01kb2x4m7r9t3v5w8y0z2c4e6g",
                       .since = absl::FromUnixMicros(1'780'000'000'123'456),
                       .fingerprint = Fingerprint({"regions/06/services/consult", "BY_USER"})};

TEST(PageTokenTest, ReadsBackWhatItWrote) {
  absl::StatusOr<PageToken> decoded = DecodePageToken(EncodePageToken(kToken));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->after_entry_id, kToken.after_entry_id);
  EXPECT_EQ(decoded->since, kToken.since);
  EXPECT_EQ(decoded->fingerprint, kToken.fingerprint);
}

TEST(PageTokenTest, AnythingElseIsAnInvalidPageToken) {
  const std::string good = EncodePageToken(kToken);
  for (const std::string& text :
       {std::string("x"), good.substr(0, good.size() - 4), good + "A", std::string("not a token"),
        identity::Base64UrlEncode("a1.01kb2x4m7r9t3v5w8y0z2c4e6g.12.short"),
        identity::Base64UrlEncode("a1.../etc/passwd.12.0123456789abcdef01234567")}) {
    absl::StatusOr<PageToken> decoded = DecodePageToken(text);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(ReasonOf(decoded.status()), "INVALID_PAGE_TOKEN") << text;
    EXPECT_EQ(FieldOf(decoded.status()), "page_token") << text;
  }
}

TEST(PageTokenTest, TheFingerprintTellsFieldsApart) {
  EXPECT_EQ(Fingerprint({"a", "b"}), Fingerprint({"a", "b"}));
  EXPECT_NE(Fingerprint({"a", "b"}), Fingerprint({"a", "c"}));
  EXPECT_NE(Fingerprint({"ab", "c"}), Fingerprint({"a", "bc"}));
  EXPECT_NE(Fingerprint({"a", ""}), Fingerprint({"a"}));
}

}  // namespace
}  // namespace samspar::audit
