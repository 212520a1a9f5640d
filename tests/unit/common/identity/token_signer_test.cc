#include "common/identity/token_signer.h"

#include <openssl/pem.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_split.h"
#include "common/identity/base64url.h"
#include "common/identity/jwks.h"
#include "common/identity/token_profile.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/support/temp_dir.h"
#include "tests/unit/common/identity/test_keys.h"

namespace samspar::identity {
namespace {

using ::nlohmann::json;
using ::testing::MatchesRegex;

const absl::Time kNow = absl::FromUnixSeconds(1'750'000'000);

json HeaderOf(const std::string& token) {
  const std::vector<std::string> parts = absl::StrSplit(token, '.');
  return json::parse(Base64UrlDecode(parts.at(0)).value());
}

TEST(TokenSigner, SignsWithTheAlgorithmOfItsKeyAndPublishesTheMatchingJwks) {
  const EvpPkeyPtr ec = testing::NewEcKey("P-256");
  const EvpPkeyPtr rsa = testing::NewRsaKey(2048);
  for (const auto& [key, algorithm] : {std::pair{ec.get(), SignatureAlgorithm::kEs256},
                                       std::pair{rsa.get(), SignatureAlgorithm::kRs256}}) {
    absl::StatusOr<TokenSigner> signer =
        TokenSigner::FromPem(testing::PrivateKeyPem(key), "local-1");
    ASSERT_TRUE(signer.ok()) << signer.status();
    EXPECT_EQ(signer->algorithm(), algorithm);
    EXPECT_EQ(HeaderOf(signer->Sign({{"sub", "x"}}).value()),
              json({{"alg", std::string(AlgorithmName(algorithm))},
                    {"typ", "at+jwt"},
                    {"kid", "local-1"}}));

    absl::StatusOr<Jwks> jwks = Jwks::Parse(signer->PublicJwks().dump());
    ASSERT_TRUE(jwks.ok()) << jwks.status();
    ASSERT_NE(jwks->Find("local-1"), nullptr);
    EXPECT_EQ(jwks->Find("local-1")->algorithm, algorithm);
    EXPECT_EQ(EVP_PKEY_eq(jwks->Find("local-1")->key.get(), key), 1);
  }
}

TEST(TokenSigner, RefusesKeysTheVerifierWouldRefuse) {
  const EvpPkeyPtr short_rsa = testing::NewRsaKey(1024);
  EXPECT_EQ(TokenSigner::FromPem(testing::PrivateKeyPem(short_rsa.get()), "k").status().message(),
            "RSA signing key has 1024 bits; at least 2048 are required");
  const EvpPkeyPtr p384 = testing::NewEcKey("P-384");
  EXPECT_EQ(TokenSigner::FromPem(testing::PrivateKeyPem(p384.get()), "k").status().message(),
            "signing key is neither RSA nor EC on P-256");
  EXPECT_EQ(TokenSigner::FromPem("not a key", "k").status().message(),
            "signing key is not an unencrypted private key in PEM");
}

TEST(TokenSigner, RefusesAnEncryptedKeyWithoutAskingForAPassphrase) {
  const EvpPkeyPtr ec = testing::NewEcKey("P-256");
  BioPtr bio(BIO_new(BIO_s_mem()));
  static char passphrase[] = "secret";
  ASSERT_EQ(PEM_write_bio_PKCS8PrivateKey(bio.get(), ec.get(), EVP_aes_256_cbc(), nullptr, 0,
                                          nullptr, passphrase),
            1);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  EXPECT_EQ(
      TokenSigner::FromPem(std::string(data, static_cast<size_t>(length)), "k").status().message(),
      "signing key is not an unencrypted private key in PEM");
}

TEST(TokenSigner, LoadsAKeyFileAndNamesThePathWhenItCannot) {
  samspar::testing::TempDir dir;
  const std::string path = dir.File("signing-key.pem");
  const EvpPkeyPtr ec = testing::NewEcKey("P-256");
  std::ofstream(path) << testing::PrivateKeyPem(ec.get());
  EXPECT_TRUE(TokenSigner::LoadPemFile(path, "local-1").ok());

  const std::string missing = dir.File("missing.pem");
  EXPECT_EQ(TokenSigner::LoadPemFile(missing, "local-1").status().message(),
            "signing key file " + missing + ": cannot be opened");
}

TEST(TokenClaims, CarryAFreshRandomIdAndTheRequestedLifetime) {
  const TokenTerms terms{"https://idp.example", "samspar-roster", "06", kNow, absl::Minutes(2)};
  const Person person{"SE2321000016-15CQ", "SE2321000057-E7RT", {Role::kAuditor}};
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    const json claims = PersonClaims(terms, person).value();
    EXPECT_THAT(claims["jti"].get<std::string>(), MatchesRegex("[0-9a-f]{32}"));
    ids.insert(claims["jti"].get<std::string>());
    EXPECT_EQ(claims["iat"], absl::ToUnixSeconds(kNow));
    EXPECT_EQ(claims["exp"], absl::ToUnixSeconds(kNow + absl::Minutes(2)));
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST(TokenClaims, TellASystemByItsClientIdAndADelegationByItsActor) {
  const TokenTerms terms{"https://idp.example", "samspar-consult", "13", kNow};
  const Person person{"SE2321000016-15CQ", "SE2321000057-E7RT", {Role::kClinician}};
  const System system{"cosmic-ehr", {"consult.write"}};

  const json system_claims = SystemClaims(terms, system).value();
  EXPECT_EQ(system_claims["sub"], "cosmic-ehr");
  EXPECT_EQ(system_claims["client_id"], "cosmic-ehr");
  EXPECT_EQ(system_claims["scope"], "consult.write");
  EXPECT_FALSE(system_claims.contains("roles"));

  const json delegation = DelegationClaims(terms, person, system).value();
  EXPECT_EQ(delegation["sub"], "SE2321000016-15CQ");
  EXPECT_EQ(delegation["act"], json({{"sub", "cosmic-ehr"}}));
  EXPECT_EQ(delegation["roles"], json({"clinician"}));
  EXPECT_EQ(delegation["region"], "13");
  EXPECT_FALSE(delegation.contains("client_id"));
}

}  // namespace
}  // namespace samspar::identity
