// The four services as processes, as the local run starts them: each comes
// up on its own database, answers the standard gRPC health protocol, is seen
// by `samspar health`, and stops cleanly on SIGTERM.

#include <signal.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/client/channel.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/reflection_client.h"
#include "tests/support/service_process.h"
#include "tests/support/test_pki.h"

namespace samspar::testing {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

const std::vector<std::string> kServices = {"roster", "consult", "conference", "metrics"};

class SuiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The services as the local run starts them: TLS from a local CA.
    ASSERT_TRUE(MakeTestPki(dir_.File("pki")).ok());
    for (const std::string& name : kServices) {
      absl::StatusOr<RunningService> service = StartService(name);
      ASSERT_TRUE(service.ok()) << service.status();
      services_[name] = std::move(*service);
    }
  }

  absl::StatusOr<RunningService> StartService(const std::string& name) {
    return StartSecuredService(name, dir_, std::to_string(++starts_));
  }

  std::shared_ptr<grpc::Channel> Channel(const std::string& name) {
    client::ChannelOptions options;
    options.tls_ca_file = dir_.File("pki/ca.pem");
    return *client::MakeChannel(absl::StrCat("127.0.0.1:", services_[name].grpc_port), options);
  }

  std::vector<std::string> AddressFlags() {
    std::vector<std::pair<std::string, int>> ports;
    for (const std::string& name : kServices) ports.emplace_back(name, services_[name].grpc_port);
    return ClientFlags(dir_, ports);
  }

  absl::StatusOr<RunResult> SamsparHealth() {
    std::vector<std::string> args = AddressFlags();
    args.push_back("health");
    return RunToCompletion(BuiltBinary("tools/samspar/samspar"), args,
                           dir_.File(absl::StrCat("cli-", ++starts_)), absl::Seconds(30));
  }

  TempDir dir_;
  int starts_ = 0;
  std::map<std::string, RunningService> services_;
};

TEST_F(SuiteTest, EveryServiceAnswersTheStandardHealthProtocol) {
  for (const std::string& name : kServices) {
    auto channel = Channel(name);
    HealthCheckRequest request;
    HealthCheckResponse response;
    auto context = client::ContextWithTimeout(absl::Seconds(5));
    grpc::Status status = Health::NewStub(channel)->Check(context.get(), request, &response);
    ASSERT_TRUE(status.ok()) << name << ": " << status.error_message();
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << name;
  }
}

TEST_F(SuiteTest, EveryServiceDescribesItsApiByServerReflection) {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"roster", {"samspar.v1.RosterService"}},
      {"consult", {"samspar.v1.ConsultService", "samspar.v1.AccessLogService"}},
      {"conference", {"samspar.v1.ConferenceService", "samspar.v1.AccessLogService"}},
      {"metrics", {"samspar.v1.MetricsService"}},
  };
  for (const auto& [name, apis] : expected) {
    absl::StatusOr<std::vector<std::string>> listed =
        ListServicesByReflection(Channel(name));
    ASSERT_TRUE(listed.ok()) << name << ": " << listed.status();
    std::vector<std::string> wanted = apis;
    wanted.push_back("grpc.health.v1.Health");
    wanted.push_back("grpc.reflection.v1alpha.ServerReflection");
    EXPECT_THAT(*listed, ::testing::UnorderedElementsAreArray(wanted)) << name;
  }
}

TEST_F(SuiteTest, SamsparHealthReportsAllFourServing) {
  absl::StatusOr<RunResult> result = SamsparHealth();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->exit_code, 0) << result->out << result->err;
  std::vector<std::string> lines = absl::StrSplit(result->out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 5u) << result->out;
  for (size_t i = 0; i < kServices.size(); ++i) {
    std::vector<std::string> columns = absl::StrSplit(lines[i + 1], ' ', absl::SkipEmpty());
    ASSERT_GE(columns.size(), 3u) << lines[i + 1];
    EXPECT_EQ(columns[0], kServices[i]);
    EXPECT_EQ(columns[1], absl::StrCat("127.0.0.1:", services_[kServices[i]].grpc_port));
    EXPECT_EQ(columns[2], "SERVING");
  }
}

TEST_F(SuiteTest, SamsparHealthNamesAServiceThatIsDown) {
  services_["metrics"].process->Signal(SIGTERM);
  ASSERT_EQ(*services_["metrics"].process->WaitForExit(absl::Seconds(30)), 0);
  absl::StatusOr<RunResult> result = SamsparHealth();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->exit_code, 1);
  std::vector<std::string> lines = absl::StrSplit(result->out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 5u) << result->out;
  EXPECT_NE(lines[1].find("SERVING"), std::string::npos);
  EXPECT_EQ(lines[4].rfind("metrics", 0), 0u);
  EXPECT_NE(lines[4].find("UNREACHABLE"), std::string::npos) << lines[4];
}

TEST_F(SuiteTest, EachServiceStopsCleanlyOnSigtermAndRestartsOnItsDatabase) {
  for (const std::string& name : kServices) {
    services_[name].process->Signal(SIGTERM);
    absl::StatusOr<int> exit_code = services_[name].process->WaitForExit(absl::Seconds(30));
    ASSERT_TRUE(exit_code.ok()) << name;
    EXPECT_EQ(*exit_code, 0) << name;
    EXPECT_NE(services_[name].process->Stderr().find("\"event\":\"server.stopped\""),
              std::string::npos);
  }
  // The schema is already there: a restart applies no migration.
  absl::StatusOr<RunningService> again = StartService("roster");
  ASSERT_TRUE(again.ok()) << again.status();
  auto serving = again->process->WaitForEvent("server.serving", absl::Seconds(5));
  ASSERT_TRUE(serving.ok());
  EXPECT_EQ((*serving)["migrations_applied"], 0);
}

}  // namespace
}  // namespace samspar::testing
