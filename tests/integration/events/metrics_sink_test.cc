// Business events from the consult service's outbox to the real metrics
// service over gRPC, as the service runs it: events written to an outbox
// table, an OutboxRelay delivering them through a MetricsSink, metrics
// counting each exactly once, whether it was away for a while, refused some
// events, or got events of several regions in one batch. And the subject
// keys the events name their consults by.

#include "common/events/metrics_sink.h"

#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/api/proto_time.h"
#include "common/api/region_names.h"
#include "common/calendar/stockholm_time.h"
#include "common/client/service_tokens.h"
#include "common/events/subject_keys.h"
#include "common/logging/log.h"
#include "common/outbox/outbox.h"
#include "common/outbox/outbox_relay.h"
#include "common/sql/open_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/metrics/api/metrics_service.h"
#include "services/metrics/metrics_schema.h"
#include "spdlog/sinks/ostream_sink.h"
#include "tests/support/service_fixture.h"
#include "tests/support/test_patients.h"

namespace samspar::events {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Outcome = outbox::DeliveryResult::Outcome;

constexpr char kTopic[] = "metrics.events";
constexpr sql::Migration kOutboxMigrations[] = {{1, outbox::kOutboxMigrationName, outbox::kOutboxMigrationSql}};

// The test's secrets, 32 bytes each.
constexpr char kJonkopingSecret[] = "kY9vQ2mZ7xL4pR8tW1nB6cF3hJ5dS0gA";
constexpr char kKronobergSecret[] = "p3Xw8Rt6Ue1Yq9Lz4Kd7Vb2Nm5Hc0Jf8";
constexpr char kConsult[] = "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0d";

// A Wednesday in March 2026, 10:00 in Stockholm (CET).
const absl::Time kMorning = absl::FromCivil(absl::CivilSecond(2026, 3, 11, 9, 0, 0), absl::UTCTimeZone());

const identity::Person kAnalyst = samspar::testing::PersonWith("SE2321000057-9200", identity::Role::kAnalyst);

SubjectKeys TestKeys() {
  absl::StatusOr<SubjectKeys> keys = SubjectKeys::FromSecrets({{"06", kJonkopingSecret}, {"07", kKronobergSecret}});
  EXPECT_TRUE(keys.ok()) << keys.status();
  return *std::move(keys);
}

std::string WriteFile(const samspar::testing::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.File(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// ---------------------------------------------------------------------------
// Subject keys
// ---------------------------------------------------------------------------

TEST(SubjectKeysTest, TheKeyIsTheHmacSha256OfTheNameUnderTheRegionsSecretInLowercaseHex) {
  // As any HMAC-SHA-256 gives them: printf '%s' <name> | openssl dgst -sha256 -hmac <secret>
  EXPECT_EQ(TestKeys().KeyOf("06", kConsult).value(),
            "e1ccaa42d04d2a462a3c6ad8886fff856b861c3ca5f092f7c2afef91b57b6b11");
  EXPECT_EQ(TestKeys().KeyOf("07", kConsult).value(),
            "72ebf828ea5873a96172d0732182de4739fb09373c83e82d605acd14b75fc2ad");
}

TEST(SubjectKeysTest, TheSameConsultAlwaysHasTheSameKeyAndAnotherConsultAnother) {
  const SubjectKeys keys = TestKeys();
  EXPECT_EQ(keys.KeyOf("06", kConsult).value(), TestKeys().KeyOf("06", kConsult).value());
  EXPECT_NE(keys.KeyOf("06", kConsult).value(),
            keys.KeyOf("06", "regions/06/consults/01j5q3v8ht2m9kx4c7r6wfzn0e").value());
}

TEST(SubjectKeysTest, AnotherSecretGivesAnotherKey) {
  absl::StatusOr<SubjectKeys> other = SubjectKeys::FromSecrets({{"06", kKronobergSecret}});
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_NE(other->KeyOf("06", kConsult).value(), TestKeys().KeyOf("06", kConsult).value());
}

TEST(SubjectKeysTest, ARegionWithoutASecretIsAFailedPrecondition) {
  absl::StatusOr<std::string> key = TestKeys().KeyOf("13", "regions/13/consults/01j5q3v8ht2m9kx4c7r6wfzn0d");
  EXPECT_EQ(key.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(key.status().message(), HasSubstr("region 13"));
}

TEST(SubjectKeysTest, TheKeyFileGivesTheKeysOfItsSecrets) {
  samspar::testing::TempDir dir;
  const std::string path = WriteFile(dir, "subject-keys",
                                     absl::StrCat("# Subject-key secrets\n\n", "06 ", kJonkopingSecret, "\r\n",
                                                  "  # Region Kronoberg\n", "07\t", kKronobergSecret, "  \n"));
  absl::StatusOr<SubjectKeys> keys = SubjectKeys::LoadKeyFile(path);
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ(keys->KeyOf("06", kConsult).value(), TestKeys().KeyOf("06", kConsult).value());
  EXPECT_EQ(keys->KeyOf("07", kConsult).value(), TestKeys().KeyOf("07", kConsult).value());
}

TEST(SubjectKeysTest, AMalformedKeyFileIsRefusedNamingTheFileAndLineButNeverASecret) {
  const std::string good = absl::StrCat("06 ", kJonkopingSecret, "\n");
  const std::string short_secret = "SHORT-SECRET-of-31-bytes-012345";
  struct Case {
    std::string text;
    std::string where;
    std::string what;
  };
  const std::vector<Case> cases = {
      {good + "07\n", "line 2: ", "region code and its secret"},
      {good + "07 " + kKronobergSecret + " " + kKronobergSecret + "\n", "line 2: ", "region code and its secret"},
      {"# secrets\n\n07 " + short_secret + "\n", "line 3: ", "shorter than 32 bytes"},
      {good + good, "line 2: ", "region 06 has a secret already"},
      {absl::StrCat("Kronoberg ", kKronobergSecret, "\n"), "line 1: ", "two-digit region code"},
  };
  samspar::testing::TempDir dir;
  for (const Case& test : cases) {
    const std::string path = WriteFile(dir, "subject-keys", test.text);
    absl::StatusOr<SubjectKeys> keys = SubjectKeys::LoadKeyFile(path);
    const std::string message(keys.status().message());
    EXPECT_EQ(keys.status().code(), absl::StatusCode::kInvalidArgument) << message;
    EXPECT_THAT(message, HasSubstr(path + " " + test.where));
    EXPECT_THAT(message, HasSubstr(test.what));
    for (const std::string& secret : {std::string(kJonkopingSecret), std::string(kKronobergSecret), short_secret}) {
      EXPECT_THAT(message, Not(HasSubstr(secret)));
    }
  }
}

TEST(SubjectKeysTest, AMissingOrEmptyKeyFileIsRefusedNamingIt) {
  samspar::testing::TempDir dir;
  const std::string missing = dir.File("no-such-file");
  EXPECT_THAT(SubjectKeys::LoadKeyFile(missing).status().message(), HasSubstr(missing));
  const std::string empty = WriteFile(dir, "empty", "# nothing yet\n\n");
  absl::StatusOr<SubjectKeys> keys = SubjectKeys::LoadKeyFile(empty);
  EXPECT_EQ(keys.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(keys.status().message(), HasSubstr(empty + " holds no region's secret"));
}

TEST(SubjectKeysTest, SecretsGivenDirectlyAreCheckedAsTheFilesAre) {
  EXPECT_EQ(SubjectKeys::FromSecrets({{"06", "too short"}}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SubjectKeys::FromSecrets({{"6", kJonkopingSecret}}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SubjectKeys::FromSecrets({}).status().code(), absl::StatusCode::kInvalidArgument);
}

// ---------------------------------------------------------------------------
// The metrics sink
// ---------------------------------------------------------------------------

// What the consult service writes to its outbox when consult `n` of
// `region` is created: no event id (the row's id becomes it), and the
// consult only by its subject key.
v1::Event Created(const std::string& region, int n) {
  v1::Event event;
  event.set_type(v1::EVENT_TYPE_CONSULT_CREATED);
  *event.mutable_event_time() = api::ToProto(kMorning + absl::Seconds(n));
  event.set_region(api::RegionName(region));
  event.set_subject_key(
      TestKeys().KeyOf(region, absl::StrFormat("regions/%s/consults/01j5q3v8ht2m9kx4c%09d", region, n)).value());
  event.set_track(v1::TRACK_ACUTE);
  event.set_requester_unit(absl::StrCat("regions/", region, "/units/SE2321000057-V001"));
  event.set_requester_unit_type(v1::UNIT_TYPE_HEALTH_CENTRE);
  event.set_specialty("internal-medicine");
  event.set_source("samspar.v1.ConsultService");
  return event;
}

std::vector<v1::Event> CreatedConsults(const std::string& region, int first, int count) {
  std::vector<v1::Event> events;
  for (int n = first; n < first + count; ++n) events.push_back(Created(region, n));
  return events;
}

// The results as a reader compares them: "delivered", "rejected REASON".
std::vector<std::string> Described(const std::vector<outbox::DeliveryResult>& results) {
  std::vector<std::string> described;
  for (const outbox::DeliveryResult& result : results) {
    switch (result.outcome) {
      case Outcome::kDelivered:
        described.push_back("delivered");
        break;
      case Outcome::kRejected:
        described.push_back("rejected " + result.reason);
        break;
      case Outcome::kRetry:
        described.push_back("retry " + result.reason);
        break;
    }
  }
  return described;
}

class MetricsSinkTest : public samspar::testing::ServiceFixture {
 protected:
  void SetUp() override {
    log::Configure({.service = "consult", .sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_)});
    OpenService("metrics", metrics::kMetricsMigrations);
    if (HasFatalFailure()) return;
    StartMetrics(0);
    if (HasFatalFailure()) return;

    absl::StatusOr<std::unique_ptr<sql::Database>> outbox = sql::OpenDatabase(dir_.File("consult.db"));
    ASSERT_TRUE(outbox.ok()) << outbox.status();
    outbox_ = *std::move(outbox);
    ASSERT_TRUE(sql::ApplyMigrations(*outbox_, "consult", kOutboxMigrations).ok());
    service_tokens_ = ConsultTokens({"metrics.ingest"});
  }

  void TearDown() override {
    ServiceFixture::TearDown();
    log::Configure(log::Options{});
  }

  // The metrics service on `port` (any free one for 0), on the fixture's
  // database: a restarted metrics finds what it stored before.
  void StartMetrics(int port) {
    absl::StatusOr<absl::TimeZone> zone = calendar::StockholmTimeZone();
    ASSERT_TRUE(zone.ok()) << zone.status();
    metrics::MetricsOptions options;
    options.zone = *zone;
    services_.push_back(std::make_unique<metrics::MetricsServiceImpl>(*context_, std::move(options)));
    server::ServerOptions server_options;
    server_options.grpc_address = {"127.0.0.1", port};
    server_options.http_address = {"127.0.0.1", 0};
    server_options.plaintext = true;
    absl::StatusOr<std::unique_ptr<server::GrpcServer>> server = server::GrpcServer::Start(
        server_options, {{services_.back().get(), v1::MetricsService::service_full_name()}}, registry_);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    if (channel_ == nullptr) channel_ = samspar::testing::LoopbackChannel(server_->grpc_port());
  }

  // Shuts metrics down; returns the port it listened on.
  int StopMetrics() {
    const int port = server_->grpc_port();
    server_->Shutdown(absl::Seconds(1));
    server_.reset();
    return port;
  }

  // The consult service's own tokens, signed with the key the test identity
  // provider's JWKS carries.
  std::shared_ptr<const client::ServiceTokens> ConsultTokens(std::set<std::string> scopes) {
    absl::StatusOr<std::shared_ptr<const client::ServiceTokens>> tokens =
        client::ServiceTokens::Load({.signing_key_file = dir_.File("pki/token-signing-key.pem"),
                                     .key_id = "local-1",
                                     .issuer = samspar::testing::TestIdentityProvider::kIssuer,
                                     .audience = samspar::testing::TestIdentityProvider::kAudience,
                                     .client_id = "samspar-consult",
                                     .scopes = std::move(scopes)});
    EXPECT_TRUE(tokens.ok()) << tokens.status();
    return tokens.ok() ? *tokens : nullptr;
  }

  // The consult service's tokens, noting the region of every call (each call
  // asks for its own token).
  MetricsSink::RegionTokens RecordedTokens() {
    return [this](const std::string& region) {
      token_regions_.push_back(region);
      return service_tokens_->ForRegion(region);
    };
  }

  MetricsSink Sink() { return MetricsSink(channel_, RecordedTokens(), absl::Seconds(30)); }

  // Writes `payloads` to the outbox as the consult service does, each in the
  // transaction of its change; returns them as the relay hands them over.
  std::vector<outbox::OutboxMessage> Enqueue(const std::vector<std::string>& payloads) {
    std::vector<outbox::OutboxMessage> messages;
    const absl::Status written = outbox_->RunInTransaction([&](sql::Transaction& tx) -> absl::Status {
      messages.clear();
      for (const std::string& payload : payloads) {
        absl::StatusOr<std::string> id = outbox::Enqueue(tx, kTopic, payload, absl::Now());
        if (!id.ok()) return id.status();
        messages.push_back({*id, payload});
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(written.ok()) << written;
    return messages;
  }

  std::vector<outbox::OutboxMessage> Enqueue(const std::vector<v1::Event>& events) {
    std::vector<std::string> payloads;
    for (const v1::Event& event : events) payloads.push_back(event.SerializeAsString());
    return Enqueue(payloads);
  }

  int64_t Pending() {
    absl::StatusOr<std::vector<sql::Row>> rows = outbox_->Query("SELECT COUNT(*) AS n FROM outbox", {});
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? rows->at(0).GetInt64("n").value() : -1;
  }

  // The distinct last errors of the rows still in the outbox.
  std::set<std::string> LastErrors() {
    absl::StatusOr<std::vector<sql::Row>> rows = outbox_->Query("SELECT last_error FROM outbox", {});
    EXPECT_TRUE(rows.ok()) << rows.status();
    std::set<std::string> errors;
    if (rows.ok()) {
      for (const sql::Row& row : *rows) errors.insert(row.GetText("last_error").value_or("(none)"));
    }
    return errors;
  }

  // KPI_CONSULTS_CREATED of March 2026 as the region's analyst reads it.
  int64_t ConsultsCreated(const std::string& region) {
    v1::QueryKpiReportRequest request;
    request.set_parent(api::RegionName(region));
    request.mutable_period()->set_kind(v1::PERIOD_KIND_MONTH);
    request.mutable_period()->mutable_anchor_date()->set_year(2026);
    request.mutable_period()->mutable_anchor_date()->set_month(3);
    request.mutable_period()->mutable_anchor_date()->set_day(1);
    request.add_kpis(v1::KPI_CONSULTS_CREATED);
    v1::KpiReport report;
    const grpc::Status status =
        v1::MetricsService::NewStub(channel_)->QueryKpiReport(As(kAnalyst, region).get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok() || report.total().values_size() != 1) return -1;
    // A count of 1-4 is withheld; the tests send none or at least five.
    EXPECT_FALSE(report.total().values(0).suppressed());
    return report.total().values(0).sample_size();
  }

  // Log lines with `text`.
  int LogLinesWith(absl::string_view text) const {
    int count = 0;
    for (absl::string_view line : absl::StrSplit(log_.str(), '\n')) count += absl::StrContains(line, text) ? 1 : 0;
    return count;
  }

  std::ostringstream log_;
  std::vector<std::unique_ptr<metrics::MetricsServiceImpl>> services_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<sql::Database> outbox_;
  std::shared_ptr<const client::ServiceTokens> service_tokens_;
  std::vector<std::string> token_regions_;
};

TEST_F(MetricsSinkTest, TheRelayDeliversTheOutboxToMetrics) {
  Enqueue(CreatedConsults("06", 1, 6));
  outbox::OutboxRelay relay(*outbox_, kTopic, MetricsSink(channel_, service_tokens_, absl::Seconds(30)).AsDeliver());

  absl::StatusOr<outbox::RelayCounts> counts = relay.RunOnce(absl::Now());
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->delivered, 6);
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(ConsultsCreated("06"), 6);
}

TEST_F(MetricsSinkTest, TheOutboxRowsIdIsTheEventsId) {
  // Each payload names an id of its own, which the row's id replaces.
  std::vector<v1::Event> events = CreatedConsults("06", 1, 5);
  for (v1::Event& event : events) event.set_event_id("00000000-0000-4000-8000-000000000001");
  const std::vector<outbox::OutboxMessage> messages = Enqueue(events);
  const MetricsSink sink = Sink();
  ASSERT_THAT(Described(sink.Deliver(messages).value()),
              ElementsAre("delivered", "delivered", "delivered", "delivered", "delivered"));
  EXPECT_EQ(ConsultsCreated("06"), 5);

  // The same row id with other content is another event under a used id.
  v1::Event changed = events[0];
  *changed.mutable_event_time() = api::ToProto(kMorning + absl::Hours(1));
  EXPECT_THAT(Described(sink.Deliver({{messages[0].id, changed.SerializeAsString()}}).value()),
              ElementsAre("rejected EVENT_ID_CONFLICT"));
}

TEST_F(MetricsSinkTest, WhileMetricsIsAwayTheRowsStayAndOnceItIsBackTheyAreCountedOnce) {
  const std::vector<outbox::OutboxMessage> messages = Enqueue(CreatedConsults("06", 1, 5));
  const MetricsSink sink = Sink();
  outbox::OutboxRelay relay(*outbox_, kTopic, sink.AsDeliver());
  const int port = StopMetrics();

  absl::Time now = absl::Now();
  absl::StatusOr<outbox::RelayCounts> counts = relay.RunOnce(now);
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->delivered, 0);
  EXPECT_EQ(counts->retried, 5);
  EXPECT_EQ(Pending(), 5);
  EXPECT_EQ(LastErrors(), std::set<std::string>{"UNAVAILABLE"});
  EXPECT_EQ(sink.Deliver(messages).status().code(), absl::StatusCode::kUnavailable);

  // A new metrics server on the same database and port; the relay goes on
  // (each round past the rows' backoff) until the channel has reconnected.
  StartMetrics(port);
  ASSERT_FALSE(HasFatalFailure());
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (Pending() > 0 && absl::Now() < give_up) {
    now += absl::Minutes(10);
    ASSERT_TRUE(relay.RunOnce(now).ok());
    if (Pending() > 0) absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(relay.totals().delivered, 5);
  EXPECT_EQ(ConsultsCreated("06"), 5);

  // Delivered again (a relay that died before removing the rows): metrics
  // has them already and counts nothing twice.
  EXPECT_THAT(Described(sink.Deliver(messages).value()),
              ElementsAre("delivered", "delivered", "delivered", "delivered", "delivered"));
  EXPECT_EQ(ConsultsCreated("06"), 5);
}

TEST_F(MetricsSinkTest, EventsMetricsRefusesAreRemovedAndTheOthersDelivered) {
  std::vector<v1::Event> events = CreatedConsults("06", 1, 7);
  const std::string patient = samspar::testing::SkatteverketTestNumbers(1).at(0);
  events[1].set_specialty(patient);
  events[4].clear_region();
  std::vector<std::string> payloads;
  for (const v1::Event& event : events) payloads.push_back(event.SerializeAsString());
  payloads.insert(payloads.begin() + 3, std::string("\x0a\xff", 2));  // a truncated field: not an Event

  const std::vector<outbox::OutboxMessage> messages = Enqueue(payloads);
  // The results, in the batch's order, as the relay gets them.
  const MetricsSink sink = Sink();
  EXPECT_THAT(Described(sink.Deliver(messages).value()),
              ElementsAre("delivered", "rejected PATIENT_IDENTITY_DETECTED", "delivered", "rejected UNREADABLE_PAYLOAD",
                          "delivered", "rejected FIELD_REQUIRED", "delivered", "delivered"));

  outbox::OutboxRelay relay(*outbox_, kTopic, sink.AsDeliver());
  absl::StatusOr<outbox::RelayCounts> counts = relay.RunOnce(absl::Now());
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->delivered, 5);
  EXPECT_EQ(counts->rejected, 3);
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(ConsultsCreated("06"), 5);

  // Logged by id and reason; nothing of an event.
  EXPECT_EQ(LogLinesWith("PATIENT_IDENTITY_DETECTED"), 1);
  EXPECT_THAT(log_.str(), Not(HasSubstr(patient.substr(2, 6))));
  EXPECT_THAT(log_.str(), Not(HasSubstr("internal-medicine")));
  EXPECT_THAT(log_.str(), Not(HasSubstr(events[0].subject_key())));
}

TEST_F(MetricsSinkTest, EventsOfTwoRegionsGoInOneCallPerRegionWithThatRegionsToken) {
  std::vector<v1::Event> events;
  for (int n = 1; n <= 5; ++n) {
    events.push_back(Created("06", n));
    events.push_back(Created("07", n));
  }
  Enqueue(events);
  outbox::OutboxRelay relay(*outbox_, kTopic, Sink().AsDeliver());

  absl::StatusOr<outbox::RelayCounts> counts = relay.RunOnce(absl::Now());
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->delivered, 10);  // metrics refuses an event under another region's token
  EXPECT_THAT(token_regions_, ElementsAre("06", "07"));
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(ConsultsCreated("06"), 5);
  EXPECT_EQ(ConsultsCreated("07"), 5);
}

TEST_F(MetricsSinkTest, MoreThanAThousandEventsOfARegionGoInSeveralCalls) {
  Enqueue(CreatedConsults("06", 1, 1001));
  outbox::OutboxRelay relay(*outbox_, kTopic, Sink().AsDeliver(), {.batch_size = 1001});

  absl::StatusOr<outbox::RelayCounts> counts = relay.RunOnce(absl::Now());
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->delivered, 1001);
  EXPECT_THAT(token_regions_, ElementsAre("06", "06"));
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(ConsultsCreated("06"), 1001);
}

TEST_F(MetricsSinkTest, ARegionWithoutATokenDoesNotHoldUpTheOthers) {
  std::vector<v1::Event> events = CreatedConsults("06", 1, 5);
  for (const v1::Event& event : CreatedConsults("07", 1, 5)) events.push_back(event);
  Enqueue(events);
  MetricsSink::RegionTokens tokens = [this](const std::string& region) -> client::TokenSource {
    if (region == "07") return [] { return absl::InternalError("the signing key for region 07 is not configured"); };
    return service_tokens_->ForRegion(region);
  };
  outbox::OutboxRelay relay(*outbox_, kTopic, MetricsSink(channel_, tokens, absl::Seconds(30)).AsDeliver());

  absl::StatusOr<outbox::RelayCounts> counts = relay.RunOnce(absl::Now());
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->delivered, 5);
  EXPECT_EQ(counts->retried, 5);
  EXPECT_EQ(Pending(), 5);
  EXPECT_EQ(LastErrors(), std::set<std::string>{"TOKEN_MISSING"});
  EXPECT_EQ(ConsultsCreated("06"), 5);
  EXPECT_EQ(LogLinesWith("metrics_sink.no_token"), 1);
}

TEST_F(MetricsSinkTest, ATokenMetricsRefusesFailsTheCallAndIsLoggedOncePerCall) {
  const std::vector<outbox::OutboxMessage> messages = Enqueue(CreatedConsults("06", 1, 5));
  // Without scope metrics.ingest: a deployment's configuration error.
  const MetricsSink sink(channel_, ConsultTokens({"roster.read"}), absl::Seconds(30));
  outbox::OutboxRelay relay(*outbox_, kTopic, sink.AsDeliver());

  absl::StatusOr<outbox::RelayCounts> counts = relay.RunOnce(absl::Now());
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->retried, 5);
  EXPECT_EQ(Pending(), 5);
  EXPECT_EQ(sink.Deliver(messages).status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(LogLinesWith("metrics_sink.token_refused"), 2);
  EXPECT_EQ(ConsultsCreated("06"), 0);
}

}  // namespace
}  // namespace samspar::events
