#ifndef SAMSPAR_TESTS_INTEGRATION_METRICS_METRICS_FIXTURE_H_
#define SAMSPAR_TESTS_INTEGRATION_METRICS_METRICS_FIXTURE_H_

// The metrics service over real gRPC, with its dashboard on the HTTP side
// port: what the consult and conference services, analysts and region admins
// talk to.

#include <memory>
#include <string>

#include "common/calendar/stockholm_time.h"
#include "samspar/v1/metrics.grpc.pb.h"
#include "services/metrics/api/metrics_service.h"
#include "services/metrics/metrics_schema.h"
#include "tests/support/service_fixture.h"

namespace samspar::metrics::testing {

using samspar::testing::PersonWith;

inline const identity::Person kAnalyst = PersonWith("SE2321000057-9200", identity::Role::kAnalyst);
inline const identity::Person kAdmin = PersonWith("SE2321000057-9100", identity::Role::kRegionAdmin);
inline const identity::Person kClinician = PersonWith("SE2321000057-1001", identity::Role::kClinician);
// The consult service's own identity, as it sends its outbox.
inline const identity::System kConsultService = {.client_id = "samspar-consult", .scopes = {"metrics.ingest"}};

class MetricsFixture : public samspar::testing::ServiceFixture {
 protected:
  void SetUp() override {
    OpenService("metrics", kMetricsMigrations);
    auto zone = calendar::StockholmTimeZone();
    ASSERT_TRUE(zone.ok()) << zone.status();
    MetricsOptions options;
    options.zone = *zone;
    auto tokens = http::LinkTokens::FromKey(std::string(32, 'd'), kDashboardPurpose);
    ASSERT_TRUE(tokens.ok());
    options.dashboard_tokens = *tokens;
    service_ = std::make_unique<MetricsServiceImpl>(*context_, std::move(options));
    stub_ = v1::MetricsService::NewStub(
        Serve(service_.get(), v1::MetricsService::service_full_name(), service_->HttpRoutes()));
  }

  std::unique_ptr<MetricsServiceImpl> service_;
  std::unique_ptr<v1::MetricsService::Stub> stub_;
};

}  // namespace samspar::metrics::testing

#endif  // SAMSPAR_TESTS_INTEGRATION_METRICS_METRICS_FIXTURE_H_
