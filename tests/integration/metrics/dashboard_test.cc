// The KPI dashboard as an analyst opens it: a link from CreateDashboardLink,
// the page served by the metrics service on its HTTP side port, drawn in a
// real browser with one chart per goal; a link opens that region's page only.

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "services/metrics/catalogue/kpi_catalogue.h"
#include "tests/integration/metrics/metrics_events.h"
#include "tests/integration/metrics/metrics_fixture.h"
#include "tests/support/headless_chromium.h"

namespace samspar::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::Answered;
using testing::ConsultEvent;
using testing::kAnalyst;
using testing::kClinician;
using testing::kConsultService;

class DashboardTest : public testing::MetricsFixture {
 protected:
  void SetUp() override {
    MetricsFixture::SetUp();
    // A year of consults up to now, a few each week.
    std::vector<v1::Event> events;
    const absl::Time now = absl::Now();
    for (int i = 0; i < 300; ++i) {
      const absl::Time created = now - absl::Hours(24 * 360) + absl::Hours(28 * i);
      events.push_back(ConsultEvent(2 * i + 1, i, v1::EVENT_TYPE_CONSULT_CREATED, created));
      events.push_back(Answered(2 * i + 2, i,
                                i % 3 == 0 ? v1::CONSULT_OUTCOME_SENT_TO_ED : v1::CONSULT_OUTCOME_STAYS_IN_PRIMARY_CARE,
                                created + absl::Minutes(10), absl::Minutes(5 + i % 7)));
    }
    v1::IngestEventsRequest request;
    for (const v1::Event& event : events) *request.add_events() = event;
    v1::IngestEventsResponse response;
    ASSERT_TRUE(stub_->IngestEvents(AsSystem(kConsultService).get(), request, &response).ok());
    ASSERT_EQ(response.accepted_count(), 600);
  }

  // The link's path and query (the local test server has no base URL).
  std::string LinkPath(const std::string& region = "06") {
    v1::CreateDashboardLinkRequest request;
    request.set_parent(absl::StrCat("regions/", region));
    v1::DashboardLink link;
    grpc::Status status = stub_->CreateDashboardLink(As(kAnalyst, region).get(), request, &link);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_GT(link.expire_time().seconds(), absl::ToUnixSeconds(absl::Now() + absl::Hours(11)));
    return link.url();
  }

  httplib::Result Fetch(const std::string& path) {
    httplib::Client http("127.0.0.1", server_->http_port());
    return http.Get(path);
  }

  std::string Url(const std::string& path) { return absl::StrCat("http://127.0.0.1:", server_->http_port(), path); }
};

TEST_F(DashboardTest, ALinkOpensTheRegionsPage) {
  const std::string path = LinkPath();
  EXPECT_THAT(path, ::testing::StartsWith("/dashboard/regions/06?token="));
  httplib::Result page = Fetch(path);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(page->body, HasSubstr("region 06"));
  EXPECT_THAT(page->body, Not(HasSubstr("https://")));
  EXPECT_THAT(page->body, Not(HasSubstr("http://")));
}

TEST_F(DashboardTest, ALinkOpensNoOtherPageAndABadTokenNone) {
  const std::string path = LinkPath();
  const std::string token = path.substr(path.find("token=") + 6);
  EXPECT_EQ(Fetch(absl::StrCat("/dashboard/regions/07?token=", token))->status, 401);
  EXPECT_EQ(Fetch("/dashboard/regions/06")->status, 401);
  std::string tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(Fetch(absl::StrCat("/dashboard/regions/06?token=", tampered))->status, 401);
  EXPECT_EQ(Fetch(absl::StrCat(path, "&track=TRACK_NONSENSE"))->status, 400);
}

TEST_F(DashboardTest, OnlyKpiReadersGetALink) {
  v1::CreateDashboardLinkRequest request;
  request.set_parent("regions/06");
  v1::DashboardLink link;
  EXPECT_EQ(stub_->CreateDashboardLink(As(kClinician).get(), request, &link).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_->CreateDashboardLink(As(kAnalyst, "07").get(), request, &link).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(DashboardTest, TheBrowserDrawsOneChartPerGoalWithoutErrors) {
  if (!samspar::testing::ChromiumAvailable()) GTEST_SKIP() << "Chromium is not installed (apt-get install chromium)";
  const std::string url = Url(LinkPath());
  absl::StatusOr<samspar::testing::BrowserPage> page = samspar::testing::LoadInChromium(url);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_THAT(page->console_errors, ::testing::IsEmpty());
  EXPECT_THAT(page->dom, HasSubstr("data-ready=\"true\""));
  EXPECT_THAT(page->dom, Not(HasSubstr("data-errors=\"")));
  EXPECT_THAT(page->dom, HasSubstr(absl::StrCat("data-charts=\"", KpiGoals().size(), "\"")));
  // Twelve months of consults created and answered: two lines of twelve points.
  EXPECT_THAT(page->dom, HasSubstr("data-goal=\"Fler samtal läkare till läkare\" data-points=\"24\""));

  // Filtered to a track with no consults, the page still draws every chart.
  absl::StatusOr<samspar::testing::BrowserPage> filtered =
      samspar::testing::LoadInChromium(absl::StrCat(url, "&track=TRACK_SEMI_ACUTE&granularity=WEEK"));
  ASSERT_TRUE(filtered.ok()) << filtered.status();
  EXPECT_THAT(filtered->console_errors, ::testing::IsEmpty());
  EXPECT_THAT(filtered->dom, HasSubstr(absl::StrCat("data-charts=\"", KpiGoals().size(), "\"")));

  if (const char* dir = std::getenv("SAMSPAR_SCREENSHOT_DIR"); dir != nullptr) {
    EXPECT_TRUE(samspar::testing::ScreenshotInChromium(url, absl::StrCat(dir, "/dashboard-service.png")).ok());
  }
}

}  // namespace
}  // namespace samspar::metrics
