// The KPIs over real gRPC as analysts and region admins read them: a report
// from ingested events, targets set and judged, series in pages, CSV in
// chunks, the catalogue, and who may do what.

#include <string>
#include <vector>

#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/metrics/metrics_events.h"
#include "tests/integration/metrics/metrics_fixture.h"

namespace samspar::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::Answered;
using testing::ConsultEvent;
using testing::kAdmin;
using testing::kAnalyst;
using testing::kClinician;
using testing::kConsultService;

std::string Reason(const grpc::Status& status) { return samspar::ReasonOf(FromGrpcStatus(status)).value_or(""); }
std::string Field(const grpc::Status& status) { return samspar::FieldOf(FromGrpcStatus(status)).value_or(""); }

absl::Time Stockholm(int year, int month, int day, int hour) {
  static const absl::TimeZone zone = [] {
    absl::TimeZone loaded;
    absl::LoadTimeZone("Europe/Stockholm", &loaded);
    return loaded;
  }();
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, 0, 0), zone);
}

v1::ReportPeriod Month(int year, int month) {
  v1::ReportPeriod period;
  period.set_kind(v1::PERIOD_KIND_MONTH);
  period.mutable_anchor_date()->set_year(year);
  period.mutable_anchor_date()->set_month(month);
  period.mutable_anchor_date()->set_day(1);
  return period;
}

class KpiApiTest : public testing::MetricsFixture {
 protected:
  // February: 5 consults answered, all referrals avoided. March: 10 answered,
  // 6 with referral avoided and 4 needing a referral, answered after
  // 1..10 minutes.
  void SetUp() override {
    MetricsFixture::SetUp();
    std::vector<v1::Event> events;
    int id = 0;
    for (int i = 0; i < 5; ++i) {
      events.push_back(Answered(++id, 100 + i, v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE,
                                Stockholm(2026, 2, 10 + i, 10), absl::Minutes(3)));
    }
    for (int i = 0; i < 10; ++i) {
      const v1::ConsultOutcome outcome =
          i < 6 ? v1::CONSULT_OUTCOME_ADVICE_GIVEN_REFERRAL_AVOIDED : v1::CONSULT_OUTCOME_REFERRAL_NEEDED;
      events.push_back(ConsultEvent(++id, i, v1::EVENT_TYPE_CONSULT_CREATED, Stockholm(2026, 3, 2 + i, 9)));
      events.push_back(Answered(++id, i, outcome, Stockholm(2026, 3, 2 + i, 10), absl::Minutes(i + 1)));
    }
    v1::IngestEventsRequest request;
    for (const v1::Event& event : events) *request.add_events() = event;
    v1::IngestEventsResponse response;
    ASSERT_TRUE(stub_->IngestEvents(AsSystem(kConsultService).get(), request, &response).ok());
    ASSERT_EQ(response.accepted_count(), static_cast<int>(events.size()));
  }

  grpc::Status Report(const v1::QueryKpiReportRequest& request, v1::KpiReport& report,
                      const identity::Person& who = kAnalyst, const std::string& region = "06") {
    return stub_->QueryKpiReport(As(who, region).get(), request, &report);
  }

  v1::QueryKpiReportRequest MarchReport(std::vector<v1::Kpi> kpis) {
    v1::QueryKpiReportRequest request;
    request.set_parent("regions/06");
    *request.mutable_period() = Month(2026, 3);
    for (v1::Kpi kpi : kpis) request.add_kpis(kpi);
    return request;
  }

  grpc::Status SetTargets(const std::vector<v1::KpiTarget>& targets, v1::KpiTargets& saved,
                          const std::string& etag = "") {
    v1::UpdateKpiTargetsRequest request;
    request.mutable_kpi_targets()->set_name("regions/06/kpiTargets");
    request.mutable_kpi_targets()->set_etag(etag);
    for (const v1::KpiTarget& target : targets) *request.mutable_kpi_targets()->add_targets() = target;
    request.mutable_update_mask()->add_paths("targets");
    return stub_->UpdateKpiTargets(As(kAdmin).get(), request, &saved);
  }
};

v1::KpiTarget TargetOf(v1::Kpi kpi, double value) {
  v1::KpiTarget target;
  target.set_kpi(kpi);
  target.set_value(value);
  return target;
}

TEST_F(KpiApiTest, AMonthsReportHasItsValuesThePreviousMonthAndTheJudgement) {
  v1::KpiReport report;
  ASSERT_TRUE(Report(MarchReport({v1::KPI_CONSULTS_ANSWERED, v1::KPI_REFERRALS_AVOIDED,
                                  v1::KPI_REFERRAL_AVOIDED_SHARE, v1::KPI_TIME_TO_ANSWER_MEDIAN,
                                  v1::KPI_TIME_TO_ANSWER_P90}),
                     report)
                  .ok());
  EXPECT_EQ(report.dates().start_date().day(), 1);
  EXPECT_EQ(report.dates().end_date().day(), 31);
  EXPECT_EQ(report.previous_dates().end_date().day(), 28);  // February 2026
  const auto& values = report.total().values();
  ASSERT_EQ(values.size(), 5);
  EXPECT_EQ(values[0].value(), 10);
  EXPECT_EQ(values[0].previous_value(), 5);
  EXPECT_EQ(values[0].target_status(), v1::TARGET_STATUS_ON_TRACK);  // more than last month
  EXPECT_EQ(values[1].value(), 6);
  EXPECT_EQ(values[1].previous_value(), 5);
  // 6 avoided of 10, but 4 needed a referral: a difference of 4 could point
  // at a patient, so the share is withheld.
  EXPECT_TRUE(values[2].suppressed());
  EXPECT_FALSE(values[2].has_value());
  EXPECT_EQ(values[2].target_status(), v1::TARGET_STATUS_NO_DATA);
  EXPECT_EQ(values[3].value(), 5 * 60);  // the 5th of 1..10 minutes
  EXPECT_EQ(values[4].value(), 9 * 60);  // the 9th
  EXPECT_EQ(values[3].previous_value(), 3 * 60);
  EXPECT_EQ(values[3].target_status(), v1::TARGET_STATUS_OFF_TRACK);  // slower than February
  EXPECT_EQ(values[3].direction(), v1::KPI_DIRECTION_FEWER);
  EXPECT_TRUE(report.has_latest_event_time());
}

TEST_F(KpiApiTest, TargetsSetByTheRegionAdminJudgeTheReport) {
  v1::KpiTargets saved;
  ASSERT_TRUE(SetTargets({TargetOf(v1::KPI_CONSULTS_ANSWERED, 0.5), TargetOf(v1::KPI_TIME_TO_ANSWER_MEDIAN, 240)},
                         saved)
                  .ok());
  EXPECT_FALSE(saved.etag().empty());
  EXPECT_THAT(saved.updated_by().practitioner().name(), HasSubstr(kAdmin.hsa_id));

  v1::KpiReport report;
  ASSERT_TRUE(Report(MarchReport({v1::KPI_CONSULTS_ANSWERED, v1::KPI_TIME_TO_ANSWER_MEDIAN}), report).ok());
  // 0.5 a day over March's 31 days is 15.5: 10 falls short.
  EXPECT_DOUBLE_EQ(report.total().values(0).target(), 15.5);
  EXPECT_EQ(report.total().values(0).target_status(), v1::TARGET_STATUS_OFF_TRACK);
  EXPECT_EQ(report.total().values(1).target(), 240);
  EXPECT_EQ(report.total().values(1).target_status(), v1::TARGET_STATUS_OFF_TRACK);  // 300 s > 240 s

  v1::GetKpiTargetsRequest get;
  get.set_name("regions/06/kpiTargets");
  v1::KpiTargets read;
  ASSERT_TRUE(stub_->GetKpiTargets(As(kAnalyst).get(), get, &read).ok());
  EXPECT_EQ(read.targets_size(), 2);
  EXPECT_EQ(read.etag(), saved.etag());
}

TEST_F(KpiApiTest, ARegionsCountTargetJudgesTheWholeRegionOnly) {
  v1::KpiTargets saved;
  ASSERT_TRUE(SetTargets({TargetOf(v1::KPI_CONSULTS_ANSWERED, 0.5)}, saved).ok());
  v1::QueryKpiReportRequest request = MarchReport({v1::KPI_CONSULTS_ANSWERED});
  request.mutable_filter()->add_requester_units(testing::kHealthCentre);
  request.add_group_by(v1::KPI_DIMENSION_TRACK);
  v1::KpiReport report;
  ASSERT_TRUE(Report(request, report).ok());
  // One health centre's 10 answers against the region's 15.5 would be off
  // track; against its own 5 in February they are on track.
  for (const v1::KpiValue& value : {report.total().values(0), report.rows(0).values(0)}) {
    EXPECT_FALSE(value.has_target());
    EXPECT_EQ(value.target_status(), v1::TARGET_STATUS_ON_TRACK);
  }
}

TEST_F(KpiApiTest, AWithheldPreviousPeriodIsMarkedAndExportedAsSuch) {
  v1::KpiReport report;
  // February: 5 answered, all referrals avoided, none needed; March 4 needed.
  ASSERT_TRUE(Report(MarchReport({v1::KPI_REFERRALS_NEEDED, v1::KPI_REFERRALS_AVOIDED}), report).ok());
  EXPECT_FALSE(report.total().values(0).previous_suppressed());  // 0 in February is shown as 0
  EXPECT_TRUE(report.total().values(0).suppressed());            // 4 in March is withheld
  v1::QueryKpiReportRequest april = MarchReport({v1::KPI_REFERRALS_NEEDED});
  april.mutable_period()->mutable_anchor_date()->set_month(4);
  ASSERT_TRUE(Report(april, report).ok());
  EXPECT_TRUE(report.total().values(0).previous_suppressed());
  EXPECT_FALSE(report.total().values(0).has_previous_value());
  EXPECT_EQ(report.total().values(0).target_status(), v1::TARGET_STATUS_NO_DATA);
}

TEST_F(KpiApiTest, AStaleOrInvalidTargetUpdateChangesNothing) {
  v1::KpiTargets first;
  ASSERT_TRUE(SetTargets({TargetOf(v1::KPI_CONSULTS_ANSWERED, 1)}, first).ok());
  v1::KpiTargets second;
  ASSERT_TRUE(SetTargets({TargetOf(v1::KPI_CONSULTS_ANSWERED, 2)}, second, first.etag()).ok());
  v1::KpiTargets refused;
  grpc::Status stale = SetTargets({TargetOf(v1::KPI_CONSULTS_ANSWERED, 3)}, refused, first.etag());
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Reason(stale), "ETAG_MISMATCH");
  grpc::Status share = SetTargets({TargetOf(v1::KPI_ED_AVOIDED_SHARE, 1.5)}, refused);
  EXPECT_EQ(Reason(share), "FIELD_INVALID");
  EXPECT_EQ(Field(share), "kpi_targets.targets[0].value");
  grpc::Status twice =
      SetTargets({TargetOf(v1::KPI_CONSULTS_ANSWERED, 1), TargetOf(v1::KPI_CONSULTS_ANSWERED, 2)}, refused);
  EXPECT_EQ(Field(twice), "kpi_targets.targets[1].kpi");

  v1::GetKpiTargetsRequest get;
  get.set_name("regions/06/kpiTargets");
  v1::KpiTargets read;
  ASSERT_TRUE(stub_->GetKpiTargets(As(kAnalyst).get(), get, &read).ok());
  ASSERT_EQ(read.targets_size(), 1);
  EXPECT_EQ(read.targets(0).value(), 2);
  EXPECT_EQ(read.etag(), second.etag());

  // Only region admins set targets.
  v1::UpdateKpiTargetsRequest request;
  request.mutable_kpi_targets()->set_name("regions/06/kpiTargets");
  grpc::Status analyst = stub_->UpdateKpiTargets(As(kAnalyst).get(), request, &refused);
  EXPECT_EQ(analyst.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(KpiApiTest, OnlyAnalystsAndAdminsOfTheRegionReadKpis) {
  v1::KpiReport report;
  EXPECT_EQ(Report(MarchReport({}), report, kClinician).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status other_region = Report(MarchReport({}), report, kAnalyst, "07");
  EXPECT_EQ(other_region.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(other_region), "REGION_MISMATCH");
  EXPECT_TRUE(Report(MarchReport({}), report, kAdmin).ok());
  EXPECT_EQ(report.total().values_size(), 27);  // every KPI when none is named
}

TEST_F(KpiApiTest, BadReportRequestsNameTheirField) {
  v1::KpiReport report;
  v1::QueryKpiReportRequest three = MarchReport({});
  three.add_group_by(v1::KPI_DIMENSION_TRACK);
  three.add_group_by(v1::KPI_DIMENSION_LINE);
  three.add_group_by(v1::KPI_DIMENSION_OUTCOME);
  grpc::Status grouped = Report(three, report);
  EXPECT_EQ(grouped.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Field(grouped), "group_by");

  v1::QueryKpiReportRequest long_range = MarchReport({});
  long_range.mutable_period()->Clear();
  long_range.mutable_period()->set_kind(v1::PERIOD_KIND_CUSTOM);
  auto* range = long_range.mutable_period()->mutable_custom_range();
  range->mutable_start_date()->set_year(2025);
  range->mutable_start_date()->set_month(1);
  range->mutable_start_date()->set_day(1);
  range->mutable_end_date()->set_year(2026);
  range->mutable_end_date()->set_month(3);
  range->mutable_end_date()->set_day(1);
  grpc::Status too_long = Report(long_range, report);
  EXPECT_EQ(Reason(too_long), "INVALID_TIME_RANGE");
  EXPECT_EQ(Field(too_long), "period.custom_range");

  v1::QueryKpiReportRequest unknown = MarchReport({static_cast<v1::Kpi>(99)});
  EXPECT_EQ(Field(Report(unknown, report)), "kpis[0]");
}

TEST_F(KpiApiTest, SeriesComeInPagesOfWholeSeries) {
  v1::ListKpiSeriesRequest request;
  request.set_parent("regions/06");
  request.add_kpis(v1::KPI_CONSULTS_ANSWERED);
  request.add_kpis(v1::KPI_REFERRALS_AVOIDED);
  request.add_kpis(v1::KPI_TIME_TO_ANSWER_MEDIAN);
  request.set_granularity(v1::PERIOD_KIND_MONTH);
  request.mutable_range()->mutable_start_date()->set_year(2026);
  request.mutable_range()->mutable_start_date()->set_month(1);
  request.mutable_range()->mutable_start_date()->set_day(15);
  request.mutable_range()->mutable_end_date()->set_year(2026);
  request.mutable_range()->mutable_end_date()->set_month(4);
  request.mutable_range()->mutable_end_date()->set_day(2);
  request.set_page_size(2);
  std::vector<v1::KpiSeries> all;
  for (int page = 0; page < 5; ++page) {
    v1::ListKpiSeriesResponse response;
    ASSERT_TRUE(stub_->ListKpiSeries(As(kAnalyst).get(), request, &response).ok());
    all.insert(all.end(), response.series().begin(), response.series().end());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  ASSERT_EQ(all.size(), 3u);
  const v1::KpiSeries& answered = all[0];
  ASSERT_EQ(answered.points_size(), 4);  // January to April, widened to whole months
  EXPECT_EQ(answered.points(0).period_start_date().day(), 1);
  EXPECT_EQ(answered.points(0).value(), 0);
  EXPECT_EQ(answered.points(1).value(), 5);
  EXPECT_EQ(answered.points(2).value(), 10);
  EXPECT_EQ(answered.points(3).value(), 0);
  EXPECT_EQ(all[2].points(2).value(), 300);

  request.set_page_token("not-a-token");
  v1::ListKpiSeriesResponse response;
  EXPECT_EQ(Reason(stub_->ListKpiSeries(As(kAnalyst).get(), request, &response)), "INVALID_PAGE_TOKEN");
}

std::string Export(v1::MetricsService::Stub& stub, grpc::ClientContext& context, const v1::ExportKpiCsvRequest& request,
                   v1::ExportKpiCsvResponse& first) {
  std::unique_ptr<grpc::ClientReader<v1::ExportKpiCsvResponse>> reader = stub.ExportKpiCsv(&context, request);
  std::string csv;
  v1::ExportKpiCsvResponse chunk;
  for (bool is_first = true; reader->Read(&chunk); is_first = false) {
    if (is_first) first = chunk;
    csv += chunk.chunk();
  }
  grpc::Status status = reader->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  return csv;
}

TEST_F(KpiApiTest, AReportExportsAsCsvForSwedishSpreadsheets) {
  v1::ExportKpiCsvRequest request;
  *request.mutable_report() = MarchReport({v1::KPI_CONSULTS_ANSWERED, v1::KPI_REFERRAL_AVOIDED_SHARE});
  request.mutable_report()->add_group_by(v1::KPI_DIMENSION_TRACK);
  request.set_dialect(v1::CSV_DIALECT_EXCEL_SV);
  v1::ExportKpiCsvResponse first;
  const std::string csv = Export(*stub_, *As(kAnalyst), request, first);
  EXPECT_EQ(first.file_name(), "samspar-kpi-06-2026-03.csv");
  EXPECT_EQ(first.content_type(), "text/csv; charset=utf-8");
  EXPECT_THAT(csv, StartsWith("\xEF\xBB\xBFregion;period_start_date;period_end_date;track;kpi;"));
  EXPECT_THAT(csv, HasSubstr(";2026-03-01;2026-03-31;Akut;CONSULTS_ANSWERED;COUNT;10;"));
  EXPECT_THAT(csv, HasSubstr("REFERRAL_AVOIDED_SHARE;RATIO;<5;<5;<5;<5;"));

  // Who may export is settled before what is asked: a bad dialect from a
  // clinician is still a refusal.
  request.set_dialect(static_cast<v1::CsvDialect>(99));
  grpc::ClientContext denied_context;
  denied_context.AddMetadata("authorization", "Bearer " + identity_provider_.TokenFor(kClinician));
  std::unique_ptr<grpc::ClientReader<v1::ExportKpiCsvResponse>> reader =
      stub_->ExportKpiCsv(&denied_context, request);
  v1::ExportKpiCsvResponse chunk;
  EXPECT_FALSE(reader->Read(&chunk));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(KpiApiTest, TheCatalogueComesInPages) {
  v1::ListKpiDefinitionsRequest request;
  request.set_page_size(10);
  std::vector<v1::KpiDefinition> all;
  for (int page = 0; page < 5; ++page) {
    v1::ListKpiDefinitionsResponse response;
    ASSERT_TRUE(stub_->ListKpiDefinitions(As(kClinician).get(), request, &response).ok());
    all.insert(all.end(), response.definitions().begin(), response.definitions().end());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  ASSERT_EQ(all.size(), 27u);
  EXPECT_EQ(all.front().kpi(), v1::KPI_CONSULTS_CREATED);
  EXPECT_EQ(all.back().kpi(), v1::KPI_CONFERENCES_FOLLOWED_UP);
}

}  // namespace
}  // namespace samspar::metrics
