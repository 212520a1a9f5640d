// Patient identity as the law wants it handled, with consult and conference
// running as processes, TLS and tokens as in the local run: every search of
// a patient's log leaves exactly one record in each service's log, an
// auditor's extract lists them, others are refused, and no log line, metric
// or error message carries a personnummer.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/client/bearer_token.h"
#include "common/client/channel.h"
#include "common/identity/token_profile.h"
#include "common/identity/token_signer.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "samspar/v1/access_log.grpc.pb.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/test_pki.h"

namespace samspar::testing {
namespace {

// From Skatteverket's list of test personnummer (shared/testdata).
const std::string kPatient = "198001022386";
const std::string kOtherPatient = "195001182046";
const std::string kAuditor = "SE2321000057-9001";
const std::string kClinician = "SE2321000057-1001";

// Every way the numbers above can be written.
std::vector<std::string> WrittenForms(const std::string& twelve_digits) {
  std::string ten = twelve_digits.substr(2);
  return {twelve_digits, ten, ten.substr(0, 6) + "-" + ten.substr(6),
          twelve_digits.substr(0, 8) + "-" + twelve_digits.substr(8)};
}

class PatientPrivacyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(MakeTestPki(dir_.File("pki")).ok());
    for (const std::string name : {"consult", "conference"}) {
      absl::StatusOr<RunningService> service = StartSecuredService(name, dir_, "1");
      ASSERT_TRUE(service.ok()) << service.status();
      ports_.emplace_back(name, service->grpc_port);
      http_ports_.push_back(service->http_port);
      services_.push_back(std::move(*service));
    }
  }

  // `samspar access-log` as `hsa_id` with `roles`.
  RunResult AccessLog(const std::string& hsa_id, const std::string& roles,
                      const std::string& subject_flag) {
    std::vector<std::string> args = ClientFlags(dir_, ports_);
    args.insert(args.end(), {"--as=" + hsa_id, "--roles=" + roles, subject_flag, "access-log"});
    absl::StatusOr<RunResult> result = RunToCompletion(
        BuiltBinary("tools/samspar/samspar"), args, dir_.File(absl::StrCat("cli-", ++runs_)),
        absl::Seconds(30));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : RunResult{};
  }

  // The lines of an extract after its heading.
  static std::vector<std::string> Entries(const RunResult& result) {
    std::vector<std::string> lines = absl::StrSplit(result.out, '\n', absl::SkipEmpty());
    if (!lines.empty()) lines.erase(lines.begin());
    return lines;
  }

  // A direct call of SearchAccessLog on consult, for what the client would
  // refuse to send.
  grpc::Status Search(const v1::SearchAccessLogRequest& request) {
    client::ChannelOptions options;
    options.tls_ca_file = dir_.File("pki/ca.pem");
    auto channel = client::MakeChannel(absl::StrCat("127.0.0.1:", ports_[0].second), options);
    auto signer = identity::TokenSigner::LoadPemFile(dir_.File("pki/token-signing-key.pem"),
                                                     "local-1");
    EXPECT_TRUE(signer.ok());
    auto context = client::ContextWithTimeout(absl::Seconds(10));
    context->set_credentials(client::BearerTokenCredentials([&]() -> absl::StatusOr<std::string> {
      auto claims = identity::PersonClaims(
          {.issuer = "samspar-local", .audience = "samspar", .region = "06",
           .issued_at = absl::Now(), .lifetime = absl::Minutes(5)},
          {.hsa_id = kAuditor, .unit_hsa_id = "SE2321000057-0001",
           .roles = {identity::Role::kAuditor}});
      if (!claims.ok()) return claims.status();
      return signer->Sign(*claims);
    }));
    v1::SearchAccessLogResponse response;
    return v1::AccessLogService::NewStub(*channel)->SearchAccessLog(context.get(), request,
                                                                    &response);
  }

  TempDir dir_;
  std::vector<RunningService> services_;
  std::vector<std::pair<std::string, int>> ports_;
  std::vector<int> http_ports_;
  int runs_ = 0;
};

TEST_F(PatientPrivacyTest, EverySearchOfAPatientLeavesOneRecordInEachLogAndNoTraceElsewhere) {
  RunResult first = AccessLog(kAuditor, "auditor", "--patient=" + kPatient);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  // One record in each service's log: this search itself.
  ASSERT_EQ(Entries(first).size(), 2u) << first.out;
  for (const std::string& line : Entries(first)) {
    EXPECT_NE(line.find("SEARCH_ACCESS_LOG"), std::string::npos) << line;
    EXPECT_NE(line.find(kAuditor), std::string::npos) << line;
    EXPECT_NE(line.find("GRANTED"), std::string::npos) << line;
  }

  RunResult second = AccessLog(kAuditor, "auditor", "--patient=" + kPatient);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(Entries(second).size(), 4u) << second.out;

  // Another patient's extract holds none of these.
  RunResult other = AccessLog(kAuditor, "auditor", "--patient=" + kOtherPatient);
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_EQ(Entries(other).size(), 2u) << other.out;

  // The auditor's own accesses, by user.
  RunResult by_user = AccessLog(kAuditor, "auditor", "--user=" + kAuditor);
  ASSERT_EQ(by_user.exit_code, 0) << by_user.err;
  EXPECT_GE(Entries(by_user).size(), 6u) << by_user.out;

  // A clinician may not search the log.
  RunResult clinician = AccessLog(kClinician, "clinician", "--patient=" + kPatient);
  EXPECT_NE(clinician.exit_code, 0);
  EXPECT_NE(clinician.err.find("PERMISSION_DENIED"), std::string::npos) << clinician.err;

  // Malformed and misplaced numbers are refused without being repeated.
  v1::SearchAccessLogRequest bad_check_digit;
  bad_check_digit.set_parent("regions/06/services/consult");
  bad_check_digit.mutable_patient()->set_kind(v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  bad_check_digit.mutable_patient()->set_value(kPatient.substr(0, 11) + "9");
  grpc::Status refused = Search(bad_check_digit);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::SearchAccessLogRequest in_the_wrong_field;
  in_the_wrong_field.set_parent("regions/06/services/consult");
  in_the_wrong_field.set_user_hsa_id(kPatient);
  grpc::Status misplaced = Search(in_the_wrong_field);
  EXPECT_EQ(misplaced.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // Nothing outside the access log carries the numbers: not the services'
  // logs, not their metrics, not the errors, not the clients' output.
  std::string everything = refused.error_message() + refused.error_details() +
                           misplaced.error_message() + misplaced.error_details() +
                           clinician.err + first.err + second.err;
  for (const RunningService& service : services_) everything += service.process->Stderr();
  for (int port : http_ports_) {
    httplib::SSLClient http("127.0.0.1", port);
    http.set_ca_cert_path(dir_.File("pki/ca.pem").c_str());
    http.enable_server_certificate_verification(true);
    auto metrics = http.Get("/metrics");
    ASSERT_TRUE(metrics);
    everything += metrics->body;
  }
  std::string wrong_check_digit = kPatient.substr(0, 11) + "9";
  for (const std::string& number : {kPatient, kOtherPatient, wrong_check_digit}) {
    for (const std::string& form : WrittenForms(number)) {
      EXPECT_EQ(everything.find(form), std::string::npos) << "found " << form;
    }
  }
}

}  // namespace
}  // namespace samspar::testing
