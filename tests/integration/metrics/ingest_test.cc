// IngestEvents over real gRPC as the consult service's outbox sends it:
// every event judged on its own and answered by its index, a retried batch
// adding nothing, accepted events stored durably and counted once.

#include "absl/strings/ascii.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/integration/metrics/metrics_events.h"
#include "tests/integration/metrics/metrics_fixture.h"
#include "tests/support/test_patients.h"

namespace samspar::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::Answered;
using testing::ConsultEvent;
using testing::kAnalyst;
using testing::kConsultService;

std::string Reason(const grpc::Status& status) { return samspar::ReasonOf(FromGrpcStatus(status)).value_or(""); }

// A Wednesday in March 2026, 10:00 in Stockholm (CET).
const absl::Time kMorning = absl::FromCivil(absl::CivilSecond(2026, 3, 11, 9, 0, 0), absl::UTCTimeZone());

class IngestTest : public testing::MetricsFixture {
 protected:
  grpc::Status Ingest(const std::vector<v1::Event>& events, v1::IngestEventsResponse& response,
                      const std::string& region = "06") {
    v1::IngestEventsRequest request;
    for (const v1::Event& event : events) *request.add_events() = event;
    response.Clear();
    return stub_->IngestEvents(AsSystem(kConsultService, region).get(), request, &response);
  }

  int64_t ConsultsCreatedIn(int year, int month) {
    v1::QueryKpiReportRequest request;
    request.set_parent("regions/06");
    request.mutable_period()->set_kind(v1::PERIOD_KIND_MONTH);
    request.mutable_period()->mutable_anchor_date()->set_year(year);
    request.mutable_period()->mutable_anchor_date()->set_month(month);
    request.mutable_period()->mutable_anchor_date()->set_day(1);
    request.add_kpis(v1::KPI_CONSULTS_CREATED);
    v1::KpiReport report;
    grpc::Status status = stub_->QueryKpiReport(As(kAnalyst).get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    // A count of 1-4 is withheld; the tests ingest none or at least five.
    EXPECT_FALSE(report.total().values(0).suppressed());
    return report.total().values(0).sample_size();
  }

  std::vector<v1::Event> CreatedConsults(int first, int count) {
    std::vector<v1::Event> events;
    for (int i = first; i < first + count; ++i) {
      events.push_back(ConsultEvent(i, i, v1::EVENT_TYPE_CONSULT_CREATED, kMorning + absl::Minutes(i)));
    }
    return events;
  }
};

TEST_F(IngestTest, ARetriedBatchAddsNothing) {
  const std::vector<v1::Event> batch = CreatedConsults(1, 7);
  v1::IngestEventsResponse first;
  ASSERT_TRUE(Ingest(batch, first).ok());
  EXPECT_EQ(first.accepted_count(), 7);
  EXPECT_EQ(first.duplicate_count(), 0);

  v1::IngestEventsResponse retried;
  ASSERT_TRUE(Ingest(batch, retried).ok());
  EXPECT_EQ(retried.accepted_count(), 0);
  EXPECT_EQ(retried.duplicate_count(), 7);
  for (const v1::EventResult& result : retried.results()) {
    EXPECT_EQ(result.status(), v1::EVENT_RESULT_STATUS_DUPLICATE);
  }
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 7);
}

TEST_F(IngestTest, InvalidEventsAreReportedByIndexAndTheRestStored) {
  std::vector<v1::Event> batch = CreatedConsults(1, 10);
  batch[1].set_type(v1::EVENT_TYPE_UNSPECIFIED);
  *batch[3].mutable_event_time() = api::ToProto(absl::Now() + absl::Hours(1));
  const std::string patient = samspar::testing::SkatteverketTestNumbers(1).at(0);
  batch[4].set_specialty(samspar::testing::WrittenForms(patient)[3]);
  batch[6].clear_subject_key();
  batch.push_back(Answered(11, 1, v1::CONSULT_OUTCOME_AMBULANCE_TO_ED, kMorning + absl::Hours(1), absl::Minutes(5)));

  v1::IngestEventsResponse response;
  ASSERT_TRUE(Ingest(batch, response).ok());
  ASSERT_EQ(response.results_size(), 11);
  EXPECT_EQ(response.accepted_count(), 6);
  EXPECT_EQ(response.rejected_count(), 5);
  const std::vector<std::tuple<int, std::string, std::string>> rejected = {
      {1, "UNKNOWN_EVENT_TYPE", "type"},
      {3, "FUTURE_TIMESTAMP", "event_time"},
      {4, "PATIENT_IDENTITY_DETECTED", "specialty"},
      {6, "FIELD_REQUIRED", "subject_key"},
      {10, "FIELD_INVALID", "outcome"},  // an ambulance outcome on a health centre's consult
  };
  for (const auto& [index, reason, field] : rejected) {
    const v1::EventResult& result = response.results(index);
    EXPECT_EQ(result.index(), index);
    EXPECT_EQ(result.status(), v1::EVENT_RESULT_STATUS_REJECTED) << index;
    EXPECT_EQ(result.reason(), reason) << index;
    EXPECT_EQ(result.field(), field) << index;
    EXPECT_THAT(result.description(), Not(HasSubstr(patient.substr(2, 6)))) << index;
  }
  for (int index : {0, 2, 5, 7, 8, 9}) {
    EXPECT_EQ(response.results(index).status(), v1::EVENT_RESULT_STATUS_ACCEPTED);
  }
  EXPECT_EQ(response.results(2).event_id(), testing::EventId(3));
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 6);

  // The sender fixes the rejected ones and sends the whole batch again: the
  // stored ones are duplicates, the fixed ones are added, nothing twice.
  batch[1].set_type(v1::EVENT_TYPE_CONSULT_CREATED);
  *batch[3].mutable_event_time() = api::ToProto(kMorning);
  batch[4].set_specialty("internal-medicine");
  batch[6].set_subject_key(testing::SubjectKey(7));
  batch.pop_back();
  ASSERT_TRUE(Ingest(batch, response).ok());
  EXPECT_EQ(response.accepted_count(), 4);
  EXPECT_EQ(response.duplicate_count(), 6);
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 10);
}

TEST_F(IngestTest, TheSameIdWithOtherContentIsAConflictAndTheFirstIsKept) {
  v1::IngestEventsResponse response;
  ASSERT_TRUE(Ingest(CreatedConsults(1, 5), response).ok());
  std::vector<v1::Event> changed = CreatedConsults(1, 5);
  *changed[2].mutable_event_time() = api::ToProto(kMorning + absl::Hours(24 * 30));  // into April
  ASSERT_TRUE(Ingest(changed, response).ok());
  EXPECT_EQ(response.duplicate_count(), 4);
  EXPECT_EQ(response.results(2).reason(), "EVENT_ID_CONFLICT");
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 5);
  EXPECT_EQ(ConsultsCreatedIn(2026, 4), 0);
}

TEST_F(IngestTest, ARetryWithTheIdInUpperCaseIsTheSameEvent) {
  std::vector<v1::Event> batch = CreatedConsults(1, 5);
  for (v1::Event& event : batch) event.set_event_id("abcdef" + event.event_id().substr(6));
  v1::IngestEventsResponse response;
  ASSERT_TRUE(Ingest(batch, response).ok());
  ASSERT_EQ(response.accepted_count(), 5);
  for (v1::Event& event : batch) event.set_event_id(absl::AsciiStrToUpper(event.event_id()));
  ASSERT_TRUE(Ingest(batch, response).ok());
  EXPECT_EQ(response.duplicate_count(), 5);
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 5);
}

TEST_F(IngestTest, AnOfferWithoutItsLineIsRefused) {
  v1::Event offer = ConsultEvent(1, 1, v1::EVENT_TYPE_CONSULT_OFFERED, kMorning);
  offer.clear_line();
  offer.clear_target_unit();
  v1::IngestEventsResponse response;
  ASSERT_TRUE(Ingest({offer}, response).ok());
  EXPECT_EQ(response.results(0).reason(), "FIELD_REQUIRED");
  EXPECT_EQ(response.results(0).field(), "line");
}

TEST_F(IngestTest, AnIdTwiceInOneBatchIsStoredOnce) {
  std::vector<v1::Event> batch = CreatedConsults(1, 5);
  batch.push_back(batch[0]);
  v1::IngestEventsResponse response;
  ASSERT_TRUE(Ingest(batch, response).ok());
  EXPECT_EQ(response.accepted_count(), 5);
  EXPECT_EQ(response.results(5).status(), v1::EVENT_RESULT_STATUS_DUPLICATE);
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 5);
}

TEST_F(IngestTest, AnotherRegionsEventsAreRefusedOneByOne) {
  std::vector<v1::Event> batch = CreatedConsults(1, 5);
  v1::IngestEventsResponse response;
  // The service's token is for region 07 (Kronoberg): 06's events are not its to send.
  ASSERT_TRUE(Ingest(batch, response, "07").ok());
  EXPECT_EQ(response.rejected_count(), 5);
  EXPECT_EQ(response.results(0).reason(), "REGION_MISMATCH");
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 0);
}

TEST_F(IngestTest, AnEmptyOrOversizedBatchIsRefusedWhole) {
  v1::IngestEventsResponse response;
  grpc::Status empty = Ingest({}, response);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(empty), "FIELD_REQUIRED");
  grpc::Status oversized = Ingest(CreatedConsults(1, 1001), response);
  EXPECT_EQ(oversized.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(oversized), "FIELD_INVALID");
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 0);
}

TEST_F(IngestTest, OnlyTheServicesIngest) {
  v1::IngestEventsRequest request;
  *request.add_events() = CreatedConsults(1, 1)[0];
  v1::IngestEventsResponse response;
  grpc::Status analyst = stub_->IngestEvents(As(kAnalyst).get(), request, &response);
  EXPECT_EQ(analyst.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  const identity::System reader = {.client_id = "region-bi", .scopes = {"metrics.read"}};
  grpc::Status read_only = stub_->IngestEvents(AsSystem(reader).get(), request, &response);
  EXPECT_EQ(read_only.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 0);
}

TEST_F(IngestTest, AcceptedEventsAreCountedForOperationsByRegionAndTrackOnly) {
  v1::IngestEventsResponse response;
  ASSERT_TRUE(Ingest(CreatedConsults(1, 6), response).ok());
  ASSERT_TRUE(Ingest(CreatedConsults(1, 6), response).ok());  // duplicates are not counted again
  httplib::Client http("127.0.0.1", server_->http_port());
  httplib::Result scrape = http.Get("/metrics");
  ASSERT_TRUE(scrape);
  EXPECT_THAT(scrape->body, HasSubstr("samspar_business_events_total{region=\"06\",track=\"TRACK_ACUTE\","
                                      "type=\"EVENT_TYPE_CONSULT_CREATED\"} 6"));
  EXPECT_THAT(scrape->body, Not(HasSubstr("SE2321000057")));  // no unit, no line
  EXPECT_THAT(scrape->body, Not(HasSubstr("bakjour")));
}

TEST_F(IngestTest, StoredEventsOutliveTheServer) {
  v1::IngestEventsResponse response;
  ASSERT_TRUE(Ingest(CreatedConsults(1, 6), response).ok());
  // A new replica on the same database (as after a restart) sees them all.
  server_->Shutdown(absl::Seconds(1));
  server_.reset();
  service_.reset();
  SetUp();
  EXPECT_EQ(ConsultsCreatedIn(2026, 3), 6);
}

}  // namespace
}  // namespace samspar::metrics
