#ifndef SAMSPAR_TESTS_SUPPORT_SERVICE_FIXTURE_H_
#define SAMSPAR_TESTS_SUPPORT_SERVICE_FIXTURE_H_

// What every in-process service test stands on: the service's migrations on a
// real SQLite file, bearer tokens from the test identity provider and a
// CallGuard that trusts it, and the service served over real gRPC (and its
// HTTP side port) on loopback ports.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "common/client/channel.h"
#include "common/http/http_route.h"
#include "common/http/metrics_registry.h"
#include "common/server/call_guard.h"
#include "common/server/grpc_server.h"
#include "common/server/service_main.h"
#include "common/sql/migrations.h"
#include "common/sql/open_database.h"
#include "gtest/gtest.h"
#include "tests/support/service_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_identity_provider.h"

namespace samspar::testing {

inline identity::Person PersonWith(const std::string& hsa_id, identity::Role role) {
  return {.hsa_id = hsa_id, .unit_hsa_id = "SE2321000057-0001", .roles = {role}};
}

class ServiceFixture : public ::testing::Test {
 protected:
  // The identity provider, the guard and `service`'s database with its
  // migrations; `context_` is then ready for the service's implementation.
  void OpenService(const std::string& service, absl::Span<const sql::Migration> migrations) {
    ASSERT_TRUE(identity_provider_.Init(dir_).ok());
    auto guard = identity_provider_.Guard();
    ASSERT_TRUE(guard.ok()) << guard.status();
    guard_ = std::move(*guard);
    auto database = sql::OpenDatabase(dir_.File(service + ".db"));
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    ASSERT_TRUE(sql::ApplyMigrations(*database_, service, migrations).ok());
    context_ = std::make_unique<server::ServiceContext>(server::ServiceContext{*database_, registry_, *guard_});
  }

  // Serves `service` (the API `name`) on loopback; returns the channel to it.
  std::shared_ptr<grpc::Channel> Serve(grpc::Service* service, const std::string& name,
                                       std::vector<http::HttpRoute> routes = {}) {
    server::ServerOptions options;
    options.grpc_address = {"127.0.0.1", 0};
    options.http_address = {"127.0.0.1", 0};
    options.plaintext = true;
    auto server = server::GrpcServer::Start(options, {{service, name, std::move(routes)}}, registry_);
    EXPECT_TRUE(server.ok()) << server.status();
    if (!server.ok()) return nullptr;
    server_ = std::move(*server);
    return LoopbackChannel(server_->grpc_port());
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  }

  // A client context carrying `person`'s token (a fresh one each call:
  // tokens are single-use).
  std::unique_ptr<grpc::ClientContext> As(const identity::Person& person, const std::string& region = "06") {
    return WithToken(identity_provider_.TokenFor(person, region));
  }

  std::unique_ptr<grpc::ClientContext> AsSystem(const identity::System& system, const std::string& region = "06") {
    return WithToken(identity_provider_.TokenForSystem(system, region));
  }

  TempDir dir_;
  TestIdentityProvider identity_provider_;
  std::unique_ptr<server::CallGuard> guard_;
  std::unique_ptr<sql::Database> database_;
  http::MetricsRegistry registry_;
  std::unique_ptr<server::ServiceContext> context_;
  std::unique_ptr<server::GrpcServer> server_;

 private:
  static std::unique_ptr<grpc::ClientContext> WithToken(const std::string& token) {
    return client::ContextWithToken(absl::Seconds(30), token);
  }
};

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_SERVICE_FIXTURE_H_
