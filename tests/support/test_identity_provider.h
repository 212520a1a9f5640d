#ifndef SAMSPAR_TESTS_SUPPORT_TEST_IDENTITY_PROVIDER_H_
#define SAMSPAR_TESTS_SUPPORT_TEST_IDENTITY_PROVIDER_H_

// A test's identity provider, as the local run has one: the signing key of
// the test PKI (MakeTestPki), tokens signed with it, and a CallGuard that
// trusts its JWKS, exactly as a service does.

#include <fstream>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "common/identity/token_profile.h"
#include "common/identity/token_signer.h"
#include "common/server/call_guard.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

namespace samspar::testing {

class TestIdentityProvider {
 public:
  static constexpr char kIssuer[] = "samspar-local";
  static constexpr char kAudience[] = "samspar";

  // Makes the test PKI in `dir`/pki unless it is there, and loads its key.
  absl::Status Init(const TempDir& dir) {
    pki_ = dir.File("pki");
    if (!std::ifstream(pki_ + "/jwks.json").good()) {
      if (absl::Status made = MakeTestPki(pki_); !made.ok()) return made;
    }
    auto signer = identity::TokenSigner::LoadPemFile(pki_ + "/token-signing-key.pem", "local-1");
    if (!signer.ok()) return signer.status();
    signer_ = std::make_unique<identity::TokenSigner>(std::move(*signer));
    return absl::OkStatus();
  }

  // A CallGuard that trusts this provider's keys, re-read every second.
  absl::StatusOr<std::unique_ptr<server::CallGuard>> Guard(
      ratelimit::RateLimit limit = {.calls_per_second = 1e6, .burst = 1e6}) const {
    return server::CallGuard::Create({.jwks_file = pki_ + "/jwks.json",
                                      .token_issuer = kIssuer,
                                      .token_audience = kAudience,
                                      .jwks_refresh_interval = absl::Seconds(1),
                                      .calls_per_second = limit.calls_per_second,
                                      .burst = limit.burst});
  }

  identity::TokenTerms Terms(const std::string& region = "06") const {
    return {.issuer = kIssuer, .audience = kAudience, .region = region,
            .issued_at = absl::Now(), .lifetime = absl::Minutes(5)};
  }

  // `claims` signed; an empty string (and a test failure) if that fails.
  std::string Sign(const absl::StatusOr<nlohmann::json>& claims) const {
    EXPECT_TRUE(claims.ok()) << claims.status();
    if (!claims.ok()) return "";
    absl::StatusOr<std::string> token = signer_->Sign(*claims);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.ok() ? *token : "";
  }

  std::string TokenFor(const identity::Person& person, const std::string& region = "06") const {
    return Sign(identity::PersonClaims(Terms(region), person));
  }

  std::string TokenForSystem(const identity::System& system, const std::string& region = "06") const {
    return Sign(identity::SystemClaims(Terms(region), system));
  }

 private:
  std::string pki_;
  std::unique_ptr<identity::TokenSigner> signer_;
};

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_TEST_IDENTITY_PROVIDER_H_
