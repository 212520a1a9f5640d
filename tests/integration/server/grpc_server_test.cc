// The server bootstrap over real gRPC on loopback: what a client and an
// operator see of any service of the suite.

#include "common/server/grpc_server.h"

#include <future>
#include <string>

#include "common/client/channel.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/support/service_process.h"
#include "tests/support/slow_service.h"

namespace samspar::server {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using samspar::testing::SleepRequest;
using samspar::testing::SleepResponse;
using samspar::testing::SlowService;

ServerOptions LoopbackOptions() {
  ServerOptions options;
  options.grpc_address = {"127.0.0.1", 0};
  options.http_address = {"127.0.0.1", 0};
  options.plaintext = true;
  options.max_message_bytes = 64 * 1024;
  return options;
}

class GrpcServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = GrpcServer::Start(
        LoopbackOptions(), {{&service_, SlowService::service_full_name()}}, registry_);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    channel_ = samspar::testing::LoopbackChannel(server_->grpc_port());
  }

  std::string Address() const { return "127.0.0.1:" + std::to_string(server_->grpc_port()); }

  grpc::Status Sleep(int64_t milliseconds, std::string padding = "") {
    SleepRequest request;
    request.set_milliseconds(milliseconds);
    request.set_padding(std::move(padding));
    SleepResponse response;
    auto context = client::ContextWithTimeout(absl::Seconds(10));
    return SlowService::NewStub(channel_)->Sleep(context.get(), request, &response);
  }

  grpc::Status Check(const std::string& service, HealthCheckResponse* response) {
    HealthCheckRequest request;
    request.set_service(service);
    auto context = client::ContextWithTimeout(absl::Seconds(5));
    return Health::NewStub(channel_)->Check(context.get(), request, response);
  }

  samspar::testing::SlowServiceImpl service_;
  http::MetricsRegistry registry_;
  std::unique_ptr<GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(GrpcServerTest, ReportsServingForTheServerAndForItsServiceByName) {
  for (const std::string& name : {std::string(), std::string("samspar.testing.SlowService")}) {
    HealthCheckResponse response;
    ASSERT_TRUE(Check(name, &response).ok()) << name;
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << name;
  }
  HealthCheckResponse response;
  EXPECT_EQ(Check("samspar.v1.NoSuchService", &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(GrpcServerTest, CountsEveryRpcByMethodAndCodeOnTheSidePort) {
  ASSERT_TRUE(Sleep(1).ok());
  ASSERT_TRUE(Sleep(1).ok());
  httplib::Client http("127.0.0.1", server_->http_port());
  auto metrics = http.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("grpc_server_handled_total{grpc_service=\"samspar.testing."
                               "SlowService\",grpc_method=\"Sleep\",grpc_code=\"OK\"} 2\n"),
            std::string::npos)
      << metrics->body;
  EXPECT_NE(metrics->body.find("grpc_server_handling_seconds_count{grpc_service=\"samspar."
                               "testing.SlowService\",grpc_method=\"Sleep\"} 2\n"),
            std::string::npos);
  auto healthz = http.Get("/healthz");
  ASSERT_TRUE(healthz);
  EXPECT_EQ(healthz->status, 200);
}

TEST_F(GrpcServerTest, RefusesAMessageOverTheSizeLimit) {
  EXPECT_TRUE(Sleep(0, std::string(1024, 'x')).ok());
  EXPECT_EQ(Sleep(0, std::string(100 * 1024, 'x')).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(GrpcServerTest, ShutdownLetsACallInFlightFinish) {
  std::future<grpc::Status> call = std::async(std::launch::async, [this] { return Sleep(800); });
  // The call is in flight once the server has seen it: wait for that.
  while (service_.calls_started() == 0) absl::SleepFor(absl::Milliseconds(5));
  server_->Shutdown(absl::Seconds(10));
  EXPECT_TRUE(call.get().ok());
  EXPECT_FALSE(server_->serving());
}

TEST_F(GrpcServerTest, ShutdownCancelsWhatOutlastsTheGrace) {
  std::future<grpc::Status> call = std::async(std::launch::async, [this] { return Sleep(5000); });
  while (service_.calls_started() == 0) absl::SleepFor(absl::Milliseconds(5));
  server_->Shutdown(absl::Milliseconds(100));
  EXPECT_FALSE(call.get().ok());
}

TEST_F(GrpcServerTest, APortInUseIsRefusedWithAClearError) {
  ServerOptions options = LoopbackOptions();
  options.grpc_address.port = server_->grpc_port();
  http::MetricsRegistry registry;
  auto second = GrpcServer::Start(options, {}, registry);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().message(),
            "cannot listen on " + Address() + ": address already in use");
}

}  // namespace
}  // namespace samspar::server
