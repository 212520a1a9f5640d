// A service's own tokens: minted per call as a system with its scopes, for
// the region asked, and accepted by a verifier that trusts the region's JWKS.

#include "common/client/service_tokens.h"

#include "common/identity/jwks.h"
#include "common/identity/replay_cache.h"
#include "common/identity/token_verifier.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

namespace samspar::client {
namespace {

class ServiceTokensTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(samspar::testing::MakeTestPki(dir_.File("pki")).ok()); }

  ServiceIdentity Consult() {
    return {.signing_key_file = dir_.File("pki/token-signing-key.pem"),
            .key_id = "local-1",
            .issuer = "samspar-local",
            .audience = "samspar",
            .client_id = "samspar-consult",
            .scopes = {"roster.read", "metrics.ingest"}};
  }

  absl::StatusOr<identity::Caller> Verify(const std::string& token) {
    absl::StatusOr<identity::Jwks> keys = identity::Jwks::LoadFile(dir_.File("pki/jwks.json"));
    if (!keys.ok()) return keys.status();
    absl::StatusOr<identity::TokenVerifier> verifier =
        identity::TokenVerifier::Create(*std::move(keys), {.issuer = "samspar-local", .audience = "samspar"}, replay_);
    if (!verifier.ok()) return verifier.status();
    return verifier->Verify(token);
  }

  samspar::testing::TempDir dir_;
  std::shared_ptr<identity::ReplayCache> replay_ = std::make_shared<identity::ReplayCache>();
};

TEST_F(ServiceTokensTest, EachCallGetsAFreshSystemTokenForItsRegion) {
  absl::StatusOr<std::shared_ptr<const ServiceTokens>> tokens = ServiceTokens::Load(Consult());
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  TokenSource for_jonkoping = (*tokens)->ForRegion("06");
  absl::StatusOr<std::string> first = for_jonkoping();
  absl::StatusOr<std::string> second = for_jonkoping();
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);  // single-use tokens: a new one every call

  absl::StatusOr<identity::Caller> caller = Verify(*first);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_TRUE(caller->IsSystem());
  EXPECT_EQ(caller->region, "06");
  EXPECT_EQ(caller->system->client_id, "samspar-consult");
  EXPECT_TRUE(caller->HasScope("metrics.ingest"));
  EXPECT_TRUE(Verify(*second).ok());
  EXPECT_FALSE(Verify(*first).ok());  // replayed

  absl::StatusOr<std::string> kronoberg = (*tokens)->Mint("07");
  ASSERT_TRUE(kronoberg.ok());
  EXPECT_EQ(Verify(*kronoberg)->region, "07");
}

TEST_F(ServiceTokensTest, AMissingKeyFileIsNamed) {
  ServiceIdentity identity = Consult();
  identity.signing_key_file = dir_.File("nowhere.pem");
  absl::StatusOr<std::shared_ptr<const ServiceTokens>> tokens = ServiceTokens::Load(identity);
  ASSERT_FALSE(tokens.ok());
  EXPECT_NE(tokens.status().message().find("nowhere.pem"), std::string::npos);
}

}  // namespace
}  // namespace samspar::client
