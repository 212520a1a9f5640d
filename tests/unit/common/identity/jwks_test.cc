#include "common/identity/jwks.h"

#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/support/temp_dir.h"
#include "tests/unit/common/identity/test_keys.h"

namespace samspar::identity {
namespace {

using ::nlohmann::json;
using ::testing::HasSubstr;

std::string SetOf(std::initializer_list<json> keys) {
  json set = {{"keys", json::array()}};
  for (const json& key : keys) set["keys"].push_back(key);
  return set.dump();
}

const EvpPkeyPtr& EcKey() {
  static const EvpPkeyPtr key = testing::NewEcKey("P-256");
  return key;
}

const EvpPkeyPtr& RsaKey() {
  static const EvpPkeyPtr key = testing::NewRsaKey(2048);
  return key;
}

// The error of loading `text`, which must fail.
absl::Status LoadError(const std::string& text) {
  absl::StatusOr<Jwks> jwks = Jwks::Parse(text);
  EXPECT_FALSE(jwks.ok()) << "loaded: " << text;
  EXPECT_EQ(jwks.status().code(), absl::StatusCode::kInvalidArgument);
  return jwks.status();
}

TEST(Jwks, LoadsRsaAndP256KeysEachPinnedToItsAlgorithm) {
  json rsa = testing::PublicJwk(RsaKey().get(), "rsa-1");
  rsa["alg"] = "RS256";
  rsa["use"] = "sig";
  absl::StatusOr<Jwks> jwks = Jwks::Parse(SetOf({rsa, testing::PublicJwk(EcKey().get(), "ec-1")}));
  ASSERT_TRUE(jwks.ok()) << jwks.status();
  EXPECT_EQ(jwks->size(), 2u);
  ASSERT_NE(jwks->Find("rsa-1"), nullptr);
  EXPECT_EQ(jwks->Find("rsa-1")->algorithm, SignatureAlgorithm::kRs256);
  ASSERT_NE(jwks->Find("ec-1"), nullptr);
  EXPECT_EQ(jwks->Find("ec-1")->algorithm, SignatureAlgorithm::kEs256);
  EXPECT_EQ(jwks->Find("other"), nullptr);
}

TEST(Jwks, RefusesAShortRsaKeyNamingIt) {
  const EvpPkeyPtr short_key = testing::NewRsaKey(1024);
  EXPECT_EQ(LoadError(SetOf({testing::PublicJwk(short_key.get(), "old-rsa")})).message(),
            "JWKS key \"old-rsa\": RSA key has 1024 bits; at least 2048 are required");
}

TEST(Jwks, RefusesASymmetricKey) {
  const json oct = {{"kty", "oct"}, {"kid", "shared"}, {"k", "c2VjcmV0LXNlY3JldC1zZWNyZXQ"}};
  EXPECT_EQ(LoadError(SetOf({oct})).message(),
            "JWKS key \"shared\": key type oct is not allowed (only RSA and EC P-256)");
}

TEST(Jwks, RefusesACurveOtherThanP256) {
  const EvpPkeyPtr p384 = testing::NewEcKey("P-384");
  EXPECT_EQ(LoadError(SetOf({testing::PublicJwk(p384.get(), "ec-384")})).message(),
            "JWKS key \"ec-384\": curve P-384 is not allowed (only P-256)");
}

TEST(Jwks, RefusesAKidUsedTwice) {
  EXPECT_EQ(LoadError(SetOf({testing::PublicJwk(EcKey().get(), "k1"),
                             testing::PublicJwk(RsaKey().get(), "k1")}))
                .message(),
            "JWKS key \"k1\": the kid is used by more than one key");
}

TEST(Jwks, RefusesAKeyWithoutKidByPosition) {
  json anonymous = testing::PublicJwk(EcKey().get(), "x");
  anonymous.erase("kid");
  EXPECT_EQ(LoadError(SetOf({testing::PublicJwk(RsaKey().get(), "k1"), anonymous})).message(),
            "JWKS key #2: has no \"kid\"");
}

TEST(Jwks, RefusesAnAlgThatDisagreesWithTheKey) {
  json rsa = testing::PublicJwk(RsaKey().get(), "rsa-1");
  rsa["alg"] = "RS512";
  EXPECT_EQ(LoadError(SetOf({rsa})).message(),
            "JWKS key \"rsa-1\": \"alg\" must be RS256, the only algorithm of an RSA key");
  json ec = testing::PublicJwk(EcKey().get(), "ec-1");
  ec["alg"] = "HS256";
  EXPECT_THAT(LoadError(SetOf({ec})).message(), HasSubstr("\"alg\" must be ES256"));
}

TEST(Jwks, RefusesAKeyForEncryption) {
  json ec = testing::PublicJwk(EcKey().get(), "ec-1");
  ec["use"] = "enc";
  EXPECT_EQ(LoadError(SetOf({ec})).message(),
            "JWKS key \"ec-1\": \"use\" must be \"sig\" for a token signing key");
}

TEST(Jwks, RefusesPrivateKeyMaterial) {
  json ec = testing::PublicJwk(EcKey().get(), "ec-1");
  ec["d"] = "AAAA";
  EXPECT_EQ(LoadError(SetOf({ec})).message(),
            "JWKS key \"ec-1\": holds private key material; a JWKS holds public keys only");
}

TEST(Jwks, RefusesAPointThatIsNotOnTheCurve) {
  json ec = testing::PublicJwk(EcKey().get(), "ec-1");
  std::string y = ec["y"].get<std::string>();
  y[5] = y[5] == 'A' ? 'B' : 'A';
  ec["y"] = y;
  EXPECT_THAT(LoadError(SetOf({ec})).message(), HasSubstr("JWKS key \"ec-1\": "));
}

TEST(Jwks, RefusesCoordinatesOfTheWrongSize) {
  json ec = testing::PublicJwk(EcKey().get(), "ec-1");
  ec["x"] = "AAAA";
  EXPECT_EQ(LoadError(SetOf({ec})).message(),
            "JWKS key \"ec-1\": \"x\" and \"y\" must be 32 bytes each");
}

TEST(Jwks, RefusesADocumentThatIsNotAKeySet) {
  EXPECT_EQ(LoadError("not json").message(), "JWKS is not a JSON object (or names a member twice)");
  EXPECT_EQ(LoadError("{\"keys\": {}}").message(), "JWKS has no \"keys\" array");
  EXPECT_EQ(LoadError("{\"keys\": []}").message(), "JWKS has no keys");
}

TEST(Jwks, LoadsAFile) {
  samspar::testing::TempDir dir;
  const std::string path = dir.File("jwks.json");
  std::ofstream(path) << SetOf({testing::PublicJwk(EcKey().get(), "ec-1")});
  absl::StatusOr<Jwks> jwks = Jwks::LoadFile(path);
  ASSERT_TRUE(jwks.ok()) << jwks.status();
  EXPECT_NE(jwks->Find("ec-1"), nullptr);
}

TEST(Jwks, FileErrorsNameThePath) {
  samspar::testing::TempDir dir;
  const std::string missing = dir.File("missing.json");
  absl::StatusOr<Jwks> none = Jwks::LoadFile(missing);
  EXPECT_EQ(none.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(none.status().message(), "JWKS file " + missing + ": cannot be opened");

  const std::string empty_set = dir.File("empty.json");
  std::ofstream(empty_set) << "{\"keys\": []}";
  EXPECT_EQ(Jwks::LoadFile(empty_set).status().message(),
            "JWKS file " + empty_set + ": JWKS has no keys");
}

}  // namespace
}  // namespace samspar::identity
