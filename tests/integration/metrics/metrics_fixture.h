#ifndef SAMSPAR_TESTS_INTEGRATION_METRICS_METRICS_FIXTURE_H_
#define SAMSPAR_TESTS_INTEGRATION_METRICS_METRICS_FIXTURE_H_

// The metrics service over real gRPC on a loopback port, with its migrations
// on a real SQLite file, its dashboard on the HTTP side port, and bearer
// tokens from the test identity provider: what the consult and conference
// services, analysts and region admins talk to.

#include <memory>
#include <string>

#include "common/calendar/stockholm_time.h"
#include "common/client/channel.h"
#include "common/http/metrics_registry.h"
#include "common/server/call_guard.h"
#include "common/server/grpc_server.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "gtest/gtest.h"
#include "samspar/v1/metrics.grpc.pb.h"
#include "services/metrics/api/metrics_service.h"
#include "services/metrics/metrics_schema.h"
#include "tests/support/service_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_identity_provider.h"

namespace samspar::metrics::testing {

inline identity::Person PersonWith(const std::string& hsa_id, identity::Role role) {
  return {.hsa_id = hsa_id, .unit_hsa_id = "SE2321000057-0001", .roles = {role}};
}

inline const identity::Person kAnalyst = PersonWith("SE2321000057-9200", identity::Role::kAnalyst);
inline const identity::Person kAdmin = PersonWith("SE2321000057-9100", identity::Role::kRegionAdmin);
inline const identity::Person kClinician = PersonWith("SE2321000057-1001", identity::Role::kClinician);
// The consult service's own identity, as it sends its outbox.
inline const identity::System kConsultService = {.client_id = "samspar-consult", .scopes = {"metrics.ingest"}};

class MetricsFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(identity_provider_.Init(dir_).ok());
    auto guard = identity_provider_.Guard();
    ASSERT_TRUE(guard.ok()) << guard.status();
    guard_ = std::move(*guard);
    auto database = sql::OpenDatabase(dir_.File("metrics.db"));
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    ASSERT_TRUE(sql::ApplyMigrations(*database_, "metrics", kMetricsMigrations).ok());
    context_ = std::make_unique<server::ServiceContext>(server::ServiceContext{*database_, registry_, *guard_});
    auto zone = calendar::StockholmTimeZone();
    ASSERT_TRUE(zone.ok()) << zone.status();
    MetricsOptions options;
    options.zone = *zone;
    auto tokens = http::LinkTokens::FromKey(std::string(32, 'd'), kDashboardPurpose);
    ASSERT_TRUE(tokens.ok());
    options.dashboard_tokens = *tokens;
    service_ = std::make_unique<MetricsServiceImpl>(*context_, std::move(options));
    server::ServerOptions server_options;
    server_options.grpc_address = {"127.0.0.1", 0};
    server_options.http_address = {"127.0.0.1", 0};
    server_options.plaintext = true;
    auto server = server::GrpcServer::Start(
        server_options, {{service_.get(), v1::MetricsService::service_full_name(), service_->HttpRoutes()}},
        registry_);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::MetricsService::NewStub(samspar::testing::LoopbackChannel(server_->grpc_port()));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  }

  // A client context carrying `person`'s token (a fresh one each call:
  // tokens are single-use).
  std::unique_ptr<grpc::ClientContext> As(const identity::Person& person, const std::string& region = "06") {
    auto context = client::ContextWithTimeout(absl::Seconds(30));
    context->AddMetadata("authorization", "Bearer " + identity_provider_.TokenFor(person, region));
    return context;
  }

  std::unique_ptr<grpc::ClientContext> AsSystem(const identity::System& system, const std::string& region = "06") {
    auto context = client::ContextWithTimeout(absl::Seconds(30));
    context->AddMetadata("authorization", "Bearer " + identity_provider_.TokenForSystem(system, region));
    return context;
  }

  samspar::testing::TempDir dir_;
  samspar::testing::TestIdentityProvider identity_provider_;
  std::unique_ptr<server::CallGuard> guard_;
  std::unique_ptr<sql::Database> database_;
  http::MetricsRegistry registry_;
  std::unique_ptr<server::ServiceContext> context_;
  std::unique_ptr<MetricsServiceImpl> service_;
  std::unique_ptr<server::GrpcServer> server_;
  std::unique_ptr<v1::MetricsService::Stub> stub_;
};

}  // namespace samspar::metrics::testing

#endif  // SAMSPAR_TESTS_INTEGRATION_METRICS_METRICS_FIXTURE_H_
