#include "common/identity/token_verifier.h"

#include <openssl/hmac.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/identity/base64url.h"
#include "common/identity/token_errors.h"
#include "common/identity/token_profile.h"
#include "common/identity/token_signer.h"
#include "common/status/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/unit/common/identity/test_keys.h"

namespace samspar::identity {
namespace {

using ::nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kIssuer[] = "https://idp.regionjonkoping.se";
constexpr char kAudience[] = "samspar-roster";
constexpr char kPractitioner[] = "SE2321000016-15CQ";
constexpr char kUnit[] = "SE2321000057-E7RT";
constexpr char kEhrClient[] = "cosmic-ehr";
// A test personnummer (Skatteverket's test series) where an HSA-id belongs.
constexpr char kPersonnummer[] = "19121212-1212";

const EvpPkeyPtr& EcKey() {
  static const EvpPkeyPtr key = testing::NewEcKey("P-256");
  return key;
}
const EvpPkeyPtr& RsaKey() {
  static const EvpPkeyPtr key = testing::NewRsaKey(2048);
  return key;
}

TokenSigner SignerFor(const EvpPkeyPtr& key, const std::string& kid) {
  return TokenSigner::FromPem(testing::PrivateKeyPem(key.get()), kid).value();
}

std::string Encode(const json& part) { return Base64UrlEncode(part.dump()); }

class TokenVerifierTest : public ::testing::Test {
 protected:
  TokenVerifierTest()
      : es_(SignerFor(EcKey(), "es-1")),
        rs_(SignerFor(RsaKey(), "rs-1")),
        verifier_(MakeVerifier(std::make_shared<ReplayCache>())) {}

  TokenVerifier MakeVerifier(std::shared_ptr<ReplayGuard> replay_guard) {
    const json jwks = {{"keys", {es_.PublicJwks()["keys"][0], rs_.PublicJwks()["keys"][0]}}};
    TokenVerifierOptions options;
    options.issuer = kIssuer;
    options.audience = kAudience;
    options.now = [this] { return now_; };
    return TokenVerifier::Create(Jwks::Parse(jwks.dump()).value(), std::move(options),
                                 std::move(replay_guard))
        .value();
  }

  TokenTerms Terms() const { return TokenTerms{kIssuer, kAudience, "06", now_}; }
  static Person Clinician() { return Person{kPractitioner, kUnit, {Role::kClinician}}; }
  static System EhrSystem() { return System{kEhrClient, {"consult.read", "consult.write"}}; }

  json ClinicianClaims() const { return PersonClaims(Terms(), Clinician()).value(); }
  std::string Mint(const json& claims) const { return es_.Sign(claims).value(); }

  // header.payload, signed by hand with `key`, for tokens no signer would make.
  static std::string SignedByHand(const json& header, absl::string_view payload, EVP_PKEY* key,
                                  SignatureAlgorithm algorithm) {
    const std::string input = absl::StrCat(Encode(header), ".", Base64UrlEncode(payload));
    return absl::StrCat(input, ".",
                        Base64UrlEncode(CreateSignature(key, algorithm, input).value()));
  }
  json EsHeader() const { return {{"alg", "ES256"}, {"kid", "es-1"}}; }

  // The token must be refused as UNAUTHENTICATED with `reason` and exactly
  // `message`, which must not repeat the token or any part of it.
  void ExpectRefused(const std::string& token, absl::string_view reason,
                     absl::string_view message) {
    absl::StatusOr<Caller> caller = verifier_.Verify(token);
    ASSERT_FALSE(caller.ok()) << "accepted";
    EXPECT_EQ(caller.status().code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(ReasonOf(caller.status()), std::string(reason));
    EXPECT_EQ(caller.status().message(), message);
    for (absl::string_view part : absl::StrSplit(token, '.')) {
      if (part.size() < 8) continue;
      EXPECT_THAT(std::string(caller.status().message()), Not(HasSubstr(std::string(part))));
    }
  }
  void ExpectInvalid(const json& claims, absl::string_view message) {
    ExpectRefused(Mint(claims), kTokenInvalid, message);
  }

  absl::Time now_ = absl::FromUnixSeconds(1'750'000'000);
  TokenSigner es_;
  TokenSigner rs_;
  TokenVerifier verifier_;
};

// --- Accepted tokens -------------------------------------------------------

TEST_F(TokenVerifierTest, APersonTokenSignedWithEs256NamesThePerson) {
  const json claims = ClinicianClaims();
  absl::StatusOr<Caller> caller = verifier_.Verify(Mint(claims));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_TRUE(caller->IsPerson());
  EXPECT_EQ(caller->region, "06");
  EXPECT_EQ(caller->person->hsa_id, kPractitioner);
  EXPECT_EQ(caller->person->unit_hsa_id, kUnit);
  EXPECT_EQ(caller->person->roles, std::set<Role>{Role::kClinician});
  EXPECT_EQ(caller->token_id, claims["jti"]);
}

TEST_F(TokenVerifierTest, APersonTokenSignedWithRs256NamesThePerson) {
  absl::StatusOr<Caller> caller = verifier_.Verify(rs_.Sign(ClinicianClaims()).value());
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_TRUE(caller->IsPerson());
  EXPECT_EQ(caller->person->hsa_id, kPractitioner);
}

TEST_F(TokenVerifierTest, ASystemTokenNamesTheClientAndItsScopes) {
  absl::StatusOr<Caller> caller =
      verifier_.Verify(rs_.Sign(SystemClaims(Terms(), EhrSystem()).value()).value());
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_TRUE(caller->IsSystem());
  EXPECT_EQ(caller->region, "06");
  EXPECT_EQ(caller->system->client_id, kEhrClient);
  EXPECT_TRUE(caller->HasScope("consult.write"));
  EXPECT_FALSE(caller->HasScope("audit.read"));
}

TEST_F(TokenVerifierTest, ADelegationTokenNamesThePersonAndTheSystemActingForThem) {
  absl::StatusOr<Caller> caller =
      verifier_.Verify(Mint(DelegationClaims(Terms(), Clinician(), EhrSystem()).value()));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_TRUE(caller->IsDelegation());
  EXPECT_EQ(caller->person->hsa_id, kPractitioner);
  EXPECT_TRUE(caller->HasRole(Role::kClinician));
  EXPECT_EQ(caller->system->client_id, kEhrClient);
  EXPECT_TRUE(caller->HasScope("consult.read"));
}

TEST_F(TokenVerifierTest, ReadsEveryRoleName) {
  const std::set<Role> all = {Role::kClinician,       Role::kAmbulance,   Role::kMunicipalNurse,
                              Role::kCareCoordinator, Role::kRegionAdmin, Role::kAnalyst,
                              Role::kAuditor};
  const json claims = PersonClaims(Terms(), Person{kPractitioner, kUnit, all}).value();
  EXPECT_EQ(claims["roles"], json({"clinician", "ambulance_clinician", "municipal_nurse",
                                   "care_coordinator", "region_admin", "analyst", "auditor"}));
  absl::StatusOr<Caller> caller = verifier_.Verify(Mint(claims));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->person->roles, all);
}

TEST_F(TokenVerifierTest, AcceptsAnAudienceListThatIncludesTheService) {
  json claims = ClinicianClaims();
  claims["aud"] = {"samspar-consult", kAudience};
  EXPECT_TRUE(verifier_.Verify(Mint(claims)).ok());
}

TEST_F(TokenVerifierTest, APersonUsingAnAppIsThePerson) {
  json claims = ClinicianClaims();
  claims["client_id"] = "clinician-app";  // the app the token was issued to
  absl::StatusOr<Caller> caller = verifier_.Verify(Mint(claims));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_TRUE(caller->IsPerson());
}

// --- Forged tokens and algorithm tricks --------------------------------------

TEST_F(TokenVerifierTest, RefusesAPayloadChangedAfterSigning) {
  const std::vector<std::string> parts = absl::StrSplit(Mint(ClinicianClaims()), '.');
  json forged = ClinicianClaims();
  forged["roles"] = {"region_admin"};
  ExpectRefused(absl::StrCat(parts[0], ".", Encode(forged), ".", parts[2]), kTokenInvalid,
                "token signature does not verify");
}

TEST_F(TokenVerifierTest, RefusesATokenSignedByAnotherKeyWithTheSameKid) {
  const EvpPkeyPtr attacker_key = testing::NewEcKey("P-256");
  const TokenSigner attacker = SignerFor(attacker_key, "es-1");
  ExpectRefused(attacker.Sign(ClinicianClaims()).value(), kTokenInvalid,
                "token signature does not verify");
}

TEST_F(TokenVerifierTest, RefusesAnUnknownKid) {
  const TokenSigner stranger = SignerFor(EcKey(), "es-9");
  ExpectRefused(stranger.Sign(ClinicianClaims()).value(), kTokenInvalid,
                "token key id (kid) is not in the configured key set");
}

TEST_F(TokenVerifierTest, RefusesAnUnsignedToken) {
  const json header = {{"alg", "none"}, {"kid", "es-1"}};
  ExpectRefused(absl::StrCat(Encode(header), ".", Encode(ClinicianClaims()), "."), kTokenInvalid,
                "token algorithm none is not allowed (only RS256 and ES256)");
  const json no_kid = {{"alg", "none"}};
  ExpectRefused(absl::StrCat(Encode(no_kid), ".", Encode(ClinicianClaims()), "."), kTokenInvalid,
                "token algorithm none is not allowed (only RS256 and ES256)");
}

TEST_F(TokenVerifierTest, RefusesHs256WithThePublicKeyAsTheSecret) {
  // The classic confusion: a verifier that takes `alg` from the header would
  // use the public key, which everybody has, as an HMAC secret.
  const std::vector<std::pair<std::string, std::string>> secrets = {
      {"es-1", testing::PublicKeyPem(EcKey().get())},
      {"rs-1", testing::PublicKeyPem(RsaKey().get())},
      {"es-1", es_.PublicJwks()["keys"][0].dump()},
      {"rs-1", rs_.PublicJwks()["keys"][0].dump()},
  };
  for (const auto& [kid, secret] : secrets) {
    const json header = {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", kid}};
    const std::string input = absl::StrCat(Encode(header), ".", Encode(ClinicianClaims()));
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_length = 0;
    ASSERT_NE(
        HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
             reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &mac_length),
        nullptr);
    const std::string signature(reinterpret_cast<const char*>(mac), mac_length);
    ExpectRefused(absl::StrCat(input, ".", Base64UrlEncode(signature)), kTokenInvalid,
                  "token algorithm HS256 is not allowed (only RS256 and ES256)");
  }
}

TEST_F(TokenVerifierTest, RefusesAnAlgorithmOtherThanTheKeys) {
  const json rs256_on_ec_key = {{"alg", "RS256"}, {"kid", "es-1"}};
  ExpectRefused(SignedByHand(rs256_on_ec_key, ClinicianClaims().dump(), RsaKey().get(),
                             SignatureAlgorithm::kRs256),
                kTokenInvalid, "token algorithm RS256 does not match its key, which is for ES256");
  const json es256_on_rsa_key = {{"alg", "ES256"}, {"kid", "rs-1"}};
  ExpectRefused(SignedByHand(es256_on_rsa_key, ClinicianClaims().dump(), EcKey().get(),
                             SignatureAlgorithm::kEs256),
                kTokenInvalid, "token algorithm ES256 does not match its key, which is for RS256");
}

TEST_F(TokenVerifierTest, RefusesAnUnregisteredAlgorithmWithoutRepeatingIt) {
  const json header = {{"alg", kPersonnummer}, {"kid", "es-1"}};
  ExpectRefused(absl::StrCat(Encode(header), ".", Encode(ClinicianClaims()), ".AAAA"),
                kTokenInvalid,
                "token algorithm (unregistered) is not allowed (only RS256 and ES256)");
}

TEST_F(TokenVerifierTest, RefusesAnEs256SignatureInDerForm) {
  const std::string input = absl::StrCat(Encode(EsHeader()), ".", Encode(ClinicianClaims()));
  EvpMdCtxPtr context(EVP_MD_CTX_new());
  ASSERT_EQ(EVP_DigestSignInit_ex(context.get(), nullptr, "SHA256", nullptr, nullptr, EcKey().get(),
                                  nullptr),
            1);
  unsigned char der[80];
  size_t length = sizeof der;
  ASSERT_EQ(EVP_DigestSign(context.get(), der, &length,
                           reinterpret_cast<const unsigned char*>(input.data()), input.size()),
            1);
  const std::string signature(reinterpret_cast<const char*>(der), length);
  ExpectRefused(absl::StrCat(input, ".", Base64UrlEncode(signature)), kTokenInvalid,
                "token signature does not verify");
}

TEST_F(TokenVerifierTest, RefusesAHeaderThatBringsItsOwnKey) {
  const json attacker_jwk = testing::PublicJwk(testing::NewEcKey("P-256").get(), "es-1");
  for (const auto& [member, value] :
       std::vector<std::pair<std::string, json>>{{"jwk", attacker_jwk},
                                                 {"jku", "https://attacker.example/jwks.json"},
                                                 {"x5u", "https://attacker.example/cert.pem"},
                                                 {"x5c", json::array({"MIIB"})}}) {
    json header = EsHeader();
    header[member] = value;
    ExpectRefused(
        SignedByHand(header, ClinicianClaims().dump(), EcKey().get(), SignatureAlgorithm::kEs256),
        kTokenInvalid,
        absl::StrCat("token header carries its own key (", member,
                     "); keys come only from the configured key set"));
  }
}

TEST_F(TokenVerifierTest, RefusesCriticalHeaderExtensions) {
  json header = EsHeader();
  header["crit"] = {"b64"};
  header["b64"] = false;
  ExpectRefused(
      SignedByHand(header, ClinicianClaims().dump(), EcKey().get(), SignatureAlgorithm::kEs256),
      kTokenInvalid, "token header has critical extensions (crit), which are not supported");
}

TEST_F(TokenVerifierTest, AcceptsTheJwtTypesOnly) {
  json header = EsHeader();
  header["typ"] = "JWT";
  EXPECT_TRUE(verifier_
                  .Verify(SignedByHand(header, ClinicianClaims().dump(), EcKey().get(),
                                       SignatureAlgorithm::kEs256))
                  .ok());
  header["typ"] = "dpop+jwt";
  ExpectRefused(
      SignedByHand(header, ClinicianClaims().dump(), EcKey().get(), SignatureAlgorithm::kEs256),
      kTokenInvalid, "token type (typ) is neither JWT nor at+jwt");
}

// --- Time -----------------------------------------------------------------------

TEST_F(TokenVerifierTest, RefusesAnExpiredToken) {
  const std::string token = Mint(ClinicianClaims());
  now_ += absl::Minutes(5) + absl::Seconds(90);
  ExpectRefused(token, kTokenExpired, "token expired 90 s ago");
}

TEST_F(TokenVerifierTest, AcceptsATokenExpiredWithinTheClockSkew) {
  const std::string token = Mint(ClinicianClaims());
  now_ += absl::Minutes(5) + absl::Seconds(10);
  EXPECT_TRUE(verifier_.Verify(token).ok());
}

TEST_F(TokenVerifierTest, RefusesATokenExpiredBeyondTheClockSkew) {
  const std::string token = Mint(ClinicianClaims());
  now_ += absl::Minutes(5) + absl::Seconds(40);
  ExpectRefused(token, kTokenExpired, "token expired 40 s ago");
}

TEST_F(TokenVerifierTest, RefusesATokenNotYetValid) {
  json claims = ClinicianClaims();
  claims["nbf"] = absl::ToUnixSeconds(now_ + absl::Seconds(60));
  ExpectInvalid(claims, "token is not valid until 60 s from now");
  claims["nbf"] = absl::ToUnixSeconds(now_ + absl::Seconds(20));  // within the skew
  EXPECT_TRUE(verifier_.Verify(Mint(claims)).ok());
}

TEST_F(TokenVerifierTest, RefusesATokenIssuedInTheFuture) {
  TokenTerms terms = Terms();
  terms.issued_at = now_ + absl::Seconds(45);
  ExpectInvalid(PersonClaims(terms, Clinician()).value(), "token issued 45 s in the future");
}

TEST_F(TokenVerifierTest, RefusesALifetimeLongerThanTheMaximum) {
  TokenTerms terms = Terms();
  terms.lifetime = absl::Minutes(5) + absl::Seconds(1);
  ExpectInvalid(PersonClaims(terms, Clinician()).value(),
                "token lifetime of 301 s exceeds the maximum of 300 s");
  terms.lifetime = absl::Hours(24);
  ExpectInvalid(PersonClaims(terms, Clinician()).value(),
                "token lifetime of 86400 s exceeds the maximum of 300 s");
}

TEST_F(TokenVerifierTest, RefusesATokenWithoutItsTimes) {
  json claims = ClinicianClaims();
  claims.erase("iat");
  ExpectInvalid(claims, "token has no issue time (iat)");
  claims = ClinicianClaims();
  claims.erase("exp");
  ExpectInvalid(claims, "token has no expiry (exp)");
  claims = ClinicianClaims();
  claims["exp"] = "tomorrow";
  ExpectInvalid(claims, "token exp is not a number of seconds");
}

// --- Issuer, audience, replay -----------------------------------------------------

TEST_F(TokenVerifierTest, RefusesAnotherIssuer) {
  TokenTerms terms = Terms();
  terms.issuer = "https://idp.example";
  ExpectInvalid(PersonClaims(terms, Clinician()).value(),
                absl::StrCat("token issuer is not ", kIssuer));
}

TEST_F(TokenVerifierTest, RefusesAnotherAudience) {
  TokenTerms terms = Terms();
  terms.audience = "samspar-metrics";
  ExpectInvalid(PersonClaims(terms, Clinician()).value(),
                "token audience does not include samspar-roster");
  json claims = ClinicianClaims();
  claims.erase("aud");
  ExpectInvalid(claims, "token has no audience (aud)");
}

TEST_F(TokenVerifierTest, RefusesATokenUsedTwice) {
  const std::string token = Mint(ClinicianClaims());
  ASSERT_TRUE(verifier_.Verify(token).ok());
  ExpectRefused(token, kTokenReplayed, "token was used before (its jti is known)");
  // Another token of the same person is fine.
  EXPECT_TRUE(verifier_.Verify(Mint(ClinicianClaims())).ok());
}

TEST_F(TokenVerifierTest, RefusesATokenWithoutId) {
  json claims = ClinicianClaims();
  claims.erase("jti");
  ExpectInvalid(claims, "token has no id (jti)");
}

TEST_F(TokenVerifierTest, IsUnavailableWhenTheReplayCacheIsFull) {
  TokenVerifier verifier = MakeVerifier(std::make_shared<ReplayCache>(/*capacity=*/1));
  ASSERT_TRUE(verifier.Verify(Mint(ClinicianClaims())).ok());
  EXPECT_EQ(verifier.Verify(Mint(ClinicianClaims())).status().code(),
            absl::StatusCode::kUnavailable);
}

// --- Malformed tokens -----------------------------------------------------------

TEST_F(TokenVerifierTest, RefusesAnEmptyTokenAsMissing) {
  ExpectRefused("", kTokenMissing, "no bearer token");
}

TEST_F(TokenVerifierTest, RefusesATokenWithoutThreeParts) {
  const std::string token = Mint(ClinicianClaims());
  const std::string two_parts = token.substr(0, token.rfind('.'));
  ExpectRefused(two_parts, kTokenInvalid,
                "token is not a compact JWS (three base64url parts separated by dots)");
  ExpectRefused(token + ".AAAA", kTokenInvalid,
                "token is not a compact JWS (three base64url parts separated by dots)");
}

TEST_F(TokenVerifierTest, RefusesBadBase64) {
  const std::vector<std::string> parts = absl::StrSplit(Mint(ClinicianClaims()), '.');
  ExpectRefused(absl::StrCat(parts[0], "*.", parts[1], ".", parts[2]), kTokenInvalid,
                "token header is not base64url without padding");
  ExpectRefused(absl::StrCat(parts[0], ".", parts[1], ".", parts[2], "=="), kTokenInvalid,
                "token signature is not base64url without padding");
  std::string plain_base64 = parts[2];
  for (char& c : plain_base64) c = c == '-' ? '+' : c == '_' ? '/' : c;
  if (plain_base64 != parts[2]) {
    ExpectRefused(absl::StrCat(parts[0], ".", parts[1], ".", plain_base64), kTokenInvalid,
                  "token signature is not base64url without padding");
  }
}

TEST_F(TokenVerifierTest, RefusesPadding) {
  // A header of 2 mod 3 bytes, so that its plain base64 form ends in "=".
  json header = EsHeader();
  header["typ"] = "JWT";
  while (header.dump().size() % 3 != 2) header["kid"] = header["kid"].get<std::string>() + " ";
  const std::vector<std::string> parts = absl::StrSplit(Mint(ClinicianClaims()), '.');
  ExpectRefused(absl::StrCat(Encode(header), "=.", parts[1], ".", parts[2]), kTokenInvalid,
                "token header is not base64url without padding");
}

TEST_F(TokenVerifierTest, RefusesAPartThatIsNotAJsonObject) {
  ExpectRefused(SignedByHand(EsHeader(), "not json", EcKey().get(), SignatureAlgorithm::kEs256),
                kTokenInvalid, "token payload is not a JSON object (or names a member twice)");
  ExpectRefused(SignedByHand(EsHeader(), "[1, 2]", EcKey().get(), SignatureAlgorithm::kEs256),
                kTokenInvalid, "token payload is not a JSON object (or names a member twice)");
  const std::vector<std::string> parts = absl::StrSplit(Mint(ClinicianClaims()), '.');
  ExpectRefused(absl::StrCat(Base64UrlEncode("{\"alg\":"), ".", parts[1], ".", parts[2]),
                kTokenInvalid, "token header is not a JSON object (or names a member twice)");
}

TEST_F(TokenVerifierTest, RefusesAClaimNamedTwice) {
  // Another JSON reader could take the first `sub`, where we would take the
  // second.
  const std::string claims = ClinicianClaims().dump();
  const std::string twice = absl::StrCat("{\"sub\":\"SE2321000016-OTHER\",", claims.substr(1));
  ExpectRefused(SignedByHand(EsHeader(), twice, EcKey().get(), SignatureAlgorithm::kEs256),
                kTokenInvalid, "token payload is not a JSON object (or names a member twice)");
}

TEST_F(TokenVerifierTest, RefusesAnOversizedToken) {
  json claims = ClinicianClaims();
  claims["padding"] = std::string(TokenVerifier::kMaxTokenBytes, 'x');
  ExpectInvalid(claims, "token is longer than 16384 bytes");
}

// --- Claims ---------------------------------------------------------------------

TEST_F(TokenVerifierTest, RefusesAnUnknownRole) {
  json claims = ClinicianClaims();
  claims["roles"] = {"clinician", "surgeon"};
  ExpectInvalid(claims, "token role surgeon is not known");
  claims["roles"] = {kPersonnummer};
  ExpectInvalid(claims, "token has a role that is not known");
}

TEST_F(TokenVerifierTest, RefusesASubjectThatIsNotAnHsaIdWithoutRepeatingIt) {
  json claims = ClinicianClaims();
  claims["sub"] = kPersonnummer;
  ExpectInvalid(claims, "token subject (sub) is not a valid HSA-id");
  claims = ClinicianClaims();
  claims["unit"] = "SE2321000058-E7RT";  // organisation number check digit wrong
  ExpectInvalid(claims, "token unit is not a valid HSA-id");
}

TEST_F(TokenVerifierTest, RefusesATokenWithoutARegion) {
  json claims = ClinicianClaims();
  claims.erase("region");
  ExpectInvalid(claims, "token has no region claim");
  claims["region"] = "6";
  ExpectInvalid(claims, "token region must be a two-digit county code");
}

TEST_F(TokenVerifierTest, RefusesAPersonTokenWithoutUnitOrRoles) {
  json claims = ClinicianClaims();
  claims.erase("unit");
  ExpectInvalid(claims, "token has no unit");
  claims = ClinicianClaims();
  claims.erase("roles");
  ExpectInvalid(claims, "person token has no roles array");
}

TEST_F(TokenVerifierTest, RefusesASystemTokenThatAlsoCarriesRoles) {
  json claims = SystemClaims(Terms(), EhrSystem()).value();
  claims["roles"] = {"region_admin"};
  ExpectInvalid(claims, "system token must not carry roles");
  claims.erase("roles");
  claims.erase("scope");
  ExpectInvalid(claims, "system token has no scope");
}

TEST_F(TokenVerifierTest, RefusesADelegationChainOrOneWithoutScope) {
  json claims = DelegationClaims(Terms(), Clinician(), EhrSystem()).value();
  claims["act"]["act"] = {{"sub", "another-app"}};
  ExpectInvalid(claims, "token act claim names a chain of actors, which is not supported");
  claims = DelegationClaims(Terms(), Clinician(), EhrSystem()).value();
  claims.erase("scope");
  ExpectInvalid(claims, "delegation token has no scope");
}

// --- Setup ----------------------------------------------------------------------

TEST(TokenVerifierCreate, RefusesOptionsThatCannotVerifySafely) {
  const TokenSigner signer = SignerFor(EcKey(), "es-1");
  auto create = [&signer](TokenVerifierOptions options, std::shared_ptr<ReplayGuard> guard) {
    return TokenVerifier::Create(Jwks::Parse(signer.PublicJwks().dump()).value(),
                                 std::move(options), std::move(guard))
        .status();
  };
  const auto guard = std::make_shared<ReplayCache>();
  TokenVerifierOptions options;
  options.issuer = kIssuer;
  options.audience = kAudience;
  EXPECT_TRUE(create(options, guard).ok());
  EXPECT_EQ(create(options, nullptr).message(), "token verifier: no replay guard");
  TokenVerifierOptions no_audience = options;
  no_audience.audience.clear();
  EXPECT_EQ(create(no_audience, guard).message(), "token verifier: no audience");
  TokenVerifierOptions no_lifetime = options;
  no_lifetime.max_lifetime = absl::ZeroDuration();
  EXPECT_EQ(create(no_lifetime, guard).message(),
            "token verifier: maximum lifetime is not positive");
}

}  // namespace
}  // namespace samspar::identity
