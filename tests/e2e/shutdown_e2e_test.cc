// Graceful shutdown as Kubernetes does it: SIGTERM while a slow call is in
// flight lets that call finish, then the process exits 0.

#include <signal.h>

#include <future>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/client/channel.h"
#include "gtest/gtest.h"
#include "testing.grpc.pb.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/service_process.h"
#include "tests/support/test_pki.h"

namespace samspar::testing {
namespace {

class ShutdownTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(MakeTestPki(dir_.File("pki")).ok());
    auto process = ServiceProcess::Start(
        BuiltBinary("tests/support/samspar-test-server"),
        {"--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0", "--plaintext",
         absl::StrCat("--database=", dir_.File("test.db")), "--shutdown_grace=20s",
         absl::StrCat("--jwks_file=", dir_.File("pki/jwks.json"))},
        dir_.File("server"));
    ASSERT_TRUE(process.ok()) << process.status();
    process_ = std::move(*process);
    auto serving = process_->WaitForEvent("server.serving", absl::Seconds(30));
    ASSERT_TRUE(serving.ok()) << serving.status();
    stub_ = SlowService::NewStub(LoopbackChannel((*serving)["grpc_port"].get<int>()));
  }

  TempDir dir_;
  std::unique_ptr<ServiceProcess> process_;
  std::unique_ptr<SlowService::Stub> stub_;
};

TEST_P(ShutdownTest, ASlowCallInFlightFinishesThenTheProcessExitsZero) {
  std::future<std::pair<grpc::Status, SleepResponse>> call =
      std::async(std::launch::async, [this] {
        SleepRequest request;
        request.set_milliseconds(1500);
        SleepResponse response;
        auto context = client::ContextWithTimeout(absl::Seconds(30));
        grpc::Status status = stub_->Sleep(context.get(), request, &response);
        return std::make_pair(status, response);
      });
  ASSERT_TRUE(process_->WaitForEvent("test.sleep_started", absl::Seconds(10)).ok());

  process_->Signal(GetParam());

  auto [status, response] = call.get();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.slept_milliseconds(), 1500);
  absl::StatusOr<int> exit_code = process_->WaitForExit(absl::Seconds(30));
  ASSERT_TRUE(exit_code.ok());
  EXPECT_EQ(*exit_code, 0) << process_->Stderr();
  std::string log = process_->Stderr();
  EXPECT_LT(log.find("\"event\":\"server.stopping\""), log.find("\"event\":\"server.stopped\""));
}

INSTANTIATE_TEST_SUITE_P(Signals, ShutdownTest, ::testing::Values(SIGTERM, SIGINT),
                         [](const ::testing::TestParamInfo<int>& signal) {
                           return signal.param == SIGTERM ? std::string("Sigterm")
                                                          : std::string("Sigint");
                         });

}  // namespace
}  // namespace samspar::testing
