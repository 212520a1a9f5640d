// Consults go on while the metrics service is down, and when it comes up
// every event of theirs arrives exactly once: the consult service over real
// gRPC with the real roster, delivering its outbox to the real metrics
// service on the same address before and after the outage.

#include <memory>
#include <vector>

#include "common/calendar/stockholm_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "samspar/v1/metrics.grpc.pb.h"
#include "services/metrics/api/metrics_service.h"
#include "services/metrics/metrics_schema.h"
#include "tests/integration/consult/consult_fixture.h"

namespace samspar::consult::testing {
namespace {

class ConsultMetricsTest : public ConsultFixture {
 protected:
  void SetUp() override {
    ConsultFixture::SetUp();
    if (HasFatalFailure()) return;
    auto database = sql::OpenDatabase(dir_.File("metrics.db"));
    ASSERT_TRUE(database.ok()) << database.status();
    metrics_database_ = std::move(*database);
    ASSERT_TRUE(sql::ApplyMigrations(*metrics_database_, "metrics", metrics::kMetricsMigrations).ok());
    metrics_context_ = std::make_unique<server::ServiceContext>(
        server::ServiceContext{*metrics_database_, metrics_registry_, *guard_});
    // Learn a free port for metrics, then leave it down.
    StartMetrics(0);
    metrics_port_ = metrics_server_->grpc_port();
    StopMetrics();
    metrics_channel_ = samspar::testing::LoopbackChannel(metrics_port_);
    Restart();
  }

  void TearDown() override {
    StopMetrics();
    ConsultFixture::TearDown();
  }

  void StartMetrics(int port) {
    auto zone = calendar::StockholmTimeZone();
    ASSERT_TRUE(zone.ok()) << zone.status();
    metrics::MetricsOptions options;
    options.zone = *zone;
    metrics_ = std::make_unique<metrics::MetricsServiceImpl>(*metrics_context_, std::move(options));
    server::ServerOptions server_options;
    server_options.grpc_address = {"127.0.0.1", port};
    server_options.http_address = {"127.0.0.1", 0};
    server_options.plaintext = true;
    auto server = server::GrpcServer::Start(
        server_options, {{metrics_.get(), v1::MetricsService::service_full_name(), {}}}, metrics_registry_);
    ASSERT_TRUE(server.ok()) << server.status();
    metrics_server_ = std::move(*server);
  }

  void StopMetrics() {
    if (metrics_server_ != nullptr) metrics_server_->Shutdown(absl::Seconds(1));
    metrics_server_.reset();
    metrics_.reset();
  }

  // The events metrics stored, and how many distinct ids they have.
  std::pair<int64_t, int64_t> StoredEvents() {
    auto rows = metrics_database_->Query("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events", {});
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok()) return {-1, -1};
    return {*rows->front().GetInt64(0), *rows->front().GetInt64(1)};
  }

  // Delivery rounds as the relay runs them, a quarter of an hour apart, so
  // that every backoff has passed, until nothing is pending; then the clock
  // is set back, so that later events are not ahead of metrics' own clock.
  void DeliverAll() {
    for (int round = 1; round <= 20; ++round) {
      clock_.Advance(absl::Minutes(15));
      absl::StatusOr<outbox::RelayCounts> counts = Service().DeliverEvents();
      ASSERT_TRUE(counts.ok()) << counts.status();
      if (OutboxEvents().empty()) {
        clock_.Advance(-absl::Minutes(15) * round);
        return;
      }
    }
    auto errors = replica_->database->Query("SELECT DISTINCT last_error FROM outbox", {});
    FAIL() << "events are still waiting in the outbox: "
           << (errors.ok() && !errors->empty() ? *errors->front().GetText(0) : "");
  }

  std::unique_ptr<sql::Database> metrics_database_;
  http::MetricsRegistry metrics_registry_;
  std::unique_ptr<server::ServiceContext> metrics_context_;
  std::unique_ptr<metrics::MetricsServiceImpl> metrics_;
  std::unique_ptr<server::GrpcServer> metrics_server_;
  int metrics_port_ = 0;
};

TEST_F(ConsultMetricsTest, ConsultsGoOnWhileMetricsIsDownAndEveryEventArrivesOnceWhenItIsBack) {
  const v1::Line line = StaffedAcuteLine();
  std::vector<std::string> consults;
  for (int i = 0; i < 3; ++i) {
    const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name())));
    ASSERT_EQ(created.state(), v1::CONSULT_STATE_OFFERED);
    ASSERT_TRUE(Accept(created.name(), DoctorCaller("D001")).ok());
    ASSERT_TRUE(Answer(created.name(), DoctorCaller("D001"), v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED).ok());
    consults.push_back(created.name());
  }
  const size_t written = OutboxEvents().size();
  EXPECT_EQ(written, 3u * 4u);  // created, offered, accepted, answered

  // Metrics is down: delivery fails and the events wait.
  absl::StatusOr<outbox::RelayCounts> counts = Service().DeliverEvents();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(OutboxEvents().size(), written);

  // A restart of the consult service meanwhile loses nothing.
  Restart();
  EXPECT_EQ(OutboxEvents().size(), written);

  StartMetrics(metrics_port_);
  // The channel reconnects on its own backoff, as it would between the
  // relay's rounds.
  ASSERT_TRUE(metrics_channel_->WaitForConnected(
      gpr_time_add(gpr_now(GPR_CLOCK_REALTIME), gpr_time_from_seconds(30, GPR_TIMESPAN))));
  DeliverAll();
  EXPECT_EQ(StoredEvents(), std::make_pair(int64_t(written), int64_t(written)));

  // More work after the outage goes through as well, and nothing twice.
  ASSERT_TRUE(Get(consults[0]).state() == v1::CONSULT_STATE_ANSWERED);
  v1::CloseConsultRequest close;
  close.set_name(consults[0]);
  v1::Consult closed;
  ASSERT_TRUE(Consults().CloseConsult(As(kGpRequester).get(), close, &closed).ok());
  DeliverAll();
  EXPECT_EQ(StoredEvents(), std::make_pair(int64_t(written + 1), int64_t(written + 1)));
}

TEST_F(ConsultMetricsTest, AConsultStoredWhileTheRosterWasDownIsCountedUnderItsUnitOnceKnown) {
  const v1::Line line = StaffedAcuteLine();
  std::shared_ptr<grpc::Channel> metrics = metrics_channel_;
  roster_channel_ = samspar::testing::LoopbackChannel(1);
  Restart();
  const v1::Consult created = MustCreate(Ask(v1::TRACK_ACUTE, LineTarget(line.name())));
  ASSERT_EQ(created.state(), v1::CONSULT_STATE_CREATED);
  EXPECT_TRUE(OutboxEvents().empty());  // the unit's type is not known yet
  roster_channel_ = nullptr;
  Restart();
  clock_.Advance(absl::Seconds(6));
  ASSERT_EQ(*Service().RunDueTimers(), 1);
  StartMetrics(metrics_port_);
  ASSERT_TRUE(
      metrics->WaitForConnected(gpr_time_add(gpr_now(GPR_CLOCK_REALTIME), gpr_time_from_seconds(30, GPR_TIMESPAN))));
  DeliverAll();
  auto rows = metrics_database_->Query("SELECT event FROM events", {});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);  // created (at its creation time), offered
  for (const sql::Row& row : *rows) {
    v1::Event event;
    ASSERT_TRUE(event.ParseFromString(*row.GetBlob(0)));
    EXPECT_EQ(event.requester_unit_type(), v1::UNIT_TYPE_HEALTH_CENTRE) << v1::EventType_Name(event.type());
    if (event.type() == v1::EVENT_TYPE_CONSULT_CREATED) {
      EXPECT_EQ(event.event_time().seconds(), created.create_time().seconds());
    }
  }
}

}  // namespace
}  // namespace samspar::consult::testing
