#include "common/api/page.h"

#include <climits>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "samspar/v1/roster.pb.h"

namespace samspar::api {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

v1::ListUnitsRequest UnitsRequest() {
  v1::ListUnitsRequest request;
  request.set_parent("regions/06");
  request.set_filter("display_name: \"ryhov\"");
  request.set_order_by("update_time desc");
  return request;
}

void ExpectInvalidPageToken(absl::string_view token, absl::string_view fingerprint) {
  absl::StatusOr<Page> page = ResolvePage(20, token, fingerprint);
  ASSERT_FALSE(page.ok()) << token;
  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument) << token;
  EXPECT_EQ(ReasonOf(page.status()), "INVALID_PAGE_TOKEN") << token;
  EXPECT_EQ(FieldOf(page.status()), "page_token") << token;
}

TEST(ResolvePageTest, PageSizeDefaultsAndIsCapped) {
  const std::pair<int32_t, int> cases[] = {{0, 50},      {1, 1},       {50, 50},
                                           {1000, 1000}, {1001, 1000}, {INT32_MAX, 1000}};
  for (const auto& [requested, size] : cases) {
    absl::StatusOr<Page> page = ResolvePage(requested, "", "fp");
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(page->size, size) << requested;
    EXPECT_EQ(page->offset, 0);
  }
}

TEST(ResolvePageTest, NegativePageSizeIsInvalid) {
  for (int32_t size : {-1, INT32_MIN}) {
    absl::StatusOr<Page> page = ResolvePage(size, "", "fp");
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ReasonOf(page.status()), "FIELD_INVALID");
    EXPECT_EQ(FieldOf(page.status()), "page_size");
  }
}

TEST(PageTokenTest, ATokenLeadsToItsOffsetForTheSameRequest) {
  const std::string fingerprint = RequestFingerprint(UnitsRequest());
  const std::string token = NextPageToken(fingerprint, 150);
  EXPECT_THAT(token, MatchesRegex("[A-Za-z0-9_-]+"));
  absl::StatusOr<Page> page = ResolvePage(20, token, fingerprint);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->offset, 150);
  EXPECT_EQ(page->size, 20);

  // Another replica, or the same after a restart, computes the same fingerprint.
  v1::ListUnitsRequest again = UnitsRequest();
  again.set_page_size(20);
  again.set_page_token(token);
  EXPECT_TRUE(ResolvePage(0, token, RequestFingerprint(again)).ok());
}

TEST(PageTokenTest, ATokenCarriesNoRequestValue) {
  const std::string token = NextPageToken(RequestFingerprint(UnitsRequest()), 150);
  std::string decoded;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &decoded));
  for (absl::string_view value : {"ryhov", "regions", "06", "update_time", "desc"}) {
    EXPECT_THAT(decoded, Not(HasSubstr(value)));
  }
  // A fingerprint that is not a digest does not reach the token either.
  ASSERT_TRUE(absl::WebSafeBase64Unescape(NextPageToken("regions/06 ryhov", 5), &decoded));
  EXPECT_THAT(decoded, Not(HasSubstr("ryhov")));
}

TEST(PageTokenTest, AChangedRequestRefusesTheToken) {
  const std::string token = NextPageToken(RequestFingerprint(UnitsRequest()), 50);
  v1::ListUnitsRequest other_filter = UnitsRequest();
  other_filter.set_filter("display_name: \"ryhov medicin\"");
  v1::ListUnitsRequest other_order = UnitsRequest();
  other_order.clear_order_by();
  v1::ListUnitsRequest other_region = UnitsRequest();
  other_region.set_parent("regions/08");
  for (const v1::ListUnitsRequest& changed : {other_filter, other_order, other_region}) {
    ExpectInvalidPageToken(token, RequestFingerprint(changed));
  }
}

TEST(PageTokenTest, TheFingerprintIgnoresPagingAndTellsRequestTypesApart) {
  v1::ListUnitsRequest paged = UnitsRequest();
  paged.set_page_size(7);
  paged.set_page_token("anything");
  EXPECT_EQ(RequestFingerprint(paged), RequestFingerprint(UnitsRequest()));

  v1::ListUnitsRequest units;
  units.set_parent("regions/06");
  v1::ListLinesRequest lines;
  lines.set_parent("regions/06");
  EXPECT_NE(RequestFingerprint(units), RequestFingerprint(lines));
  EXPECT_NE(RequestFingerprint(units), RequestFingerprint(v1::ListUnitsRequest()));
}

TEST(PageTokenTest, TheFingerprintIsStableAcrossBuilds) {
  // Every replica and every later build must compute the same digest (the
  // first 16 bytes of SHA-256 over the type name and the wire bytes):
  // tokens outlive a deployment.
  EXPECT_EQ(RequestFingerprint(UnitsRequest()), "f17383cf0a8e7e57e36601c21f700e05");
}

TEST(PageTokenTest, GarbageIsRefused) {
  const std::string fingerprint = RequestFingerprint(UnitsRequest());
  const std::string token = NextPageToken(fingerprint, 150);
  std::string decoded;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &decoded));
  const std::vector<std::string> parts = absl::StrSplit(decoded, '.');
  ASSERT_EQ(parts.size(), 3u);
  const std::string& digest = parts[2];
  for (const std::string& text :
       {std::string("garbage"), std::string("!!!"), token + "=", token + "A",
        token.substr(0, token.size() - 2), absl::StrCat(" ", token),
        absl::WebSafeBase64Escape(absl::StrCat("o1.-5.", digest)),
        absl::WebSafeBase64Escape(absl::StrCat("o1.+5.", digest)),
        absl::WebSafeBase64Escape(absl::StrCat("o1. 5.", digest)),
        absl::WebSafeBase64Escape(absl::StrCat("o1..", digest)),
        absl::WebSafeBase64Escape(absl::StrCat("o1.99999999999.", digest)),
        absl::WebSafeBase64Escape(absl::StrCat("o2.5.", digest)),
        absl::WebSafeBase64Escape(absl::StrCat("o1.5.", digest, ".5")),
        absl::WebSafeBase64Escape(absl::StrCat("o1.5.", fingerprint)),
        absl::WebSafeBase64Escape("o1.5")}) {
    ExpectInvalidPageToken(text, fingerprint);
  }
}

}  // namespace
}  // namespace samspar::api
