// Transport security of every server of the suite, over real connections on
// loopback: TLS for gRPC and for the HTTP side port, mutual TLS for the
// services calling each other, and certificates rotated without a restart.

#include <filesystem>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "common/client/channel.h"
#include "common/server/grpc_server.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

namespace samspar::server {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using samspar::testing::MakeTestPki;
using samspar::testing::TempDir;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(MakeTestPki(dir_.File("pki")).ok());
    options_.grpc_address = {"127.0.0.1", 0};
    options_.http_address = {"127.0.0.1", 0};
    options_.tls_cert_file = Pki("server.pem");
    options_.tls_key_file = Pki("server-key.pem");
    options_.tls_refresh_interval = absl::Seconds(1);
  }

  std::string Pki(const std::string& file) const { return dir_.File("pki/" + file); }

  void Start() {
    auto server = GrpcServer::Start(options_, {}, registry_);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  client::ChannelOptions Trusting(const std::string& ca_file) const {
    client::ChannelOptions options;
    options.tls_ca_file = ca_file;
    return options;
  }

  grpc::Status Check(const client::ChannelOptions& channel_options) {
    auto channel = client::MakeChannel("127.0.0.1:" + std::to_string(server_->grpc_port()),
                                       channel_options);
    if (!channel.ok()) return grpc::Status(grpc::StatusCode::INTERNAL, "no channel");
    HealthCheckRequest request;
    HealthCheckResponse response;
    auto context = client::ContextWithTimeout(absl::Seconds(5));
    return Health::NewStub(*channel)->Check(context.get(), request, &response);
  }

  int SidePortStatus(const std::string& ca_file) {
    httplib::SSLClient client("127.0.0.1", server_->http_port());
    client.set_ca_cert_path(ca_file.c_str());
    client.enable_server_certificate_verification(true);
    auto response = client.Get("/healthz");
    return response ? response->status : -1;
  }

  // Replaces the server's certificate and key with those of a new CA, as a
  // Kubernetes secret update does, and returns that CA's file.
  std::string RotateToANewCa() {
    std::string fresh = dir_.File("fresh");
    EXPECT_TRUE(MakeTestPki(fresh).ok());
    for (const std::string file : {"server-key.pem", "server.pem"}) {
      std::filesystem::copy_file(fresh + "/" + file, Pki(file + ".new"));
      std::filesystem::rename(Pki(file + ".new"), Pki(file));
    }
    return fresh + "/ca.pem";
  }

  TempDir dir_;
  ServerOptions options_;
  http::MetricsRegistry registry_;
  std::unique_ptr<GrpcServer> server_;
};

TEST_F(TlsTest, AClientThatTrustsTheCaIsServed) {
  Start();
  grpc::Status status = Check(Trusting(Pki("ca.pem")));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(TlsTest, APlaintextClientCannotTalkToATlsServer) {
  Start();
  client::ChannelOptions plaintext;
  plaintext.plaintext = true;
  EXPECT_EQ(Check(plaintext).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, AClientThatDoesNotTrustTheCaIsRefused) {
  Start();
  // The system's roots did not sign the local CA.
  EXPECT_EQ(Check(client::ChannelOptions{}).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, MutualTlsRefusesAClientWithoutACertificateAndServesOneWithIt) {
  options_.tls_client_ca_file = Pki("ca.pem");
  options_.require_client_cert = true;
  Start();
  EXPECT_EQ(Check(Trusting(Pki("ca.pem"))).error_code(), grpc::StatusCode::UNAVAILABLE);
  client::ChannelOptions service = Trusting(Pki("ca.pem"));
  service.tls_cert_file = Pki("client.pem");
  service.tls_key_file = Pki("client-key.pem");
  grpc::Status status = Check(service);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(TlsTest, AClientCertificateFromAnotherCaIsRefused) {
  options_.tls_client_ca_file = Pki("ca.pem");
  Start();
  std::string other = dir_.File("other");
  ASSERT_TRUE(MakeTestPki(other).ok());
  client::ChannelOptions stranger = Trusting(Pki("ca.pem"));
  stranger.tls_cert_file = other + "/client.pem";
  stranger.tls_key_file = other + "/client-key.pem";
  EXPECT_EQ(Check(stranger).error_code(), grpc::StatusCode::UNAVAILABLE);
  // Without --tls_require_client_cert, a client may still come without one.
  EXPECT_TRUE(Check(Trusting(Pki("ca.pem"))).ok());
}

TEST_F(TlsTest, ARotatedCertificateIsServedWithoutARestart) {
  Start();
  ASSERT_TRUE(Check(Trusting(Pki("ca.pem"))).ok());
  std::string new_ca = RotateToANewCa();
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (!Check(Trusting(new_ca)).ok() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_TRUE(Check(Trusting(new_ca)).ok());
  EXPECT_FALSE(Check(Trusting(Pki("ca.pem"))).ok());
}

TEST_F(TlsTest, TheSidePortSpeaksTlsWithTheSameCertificateAndRotatesIt) {
  Start();
  EXPECT_EQ(SidePortStatus(Pki("ca.pem")), 200);
  httplib::Client plain("127.0.0.1", server_->http_port());
  EXPECT_FALSE(plain.Get("/healthz"));

  std::string new_ca = RotateToANewCa();
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (SidePortStatus(new_ca) != 200 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_EQ(SidePortStatus(new_ca), 200);
  EXPECT_NE(SidePortStatus(Pki("ca.pem")), 200);
}

TEST_F(TlsTest, AnUnreadableCertificateIsNamedAtStart) {
  options_.tls_cert_file = Pki("missing.pem");
  auto server = GrpcServer::Start(options_, {}, registry_);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().message(),
            "cannot read certificate " + Pki("missing.pem") + ": No such file or directory");
}

TEST_F(TlsTest, AKeyThatDoesNotMatchTheCertificateIsNamedAtStart) {
  options_.tls_key_file = Pki("client-key.pem");
  auto server = GrpcServer::Start(options_, {}, registry_);
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find("does not belong to certificate"),
            absl::string_view::npos)
      << server.status();
}

}  // namespace
}  // namespace samspar::server
