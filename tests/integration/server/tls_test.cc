// The TLS hook of the server bootstrap: a server given a certificate serves
// only TLS, to clients that trust its certificate authority.

#include <memory>
#include <string>

#include "common/client/channel.h"
#include "common/server/grpc_server.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/service_process.h"

namespace samspar::server {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using samspar::testing::RunToCompletion;
using samspar::testing::TempDir;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A self-signed certificate for this machine's loopback, which clients
    // then trust as their certificate authority.
    absl::StatusOr<samspar::testing::RunResult> made = RunToCompletion(
        "/usr/bin/openssl",
        {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-days", "1", "-subj", "/CN=localhost", "-addext",
         "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", dir_.File("key.pem"), "-out",
         dir_.File("cert.pem")},
        dir_.File("openssl"), absl::Seconds(30));
    ASSERT_TRUE(made.ok() && made->exit_code == 0) << (made.ok() ? made->err : "not run");

    options_.grpc_address = {"127.0.0.1", 0};
    options_.http_address = {"127.0.0.1", 0};
    options_.tls_cert_file = dir_.File("cert.pem");
    options_.tls_key_file = dir_.File("key.pem");
  }

  grpc::Status Check(const client::ChannelOptions& channel_options, int port) {
    auto channel = client::MakeChannel("127.0.0.1:" + std::to_string(port), channel_options);
    if (!channel.ok()) return grpc::Status(grpc::StatusCode::INTERNAL, "no channel");
    HealthCheckRequest request;
    HealthCheckResponse response;
    auto context = client::ContextWithTimeout(absl::Seconds(5));
    return Health::NewStub(*channel)->Check(context.get(), request, &response);
  }

  TempDir dir_;
  ServerOptions options_;
  http::MetricsRegistry registry_;
};

TEST_F(TlsTest, AClientThatTrustsTheCertificateIsServed) {
  auto server = GrpcServer::Start(options_, {}, registry_);
  ASSERT_TRUE(server.ok()) << server.status();
  client::ChannelOptions trusting;
  trusting.tls_ca_file = dir_.File("cert.pem");
  grpc::Status status = Check(trusting, (*server)->grpc_port());
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(TlsTest, APlaintextClientCannotTalkToATlsServer) {
  auto server = GrpcServer::Start(options_, {}, registry_);
  ASSERT_TRUE(server.ok()) << server.status();
  client::ChannelOptions plaintext;
  plaintext.plaintext = true;
  EXPECT_EQ(Check(plaintext, (*server)->grpc_port()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, AClientThatDoesNotTrustTheCertificateIsRefused) {
  auto server = GrpcServer::Start(options_, {}, registry_);
  ASSERT_TRUE(server.ok()) << server.status();
  // The system's roots did not sign this certificate.
  EXPECT_EQ(Check(client::ChannelOptions{}, (*server)->grpc_port()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, AnUnreadableCertificateIsNamedAtStart) {
  options_.tls_cert_file = dir_.File("missing.pem");
  auto server = GrpcServer::Start(options_, {}, registry_);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().message(),
            "cannot read --tls_cert_file " + dir_.File("missing.pem") +
                ": No such file or directory");
}

}  // namespace
}  // namespace samspar::server
