#include "common/config/flags.h"

#include <cstdlib>
#include <string>

#include "absl/flags/flag.h"
#include "gtest/gtest.h"

ABSL_FLAG(std::string, config_test_database, "default.db", "a test flag");
ABSL_FLAG(int, config_test_port, 1, "a test flag");

namespace samspar::config {
namespace {

class EnvironmentTest : public ::testing::Test {
 protected:
  void TearDown() override {
    unsetenv("SAMSPAR_CONFIG_TEST_DATABASE");
    unsetenv("SAMSPAR_CONFIG_TEST_PORT");
    absl::SetFlag(&FLAGS_config_test_database, "default.db");
    absl::SetFlag(&FLAGS_config_test_port, 1);
  }
};

TEST_F(EnvironmentTest, VariableNameIsPrefixedUpperCase) {
  EXPECT_EQ(EnvironmentVariableFor("http_listen"), "SAMSPAR_HTTP_LISTEN");
}

TEST_F(EnvironmentTest, EnvironmentSetsFlagsThatAreNotOnTheCommandLine) {
  setenv("SAMSPAR_CONFIG_TEST_DATABASE", "/var/lib/samspar/roster.db", 1);
  setenv("SAMSPAR_CONFIG_TEST_PORT", "50051", 1);
  ASSERT_TRUE(ApplyEnvironment().ok());
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_database), "/var/lib/samspar/roster.db");
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_port), 50051);
}

TEST_F(EnvironmentTest, CommandLineWinsOverEnvironment) {
  setenv("SAMSPAR_CONFIG_TEST_DATABASE", "/from/environment.db", 1);
  std::string arg0 = "test";
  std::string arg1 = "--config_test_database=/from/command-line.db";
  char* argv[] = {arg0.data(), arg1.data()};
  ParseFlagsOrExit(2, argv, "test");
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_database), "/from/command-line.db");
}

TEST_F(EnvironmentTest, BadValueNamesTheVariable) {
  setenv("SAMSPAR_CONFIG_TEST_PORT", "fifty", 1);
  absl::Status status = ApplyEnvironment();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("SAMSPAR_CONFIG_TEST_PORT"), absl::string_view::npos)
      << status.message();
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_port), 1);
}

TEST_F(EnvironmentTest, BadValueEndsTheProgramWithOneLine) {
  setenv("SAMSPAR_CONFIG_TEST_PORT", "fifty", 1);
  std::string arg0 = "samspar-test";
  char* argv[] = {arg0.data()};
  EXPECT_EXIT(ParseFlagsOrExit(1, argv, "test"), ::testing::ExitedWithCode(2),
              "^samspar-test: environment variable SAMSPAR_CONFIG_TEST_PORT: .*\n$");
}

}  // namespace
}  // namespace samspar::config
