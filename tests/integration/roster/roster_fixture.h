#ifndef SAMSPAR_TESTS_INTEGRATION_ROSTER_ROSTER_FIXTURE_H_
#define SAMSPAR_TESTS_INTEGRATION_ROSTER_ROSTER_FIXTURE_H_

// The roster service over real gRPC, with presence in a real redis-server:
// what a region's systems and apps talk to.

#include <memory>
#include <string>

#include "common/calendar/stockholm_time.h"
#include "samspar/v1/roster.grpc.pb.h"
#include "services/roster/roster_schema.h"
#include "services/roster/roster_service.h"
#include "tests/support/redis_server.h"
#include "tests/support/service_fixture.h"

namespace samspar::roster::testing {

using samspar::testing::PersonWith;

inline const identity::Person kAdmin = PersonWith("SE2321000057-9100", identity::Role::kRegionAdmin);
inline const identity::Person kClinician = PersonWith("SE2321000057-1001", identity::Role::kClinician);

class RosterFixture : public samspar::testing::ServiceFixture {
 protected:
  void SetUp() override {
    OpenService("roster", kRosterMigrations);
    ASSERT_TRUE(redis_.Start().ok());
    auto zone = calendar::StockholmTimeZone();
    ASSERT_TRUE(zone.ok()) << zone.status();
    options_.zone = *zone;
    options_.redis.port = redis_.port();
    auto feed_tokens = http::LinkTokens::FromKey(std::string(32, 'k'), roster::kCalendarFeedPurpose);
    ASSERT_TRUE(feed_tokens.ok());
    options_.feed_tokens = *feed_tokens;
    service_ = std::make_unique<RosterServiceImpl>(*context_, options_);
    stub_ = v1::RosterService::NewStub(
        Serve(service_.get(), v1::RosterService::service_full_name(), service_->HttpRoutes()));
  }

  samspar::testing::RedisServer redis_;
  RosterOptions options_;
  std::unique_ptr<RosterServiceImpl> service_;
  std::unique_ptr<v1::RosterService::Stub> stub_;
};

}  // namespace samspar::roster::testing

#endif  // SAMSPAR_TESTS_INTEGRATION_ROSTER_ROSTER_FIXTURE_H_
