// The access policy as a server enforces it, over real gRPC: bearer tokens
// signed by the local identity provider, verified by the CallGuard every
// service uses, and every RPC of the API contract judged by the policy
// table. A generic test service stands in for the handlers: it takes the
// facts the domain would establish (the resource's region, whether the
// caller is a participant or acts on their own things) from request
// metadata, so that every rule can be exercised before every service
// exists.

#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/auth/authorize.h"
#include "common/auth/rpc_rule.h"
#include "common/identity/base64url.h"
#include "common/identity/token_profile.h"
#include "common/identity/token_signer.h"
#include "common/server/call_guard.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_identity_provider.h"

namespace samspar {
namespace {

using identity::Caller;
using identity::Role;

constexpr char kOwnRegion[] = "06";
constexpr char kOtherRegion[] = "13";

absl::optional<bool> FlagFrom(const grpc::GenericCallbackServerContext& context,
                              const char* key) {
  auto found = context.client_metadata().find(key);
  if (found == context.client_metadata().end()) return absl::nullopt;
  return std::string(found->second.data(), found->second.size()) == "true";
}

std::string PatientDataName(auth::PatientDataAccess access) {
  switch (access) {
    case auth::PatientDataAccess::kNotCarried: return "not-carried";
    case auth::PatientDataAccess::kShown: return "shown";
    case auth::PatientDataAccess::kWithheld: return "withheld";
    case auth::PatientDataAccess::kPerResource: return "per-resource";
  }
  return "?";
}

// Every method: admit the caller, then judge the call by its rule.
class PolicyService final : public grpc::CallbackGenericService {
 public:
  explicit PolicyService(server::CallGuard& guard) : guard_(guard) {}

  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override {
    class Reactor final : public grpc::ServerGenericBidiReactor {
     public:
      explicit Reactor(grpc::Status status) { Finish(status); }
      void OnDone() override { delete this; }
    };
    absl::Status status = Judge(*context);
    return new Reactor(ToGrpcStatus(status));
  }

 private:
  absl::Status Judge(grpc::GenericCallbackServerContext& context) {
    absl::StatusOr<Caller> caller = guard_.Admit(context);
    if (!caller.ok()) return caller.status();
    const auth::RpcRule* rule = auth::FindRule(context.method());
    if (rule == nullptr) return absl::UnimplementedError("not a method of the API contract");
    auth::ResourceFacts facts;
    auto region = context.client_metadata().find("x-resource-region");
    if (region != context.client_metadata().end()) {
      facts.region = std::string(region->second.data(), region->second.size());
    }
    facts.participant = FlagFrom(context, "x-participant");
    facts.self = FlagFrom(context, "x-self");
    absl::StatusOr<auth::Decision> decision = auth::Authorize(*caller, *rule, facts);
    if (!decision.ok()) return decision.status();
    context.AddTrailingMetadata("x-patient-data", PatientDataName(decision->patient_data));
    return absl::OkStatus();
  }

  server::CallGuard& guard_;
};

// One kind of caller of the matrix.
struct CallerKind {
  std::string label;
  absl::optional<identity::Person> person;
  absl::optional<identity::System> system;
};

identity::Person PersonWith(std::set<Role> roles) {
  return {.hsa_id = "SE2321000057-1001", .unit_hsa_id = "SE2321000057-0001", .roles = roles};
}

class PolicyEnforcementTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer({.calls_per_second = 1e6, .burst = 1e6}); }

  void StartServer(ratelimit::RateLimit limit) {
    ASSERT_TRUE(identity_provider_.Init(dir_).ok());
    auto guard = identity_provider_.Guard(limit);
    ASSERT_TRUE(guard.ok()) << guard.status();
    guard_ = std::move(*guard);
    service_ = std::make_unique<PolicyService>(*guard_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterCallbackGenericService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = std::make_unique<grpc::GenericStub>(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  identity::TokenTerms Terms() const { return identity_provider_.Terms(kOwnRegion); }

  std::string Sign(const absl::StatusOr<nlohmann::json>& claims) {
    return identity_provider_.Sign(claims);
  }

  std::string TokenFor(const CallerKind& kind) {
    return Sign(kind.person && kind.system
                    ? identity::DelegationClaims(Terms(), *kind.person, *kind.system)
                : kind.person ? identity::PersonClaims(Terms(), *kind.person)
                              : identity::SystemClaims(Terms(), *kind.system));
  }

  struct Result {
    grpc::Status status;
    std::string patient_data;
  };

  // One call of `method` with `token` (none when empty) and the facts.
  Result Call(const std::string& method, const std::string& token,
              const std::map<std::string, std::string>& facts = {}) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    for (const auto& [key, value] : facts) context.AddMetadata(key, value);
    grpc::Slice empty_message("");  // an empty protobuf message on the wire
    grpc::ByteBuffer request(&empty_message, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub_->UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                     [&done](grpc::Status status) { done.set_value(status); });
    Result result{done.get_future().get(), ""};
    auto trailer = context.GetServerTrailingMetadata().find("x-patient-data");
    if (trailer != context.GetServerTrailingMetadata().end()) {
      result.patient_data = std::string(trailer->second.data(), trailer->second.size());
    }
    return result;
  }

  std::string ReasonOf(const grpc::Status& status) {
    return ReasonOrCode(FromGrpcStatus(status));
  }

  testing::TempDir dir_;
  testing::TestIdentityProvider identity_provider_;
  std::unique_ptr<server::CallGuard> guard_;
  std::unique_ptr<PolicyService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::GenericStub> stub_;
};

std::vector<CallerKind> CallerKinds(const auth::RpcRule& rule) {
  std::vector<CallerKind> kinds;
  for (Role role : {Role::kClinician, Role::kAmbulance, Role::kMunicipalNurse,
                    Role::kCareCoordinator, Role::kRegionAdmin, Role::kAnalyst, Role::kAuditor}) {
    kinds.push_back({std::string(identity::RoleName(role)), PersonWith({role}), absl::nullopt});
  }
  std::string scope = rule.system_scope.empty() || rule.system_scope == auth::kAnySystem
                          ? "consult.read"
                          : std::string(rule.system_scope);
  identity::System with_scope{.client_id = "ehr-cosmic", .scopes = {scope}};
  identity::System without_scope{.client_id = "ehr-cosmic", .scopes = {"unrelated.scope"}};
  kinds.push_back({"system with " + scope, absl::nullopt, with_scope});
  kinds.push_back({"system without it", absl::nullopt, without_scope});
  kinds.push_back({"clinician through a system with " + scope, PersonWith({Role::kClinician}),
                   with_scope});
  kinds.push_back({"region admin through a system with " + scope,
                   PersonWith({Role::kRegionAdmin}), with_scope});
  return kinds;
}

Caller AsCaller(const CallerKind& kind) {
  Caller caller;
  caller.region = kOwnRegion;
  caller.person = kind.person;
  caller.system = kind.system;
  return caller;
}

TEST_F(PolicyEnforcementTest, EveryRpcOfTheContractIsJudgedOverGrpcAsTheTableSays) {
  int calls = 0;
  for (const auth::RpcRule& rule : auth::AllRules()) {
    std::string method(rule.method);
    for (const CallerKind& kind : CallerKinds(rule)) {
      for (const std::string& region : {std::string(kOwnRegion), std::string(kOtherRegion)}) {
        for (bool involved : {true, false}) {
          std::string value = involved ? "true" : "false";
          auth::ResourceFacts facts{.region = region, .participant = involved, .self = involved};
          absl::StatusOr<auth::Decision> expected = auth::Authorize(AsCaller(kind), rule, facts);
          Result got = Call(method, TokenFor(kind),
                            {{"x-resource-region", region}, {"x-participant", value},
                             {"x-self", value}});
          ++calls;
          std::string where = absl::StrCat(method, " as ", kind.label, " in region ", region,
                                           involved ? ", involved" : ", not involved");
          ASSERT_EQ(static_cast<int>(got.status.error_code()),
                    static_cast<int>(expected.status().code()))
              << where << ": " << got.status.error_message();
          if (expected.ok()) {
            EXPECT_EQ(got.patient_data, PatientDataName(expected->patient_data)) << where;
          } else {
            EXPECT_EQ(ReasonOf(got.status), ReasonOrCode(expected.status())) << where;
          }
          if (region == kOtherRegion && rule.regional) {
            EXPECT_EQ(ReasonOf(got.status), "REGION_MISMATCH") << where;
          }
        }
      }
    }
  }
  EXPECT_GE(calls, 86 * 11 * 4);
}

TEST_F(PolicyEnforcementTest, AnAuditorReadsTheAccessLogAndAClinicianDoesNot) {
  const std::string method = "/samspar.v1.AccessLogService/SearchAccessLog";
  Result auditor = Call(method, TokenFor({"auditor", PersonWith({Role::kAuditor}), {}}),
                        {{"x-resource-region", kOwnRegion}});
  EXPECT_TRUE(auditor.status.ok()) << auditor.status.error_message();
  Result clinician = Call(method, TokenFor({"clinician", PersonWith({Role::kClinician}), {}}),
                          {{"x-resource-region", kOwnRegion}});
  EXPECT_EQ(clinician.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(clinician.status), "ROLE_NOT_ALLOWED");
}

// Tokens a server must refuse, each with UNAUTHENTICATED and its reason.
TEST_F(PolicyEnforcementTest, BadTokensAreRefusedWithTheirReason) {
  const std::string method = "/samspar.v1.RosterService/ListUnits";
  const std::map<std::string, std::string> facts = {{"x-resource-region", kOwnRegion}};
  identity::Person person = PersonWith({Role::kClinician});

  auto expect_refused = [&](const std::string& token, const std::string& reason,
                            const std::string& what) {
    Result result = Call(method, token, facts);
    EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << what;
    EXPECT_EQ(ReasonOf(result.status), reason) << what;
    EXPECT_EQ(result.status.error_message().find(token.empty() ? "\x01" : token),
              std::string::npos)
        << what << ": the token is repeated";
  };

  expect_refused("", "TOKEN_MISSING", "no token");
  expect_refused("not-a-token", "TOKEN_INVALID", "malformed");

  std::string good = Sign(*identity::PersonClaims(Terms(), person));
  std::string forged = good;
  size_t payload = forged.find('.') + 5;
  forged[payload] = forged[payload] == 'A' ? 'B' : 'A';
  expect_refused(forged, "TOKEN_INVALID", "forged payload");

  identity::TokenTerms expired = Terms();
  expired.issued_at = absl::Now() - absl::Minutes(10);
  expect_refused(Sign(*identity::PersonClaims(expired, person)), "TOKEN_EXPIRED", "expired");

  nlohmann::json early = *identity::PersonClaims(Terms(), person);
  early["nbf"] = absl::ToUnixSeconds(absl::Now() + absl::Minutes(2));
  expect_refused(Sign(early), "TOKEN_INVALID", "not yet valid");

  identity::TokenTerms elsewhere = Terms();
  elsewhere.audience = "another-service";
  expect_refused(Sign(*identity::PersonClaims(elsewhere, person)), "TOKEN_INVALID",
                 "wrong audience");

  // The signature of a good token under a header that claims HMAC.
  std::string header = identity::Base64UrlEncode(R"({"alg":"HS256","kid":"local-1"})");
  std::string wrong_alg = header + good.substr(good.find('.'));
  expect_refused(wrong_alg, "TOKEN_INVALID", "wrong algorithm");
  std::string none = identity::Base64UrlEncode(R"({"alg":"none","kid":"local-1"})");
  std::string unsigned_token = none + good.substr(good.find('.'), good.rfind('.') - good.find('.')) + ".";
  expect_refused(unsigned_token, "TOKEN_INVALID", "unsigned");

  std::string once = Sign(*identity::PersonClaims(Terms(), person));
  EXPECT_TRUE(Call(method, once, facts).status.ok());
  expect_refused(once, "TOKEN_REPLAYED", "replayed");
}

TEST_F(PolicyEnforcementTest, ACallerOverItsRateIsToldWhenToRetry) {
  server_->Shutdown();
  server_.reset();
  StartServer({.calls_per_second = 1, .burst = 2});
  const std::string method = "/samspar.v1.RosterService/ListUnits";
  CallerKind clinician{"clinician", PersonWith({Role::kClinician}), {}};
  EXPECT_TRUE(Call(method, TokenFor(clinician), {{"x-resource-region", kOwnRegion}}).status.ok());
  EXPECT_TRUE(Call(method, TokenFor(clinician), {{"x-resource-region", kOwnRegion}}).status.ok());
  Result limited = Call(method, TokenFor(clinician), {{"x-resource-region", kOwnRegion}});
  EXPECT_EQ(limited.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(ReasonOf(limited.status), "RATE_LIMITED");
  absl::optional<absl::Duration> retry = RetryDelayOf(FromGrpcStatus(limited.status));
  ASSERT_TRUE(retry.has_value());
  EXPECT_GT(*retry, absl::ZeroDuration());
  EXPECT_LE(*retry, absl::Seconds(1));
  // Another caller is not held back by this one.
  CallerKind other{"other", identity::Person{.hsa_id = "SE2321000057-1002",
                                             .unit_hsa_id = "SE2321000057-0001",
                                             .roles = {Role::kClinician}},
                   {}};
  EXPECT_TRUE(Call(method, TokenFor(other), {{"x-resource-region", kOwnRegion}}).status.ok());
}

TEST_F(PolicyEnforcementTest, RotatedTokenKeysAreTrustedWithoutARestart) {
  const std::string method = "/samspar.v1.RosterService/ListUnits";
  const std::map<std::string, std::string> facts = {{"x-resource-region", kOwnRegion}};
  CallerKind clinician{"clinician", PersonWith({Role::kClinician}), {}};
  ASSERT_TRUE(Call(method, TokenFor(clinician), facts).status.ok());

  // The identity provider moves to a new key: its JWKS now holds only that.
  ASSERT_TRUE(testing::MakeTestPki(dir_.File("next")).ok());
  auto next = identity::TokenSigner::LoadPemFile(dir_.File("next/token-signing-key.pem"), "local-2");
  ASSERT_TRUE(next.ok());
  std::ofstream(dir_.File("pki/jwks.json.new")) << next->PublicJwks().dump();
  std::filesystem::rename(dir_.File("pki/jwks.json.new"), dir_.File("pki/jwks.json"));

  auto token_of_next = [&] { return *next->Sign(*identity::PersonClaims(Terms(), *clinician.person)); };
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (!Call(method, token_of_next(), facts).status.ok() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_TRUE(Call(method, token_of_next(), facts).status.ok());
  Result old_key = Call(method, TokenFor(clinician), facts);
  EXPECT_EQ(old_key.status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(old_key.status), "TOKEN_INVALID");
}

}  // namespace
}  // namespace samspar
