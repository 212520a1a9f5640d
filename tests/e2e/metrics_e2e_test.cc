// The metrics service as an analyst meets it: the service as a process next
// to the roster, a year of demo events loaded by the script the local run
// uses (twice: the second run adds nothing), the `samspar kpi` commands, and
// the dashboard link opened over TLS.

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/redis_server.h"
#include "tests/support/test_pki.h"

namespace samspar::testing {
namespace {

using ::testing::HasSubstr;

const std::vector<std::string> kAnalyst = {"--as=SE2321000057-9200", "--roles=analyst"};

class MetricsE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(MakeTestPki(dir_.File("pki")).ok());
    std::ofstream(dir_.File("dashboard.key"), std::ios::binary) << std::string(32, 'k');
    ASSERT_TRUE(redis_.Start().ok());
    absl::StatusOr<RunningService> roster =
        StartSecuredService("roster", dir_, "1", {absl::StrCat("--redis=127.0.0.1:", redis_.port())});
    ASSERT_TRUE(roster.ok()) << roster.status();
    roster_ = std::move(*roster);
    absl::StatusOr<RunningService> metrics =
        StartSecuredService("metrics", dir_, "1",
                            {absl::StrCat("--dashboard_key_file=", dir_.File("dashboard.key")),
                             "--dashboard_base_url=https://metrics.example.se:9094"});
    ASSERT_TRUE(metrics.ok()) << metrics.status();
    metrics_ = std::move(*metrics);
    // The client reads these as the local run exports them.
    setenv("SAMSPAR_TLS_CA_FILE", dir_.File("pki/ca.pem").c_str(), 1);
    setenv("SAMSPAR_SIGNING_KEY_FILE", dir_.File("pki/token-signing-key.pem").c_str(), 1);
    setenv("SAMSPAR_ROSTER_ADDRESS", absl::StrCat("127.0.0.1:", roster_.grpc_port).c_str(), 1);
    setenv("SAMSPAR_METRICS_ADDRESS", absl::StrCat("127.0.0.1:", metrics_.grpc_port).c_str(), 1);
  }

  void TearDown() override {
    for (const char* variable :
         {"SAMSPAR_TLS_CA_FILE", "SAMSPAR_SIGNING_KEY_FILE", "SAMSPAR_ROSTER_ADDRESS", "SAMSPAR_METRICS_ADDRESS"}) {
      unsetenv(variable);
    }
  }

  RunResult Samspar(std::vector<std::string> args, const std::vector<std::string>& who = kAnalyst) {
    args.insert(args.begin(), who.begin(), who.end());
    absl::StatusOr<RunResult> run = RunToCompletion(BuiltBinary("tools/samspar/samspar"), args,
                                                    dir_.File(absl::StrCat("cli-", ++runs_)), absl::Seconds(60));
    EXPECT_TRUE(run.ok()) << run.status();
    return run.ok() ? *run : RunResult{};
  }

  RunResult Script(const std::string& script) {
    absl::StatusOr<RunResult> run = RunToCompletion(
        "/bin/bash", {absl::StrCat(SAMSPAR_SOURCE_DIR, "/deploy/", script), BuiltBinary("tools/samspar/samspar")},
        dir_.File(absl::StrCat("script-", ++runs_)), absl::Seconds(120));
    EXPECT_TRUE(run.ok()) << run.status();
    return run.ok() ? *run : RunResult{};
  }

  TempDir dir_;
  RedisServer redis_;
  RunningService roster_;
  RunningService metrics_;
  int runs_ = 0;
};

TEST_F(MetricsE2eTest, TheDemoYearLoadsOnceAndTheCommandsShowItsFigures) {
  RunResult roster = Script("load-demo-roster.sh");
  ASSERT_EQ(roster.exit_code, 0) << roster.err;
  RunResult first = Script("load-demo-metrics.sh");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  RunResult year = Samspar({"kpi", "series", "--kpis=CONSULTS_CREATED", "--granularity=month"});
  ASSERT_EQ(year.exit_code, 0) << year.err;
  RunResult again = Script("load-demo-metrics.sh");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  // The same year, not twice the year.
  EXPECT_EQ(Samspar({"kpi", "series", "--kpis=CONSULTS_CREATED", "--granularity=month"}).out, year.out);

  RunResult report = Samspar({"kpi", "report", "--group_by=track"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_THAT(report.out, HasSubstr("Skapade konsultationer"));
  EXPECT_THAT(report.out, HasSubstr("ED_AVOIDED_SHARE"));
  EXPECT_THAT(report.out, HasSubstr("Tillgänglig primärvård"));

  RunResult clinician = Samspar({"kpi", "report"}, {"--as=SE2321000057-1001", "--roles=clinician"});
  EXPECT_NE(clinician.exit_code, 0);
  EXPECT_THAT(clinician.err, HasSubstr("PERMISSION_DENIED"));
}

TEST_F(MetricsE2eTest, TheDashboardLinkOpensThePageOverTls) {
  RunResult link = Samspar({"kpi", "dashboard"});
  ASSERT_EQ(link.exit_code, 0) << link.err;
  const size_t path = link.out.find("/dashboard/regions/06?token=");
  ASSERT_NE(path, std::string::npos) << link.out;
  const std::string target = link.out.substr(path, link.out.find_first_of(" \n", path) - path);
  httplib::SSLClient http("127.0.0.1", metrics_.http_port);
  http.set_ca_cert_path(dir_.File("pki/ca.pem").c_str());
  http.enable_server_certificate_verification(true);
  auto page = http.Get(target);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("region 06"));
  auto refused = http.Get("/dashboard/regions/06?token=1.AAAA");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
}

}  // namespace
}  // namespace samspar::testing
