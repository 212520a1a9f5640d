// The roster as an operator and a clinician meet it: the service as a
// process with a real Redis, the demo roster loaded by the script the local
// run uses, and the `samspar` commands that answer "who is on call".

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/redis_server.h"
#include "tests/support/test_pki.h"

namespace samspar::testing {
namespace {

using ::testing::HasSubstr;

class RosterE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(MakeTestPki(dir_.File("pki")).ok());
    ASSERT_TRUE(redis_.Start().ok());
    absl::StatusOr<RunningService> roster =
        StartSecuredService("roster", dir_, "1", {absl::StrCat("--redis=127.0.0.1:", redis_.port())});
    ASSERT_TRUE(roster.ok()) << roster.status();
    roster_ = std::move(*roster);
    // The client reads these as the local run exports them.
    setenv("SAMSPAR_TLS_CA_FILE", dir_.File("pki/ca.pem").c_str(), 1);
    setenv("SAMSPAR_SIGNING_KEY_FILE", dir_.File("pki/token-signing-key.pem").c_str(), 1);
    setenv("SAMSPAR_ROSTER_ADDRESS", absl::StrCat("127.0.0.1:", roster_.grpc_port).c_str(), 1);
  }

  void TearDown() override {
    unsetenv("SAMSPAR_TLS_CA_FILE");
    unsetenv("SAMSPAR_SIGNING_KEY_FILE");
    unsetenv("SAMSPAR_ROSTER_ADDRESS");
  }

  RunResult Samspar(const std::vector<std::string>& args) {
    absl::StatusOr<RunResult> run = RunToCompletion(BuiltBinary("tools/samspar/samspar"), args,
                                                    dir_.File(absl::StrCat("cli-", ++runs_)), absl::Seconds(30));
    EXPECT_TRUE(run.ok()) << run.status();
    return run.ok() ? *run : RunResult{};
  }

  RunResult LoadDemo() {
    absl::StatusOr<RunResult> run = RunToCompletion(
        "/bin/bash",
        {absl::StrCat(SAMSPAR_SOURCE_DIR, "/deploy/load-demo-roster.sh"), BuiltBinary("tools/samspar/samspar")},
        dir_.File(absl::StrCat("demo-", ++runs_)), absl::Seconds(60));
    EXPECT_TRUE(run.ok()) << run.status();
    return run.ok() ? *run : RunResult{};
  }

  TempDir dir_;
  RedisServer redis_;
  RunningService roster_;
  int runs_ = 0;
};

TEST_F(RosterE2eTest, TheDemoRosterLoadsOnceAndAnswersWhoIsOnCall) {
  RunResult first = LoadDemo();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  RunResult again = LoadDemo();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  RunResult lines = Samspar({"--as=SE2321000057-1001", "lines"});
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  EXPECT_EQ(std::count(lines.out.begin(), lines.out.end(), '\n'), 3) << lines.out;
  EXPECT_THAT(lines.out, HasSubstr("Kardiologkonsult, regionen"));

  RunResult oncall = Samspar({"--as=SE2321000057-1001", "oncall", "bakjour"});
  ASSERT_EQ(oncall.exit_code, 0) << oncall.err;
  EXPECT_THAT(oncall.out, HasSubstr("Bakjour internmedicin, Ryhov"));
  EXPECT_THAT(oncall.out, HasSubstr("step 1  on_call"));
  EXPECT_THAT(oncall.out, HasSubstr("step 3  switchboard  +4636321000"));
  EXPECT_THAT(oncall.out, HasSubstr("rotation"));
  EXPECT_THAT(oncall.out, ::testing::Not(HasSubstr("nobody")));
}

TEST_F(RosterE2eTest, APresenceSetFromTheCommandLineShowsInTheAnswer) {
  ASSERT_EQ(LoadDemo().exit_code, 0);
  // The acute line's first step is one of Berg, Dahl, Ek and Falk: all set
  // themselves available, and the answer says so.
  for (const char* id : {"D001", "D002", "D003", "D004"}) {
    RunResult set = Samspar({absl::StrCat("--as=SE2321000057-", id), "presence", "set", "available", "--note=Avd 3"});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    EXPECT_THAT(set.out, HasSubstr("available  until"));
  }
  RunResult other = Samspar({"--as=SE2321000057-D001", "presence", "get", "SE2321000057-D005"});
  EXPECT_THAT(other.out, HasSubstr("unknown"));
  RunResult oncall = Samspar({"--as=SE2321000057-1001", "oncall", "bakjour"});
  ASSERT_EQ(oncall.exit_code, 0) << oncall.err;
  EXPECT_THAT(oncall.out, HasSubstr("available"));
  RunResult found = Samspar({"--as=SE2321000057-1001", "--track=accessible-primary-care", "oncall"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_THAT(found.out, HasSubstr("Läkare för ambulansen"));
}

}  // namespace
}  // namespace samspar::testing
