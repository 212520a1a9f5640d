// What an operator sees when a service cannot start: one line that says what
// is wrong, and a non-zero exit status, before anything is served.

#include <stdlib.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/service_process.h"
#include "tests/support/test_pki.h"

namespace samspar::testing {
namespace {

class StartupErrorTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(MakeTestPki(dir_.File("pki")).ok()); }

  // Runs the roster service with `args` and expects it to refuse to start
  // with a single line on standard error containing `expected`.
  void ExpectOneLineError(const std::vector<std::string>& args, const std::string& expected) {
    absl::StatusOr<RunResult> result = RunToCompletion(
        ServiceBinary("roster"), args, dir_.File(absl::StrCat("run-", ++runs_)), absl::Seconds(30));
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_NE(result->exit_code, 0);
    std::vector<std::string> lines = absl::StrSplit(result->err, '\n', absl::SkipEmpty());
    ASSERT_EQ(lines.size(), 1u) << result->err;
    EXPECT_NE(lines[0].find(expected), std::string::npos) << lines[0];
  }

  std::vector<std::string> ValidArgs() { return WithKeys({"--database=" + dir_.File("roster.db")}); }

  // `args` plus loopback ports, plaintext and the test keys.
  std::vector<std::string> WithKeys(std::vector<std::string> args) {
    args.insert(args.end(), {"--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0", "--plaintext",
                             "--jwks_file=" + dir_.File("pki/jwks.json")});
    return args;
  }

  TempDir dir_;
  int runs_ = 0;
};

TEST_F(StartupErrorTest, UnknownFlag) {
  std::vector<std::string> args = ValidArgs();
  args.push_back("--no_such_flag=1");
  ExpectOneLineError(args, "no_such_flag");
}

TEST_F(StartupErrorTest, MalformedListenAddress) {
  ExpectOneLineError({"--listen=localhost", "--plaintext", "--database=x.db",
                      "--jwks_file=" + dir_.File("pki/jwks.json")},
                     "--listen: listen address \\\"localhost\\\" has no port");
}

TEST_F(StartupErrorTest, MissingDatabase) {
  ExpectOneLineError(WithKeys({}), "--database is required");
}

TEST_F(StartupErrorTest, DatabaseInAFolderThatDoesNotExist) {
  std::string path = dir_.File("missing/folder/roster.db");
  ExpectOneLineError(WithKeys({"--database=" + path}), path);
}

TEST_F(StartupErrorTest, DatabasePathThatIsAFolder) {
  ExpectOneLineError(WithKeys({"--database=" + dir_.path()}), dir_.path());
}

TEST_F(StartupErrorTest, NoTlsCertificateAndNoPlaintext) {
  ExpectOneLineError({"--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0",
                      "--database=" + dir_.File("roster.db"),
                      "--jwks_file=" + dir_.File("pki/jwks.json")},
                     "no TLS certificate");
}

TEST_F(StartupErrorTest, NoKeysToVerifyTokensWith) {
  ExpectOneLineError({"--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0", "--plaintext",
                      "--database=" + dir_.File("roster.db")},
                     "--jwks_file is required");
}

TEST_F(StartupErrorTest, AJwksFileThatIsNotOne) {
  ExpectOneLineError({"--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0", "--plaintext",
                      "--database=" + dir_.File("roster.db"),
                      "--jwks_file=" + dir_.File("pki/ca.pem")},
                     dir_.File("pki/ca.pem"));
}

TEST_F(StartupErrorTest, GrpcPortInUse) {
  auto first = ServiceProcess::Start(ServiceBinary("roster"), ValidArgs(), dir_.File("first"));
  ASSERT_TRUE(first.ok());
  auto serving = (*first)->WaitForEvent("server.serving", absl::Seconds(30));
  ASSERT_TRUE(serving.ok()) << serving.status();
  int port = (*serving)["grpc_port"].get<int>();
  ExpectOneLineError({absl::StrCat("--listen=127.0.0.1:", port), "--http_listen=127.0.0.1:0",
                      "--plaintext", "--database=" + dir_.File("second.db"),
                      "--jwks_file=" + dir_.File("pki/jwks.json")},
                     absl::StrCat("cannot listen on 127.0.0.1:", port, ": address already in use"));
}

TEST_F(StartupErrorTest, BadValueInTheEnvironment) {
  setenv("SAMSPAR_LOG_LEVEL", "loud", 1);
  ExpectOneLineError(ValidArgs(), "log level must be debug, info, warn or error");
  unsetenv("SAMSPAR_LOG_LEVEL");
}

}  // namespace
}  // namespace samspar::testing
