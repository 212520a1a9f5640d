// A consult's whole loop as the people in it meet it: the consult service as
// a process between the roster (with Redis) and metrics, all over TLS with
// the services' client certificates and their own tokens, the demo roster
// loaded by the local run's script, and the `samspar consult` commands of a
// GP, the on-call doctor and a care coordinator. The events reach metrics
// through the outbox.

#include <cstdlib>
#include <regex>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/redis_server.h"
#include "tests/support/test_patients.h"
#include "tests/support/test_pki.h"

namespace samspar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Dr Nyberg of the demo directory, at her health centre.
const std::vector<std::string> kGp = {"--as=SE2321000057-G001", "--unit=SE2321000057-V001", "--roles=clinician"};
const std::vector<std::string> kCoordinator = {"--as=SE2321000057-C001", "--unit=SE2321000057-V001",
                                               "--roles=care_coordinator"};

class ConsultE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(MakeTestPki(dir_.File("pki")).ok());
    ASSERT_TRUE(redis_.Start().ok());
    absl::StatusOr<RunningService> roster =
        StartSecuredService("roster", dir_, "1", {absl::StrCat("--redis=127.0.0.1:", redis_.port())});
    ASSERT_TRUE(roster.ok()) << roster.status();
    roster_ = std::move(*roster);
    absl::StatusOr<RunningService> metrics = StartSecuredService("metrics", dir_, "1");
    ASSERT_TRUE(metrics.ok()) << metrics.status();
    metrics_ = std::move(*metrics);
    absl::StatusOr<RunningService> consult =
        StartSecuredService("consult", dir_, "1",
                            {absl::StrCat("--roster_address=localhost:", roster_.grpc_port),
                             absl::StrCat("--metrics_address=localhost:", metrics_.grpc_port)});
    ASSERT_TRUE(consult.ok()) << consult.status();
    consult_ = std::move(*consult);
    setenv("SAMSPAR_TLS_CA_FILE", dir_.File("pki/ca.pem").c_str(), 1);
    setenv("SAMSPAR_SIGNING_KEY_FILE", dir_.File("pki/token-signing-key.pem").c_str(), 1);
    setenv("SAMSPAR_ROSTER_ADDRESS", absl::StrCat("127.0.0.1:", roster_.grpc_port).c_str(), 1);
    setenv("SAMSPAR_CONSULT_ADDRESS", absl::StrCat("127.0.0.1:", consult_.grpc_port).c_str(), 1);
    setenv("SAMSPAR_METRICS_ADDRESS", absl::StrCat("127.0.0.1:", metrics_.grpc_port).c_str(), 1);
    absl::StatusOr<RunResult> loaded = RunToCompletion(
        "/bin/bash",
        {absl::StrCat(SAMSPAR_SOURCE_DIR, "/deploy/load-demo-roster.sh"), BuiltBinary("tools/samspar/samspar")},
        dir_.File("demo-roster"), absl::Seconds(120));
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    ASSERT_EQ(loaded->exit_code, 0) << loaded->err;
  }

  void TearDown() override {
    for (const char* variable : {"SAMSPAR_TLS_CA_FILE", "SAMSPAR_SIGNING_KEY_FILE", "SAMSPAR_ROSTER_ADDRESS",
                                 "SAMSPAR_CONSULT_ADDRESS", "SAMSPAR_METRICS_ADDRESS"}) {
      unsetenv(variable);
    }
  }

  RunResult Samspar(const std::vector<std::string>& who, std::vector<std::string> args) {
    args.insert(args.begin(), who.begin(), who.end());
    absl::StatusOr<RunResult> run = RunToCompletion(BuiltBinary("tools/samspar/samspar"), args,
                                                    dir_.File(absl::StrCat("cli-", ++runs_)), absl::Seconds(60));
    EXPECT_TRUE(run.ok()) << run.status();
    return run.ok() ? *run : RunResult{};
  }

  // The first match of `pattern`'s group in `text`, or "".
  static std::string Find(const std::string& text, const std::string& pattern) {
    std::smatch match;
    return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : "";
  }

  // The metrics service's business counter of `type`, from its side port.
  std::string BusinessCounter(const std::string& type) {
    httplib::SSLClient http("127.0.0.1", metrics_.http_port);
    http.set_ca_cert_path(dir_.File("pki/ca.pem").c_str());
    http.enable_server_certificate_verification(true);
    auto page = http.Get("/metrics");
    if (!page) return "";
    return Find(page->body, "samspar_business_events_total\\{[^}]*type=\"" + type + "\"[^}]*\\} ([0-9]+)");
  }

  TempDir dir_;
  RedisServer redis_;
  RunningService roster_;
  RunningService metrics_;
  RunningService consult_;
  int runs_ = 0;
};

TEST_F(ConsultE2eTest, AGpAsksTheBakjourTheOnCallAnswersAndMetricsCountsIt) {
  const std::string patient = SkatteverketTestNumbers(1).front();
  RunResult asked = Samspar(kGp, {"consult", "ask", "--consult_track=acute", "--line=bakjour",
                                  "--question=Bröstsmärta sedan i morse, normalt EKG. Inläggning?",
                                  "--consult_patient=" + patient, "--priority=yellow"});
  ASSERT_EQ(asked.exit_code, 0) << asked.err;
  const std::string id = Find(asked.out, "consult ([0-9a-z]+) ");
  ASSERT_FALSE(id.empty()) << asked.out;
  const std::string doctor = Find(asked.out, "offered to[^\\n]*\\((SE2321000057-D00[0-9])\\)");
  ASSERT_FALSE(doctor.empty()) << asked.out;
  const std::vector<std::string> on_call = {"--as=" + doctor, "--unit=SE2321000057-K001", "--roles=clinician"};

  // The doctor's app sees the offer with the patient, and takes it.
  RunResult offers = Samspar(on_call, {"consult", "offers", "--max_events=2"});
  ASSERT_EQ(offers.exit_code, 0) << offers.err;
  EXPECT_THAT(offers.out, HasSubstr(id));
  RunResult accepted = Samspar(on_call, {"consult", "accept", id});
  ASSERT_EQ(accepted.exit_code, 0) << accepted.err;
  EXPECT_THAT(accepted.out, HasSubstr("assignee"));
  EXPECT_THAT(accepted.out, HasSubstr(doctor));
  RunResult answered = Samspar(
      on_call, {"consult", "answer", id, "--answer=Skicka in för direktinläggning.", "--outcome=direct-admission"});
  ASSERT_EQ(answered.exit_code, 0) << answered.err;

  // The GP reads the answer and closes the loop.
  RunResult shown = Samspar(kGp, {"consult", "show", id});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("Skicka in för direktinläggning."));
  RunResult closed = Samspar(kGp, {"consult", "close", id});
  ASSERT_EQ(closed.exit_code, 0) << closed.err;

  // A care coordinator sees the consult without the patient.
  RunResult coordinator = Samspar(kCoordinator, {"consult", "show", id});
  ASSERT_EQ(coordinator.exit_code, 0) << coordinator.err;
  EXPECT_THAT(coordinator.out, HasSubstr("withheld"));
  EXPECT_THAT(coordinator.out, Not(HasSubstr(patient.substr(8))));

  // The outbox reaches metrics (the relay runs every second).
  std::string counted;
  for (int i = 0; i < 100 && counted != "1"; ++i) {
    counted = BusinessCounter("EVENT_TYPE_CONSULT_CLOSED");
    if (counted != "1") absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_EQ(counted, "1");
  EXPECT_EQ(BusinessCounter("EVENT_TYPE_CONSULT_CREATED"), "1");
  EXPECT_EQ(BusinessCounter("EVENT_TYPE_CONSULT_ANSWERED"), "1");
}

TEST_F(ConsultE2eTest, ALineOutsideItsHoursOrAnUnknownLineIsRefusedWithWhatToDoInstead) {
  RunResult unknown = Samspar(kGp, {"consult", "ask", "--consult_track=acute", "--line=regions/06/lines/nosuchline",
                                    "--question=Fråga utan patient"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_THAT(unknown.err, HasSubstr("LINE_NOT_FOUND"));
  // The ambulance line of the demo serves accessible primary care only.
  RunResult wrong_track =
      Samspar(kGp, {"consult", "ask", "--consult_track=acute", "--line=ambulansen", "--question=Fråga utan patient"});
  EXPECT_NE(wrong_track.exit_code, 0);
  EXPECT_THAT(wrong_track.err, HasSubstr("TRACK_NOT_SERVED"));
}

}  // namespace
}  // namespace samspar::testing
