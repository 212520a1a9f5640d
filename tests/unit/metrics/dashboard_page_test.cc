#include "services/metrics/dashboard/dashboard_page.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/support/headless_chromium.h"
#include "tests/support/temp_dir.h"

namespace samspar::metrics {
namespace {

using ::samspar::testing::BrowserPage;
using ::samspar::testing::ChromiumAvailable;
using ::samspar::testing::LoadInChromium;
using ::samspar::testing::ScreenshotInChromium;
using ::samspar::testing::TempDir;

constexpr char kReferralGoal[] = "Färre remisser från primärvård till specialistvård";
constexpr char kEdGoal[] = "Färre akutbesök";
constexpr char kCollaborationGoal[] = "Samverkan fungerar";
// A display name from another system that would run script if the page
// inserted it as markup.
constexpr char kHostileName[] = "Undvikna remisser <script>alert(1)</script>";
constexpr char kHostileUnit[] = "Vårdcentral Falun <details open ontoggle=\"document.body.dataset.injected='ja'\">";

// The tests that open the page in a browser; skipped, saying why, where
// Chromium is not installed.
class DashboardInChromiumTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!ChromiumAvailable()) {
      GTEST_SKIP() << "Chromium is not installed at /usr/bin/chromium (nor named by $SAMSPAR_CHROMIUM): "
                      "install Debian's chromium package to run the dashboard's browser tests";
    }
  }
};

v1::KpiDefinition Definition(v1::Kpi kpi, absl::string_view name_sv, absl::string_view goal, v1::KpiUnit unit,
                             v1::KpiDirection direction) {
  v1::KpiDefinition definition;
  definition.set_kpi(kpi);
  definition.set_display_name(std::string(name_sv));
  definition.set_display_name_sv(std::string(name_sv));
  definition.set_goal(std::string(goal));
  definition.set_unit(unit);
  definition.set_default_direction(direction);
  return definition;
}

void SetDate(v1::LocalDate* date, int year, int month, int day) {
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
}

// Twelve monthly points, April 2025 to March 2026. `value(i)` is the i-th
// value; a negative one marks a suppressed point, NaN a missing one.
template <typename ValueOf, typename TargetOf>
v1::KpiSeries MonthlySeries(v1::Kpi kpi, v1::KpiUnit unit, ValueOf value, TargetOf target) {
  v1::KpiSeries series;
  series.set_kpi(kpi);
  series.set_unit(unit);
  for (int i = 0; i < 12; ++i) {
    v1::KpiPoint* point = series.add_points();
    SetDate(point->mutable_period_start_date(), i < 9 ? 2025 : 2026, (i + 3) % 12 + 1, 1);
    const double v = value(i);
    if (v < 0) {
      point->set_suppressed(true);
      point->set_target_status(v1::TARGET_STATUS_NO_DATA);
    } else if (!std::isnan(v)) {
      point->set_value(v);
      point->set_sample_size(40);
    }
    if (std::optional<double> t = target(i)) point->set_target(*t);
  }
  return series;
}

v1::KpiValue* AddValue(v1::KpiReport* report, v1::Kpi kpi, v1::KpiUnit unit, v1::KpiDirection direction,
                       v1::TargetStatus status) {
  v1::KpiValue* value = report->mutable_total()->add_values();
  value->set_kpi(kpi);
  value->set_unit(unit);
  value->set_direction(direction);
  value->set_target_status(status);
  return value;
}

// Three goals: two counts and a share (the share has a card but no line in
// the counts' chart), a share, and a duration with a KPI that has no data.
DashboardView SampleView() {
  DashboardView view;
  view.region = "06";
  view.token = "lank-token-123";
  view.granularity = v1::PERIOD_KIND_MONTH;
  view.definitions = {
      Definition(v1::KPI_REFERRALS_AVOIDED, kHostileName, kReferralGoal, v1::KPI_UNIT_COUNT, v1::KPI_DIRECTION_MORE),
      Definition(v1::KPI_REFERRALS_NEEDED, "Remisser", kReferralGoal, v1::KPI_UNIT_COUNT, v1::KPI_DIRECTION_FEWER),
      Definition(v1::KPI_REFERRAL_AVOIDED_SHARE, "Andel undvikna remisser", kReferralGoal, v1::KPI_UNIT_RATIO,
                 v1::KPI_DIRECTION_MORE),
      Definition(v1::KPI_ED_AVOIDED_SHARE, "Andel undvikna akutbesök", kEdGoal, v1::KPI_UNIT_RATIO,
                 v1::KPI_DIRECTION_MORE),
      Definition(v1::KPI_TIME_TO_ANSWER_MEDIAN, "Tid till svar, median", kCollaborationGoal, v1::KPI_UNIT_SECONDS,
                 v1::KPI_DIRECTION_FEWER),
      Definition(v1::KPI_TIME_TO_ANSWER_P90, "Tid till svar, 90:e percentilen", kCollaborationGoal,
                 v1::KPI_UNIT_SECONDS, v1::KPI_DIRECTION_FEWER),
  };
  auto none = [](int) { return std::optional<double>(); };
  const double kMissing = std::nan("");
  // 10 drawn: April–August, October–November and January–March; September
  // suppressed, December missing.
  view.series.push_back(MonthlySeries(
      v1::KPI_REFERRALS_AVOIDED, v1::KPI_UNIT_COUNT, [&](int i) { return i == 5   ? -1
                                                                         : i == 8 ? kMissing
                                                                                  : 20.0 + i; },
      [](int i) { return std::optional<double>(i < 9 ? 30.0 : 31.0); }));
  view.series.push_back(MonthlySeries(
      v1::KPI_REFERRALS_NEEDED, v1::KPI_UNIT_COUNT, [](int i) { return 60.0 - 2 * i; }, none));
  view.series.push_back(MonthlySeries(
      v1::KPI_REFERRAL_AVOIDED_SHARE, v1::KPI_UNIT_RATIO, [](int i) { return 0.3 + 0.01 * i; }, none));
  view.series.push_back(MonthlySeries(
      v1::KPI_ED_AVOIDED_SHARE, v1::KPI_UNIT_RATIO, [](int i) { return 0.40 + 0.01 * i; },
      [](int i) { return i >= 6 ? std::optional<double>(0.45) : std::nullopt; }));
  view.series.push_back(MonthlySeries(
      v1::KPI_TIME_TO_ANSWER_MEDIAN, v1::KPI_UNIT_SECONDS, [&](int i) { return i == 0 ? kMissing : 180.0 + 30 * i; },
      [](int) { return std::optional<double>(240); }));

  v1::KpiReport& report = view.current;
  report.set_region("regions/06");
  report.mutable_period()->set_kind(v1::PERIOD_KIND_MONTH);
  SetDate(report.mutable_dates()->mutable_start_date(), 2026, 3, 1);
  SetDate(report.mutable_dates()->mutable_end_date(), 2026, 3, 31);
  // 21:14 UTC is 23:14 in Stockholm, summer time having begun on 29 March.
  report.mutable_latest_event_time()->set_seconds(1774991640);
  v1::KpiValue* avoided = AddValue(&report, v1::KPI_REFERRALS_AVOIDED, v1::KPI_UNIT_COUNT, v1::KPI_DIRECTION_MORE,
                                   v1::TARGET_STATUS_ON_TRACK);
  avoided->set_value(31);
  avoided->set_previous_value(30);
  avoided->set_target(31);
  AddValue(&report, v1::KPI_REFERRALS_NEEDED, v1::KPI_UNIT_COUNT, v1::KPI_DIRECTION_FEWER, v1::TARGET_STATUS_NO_DATA)
      ->set_suppressed(true);
  v1::KpiValue* share = AddValue(&report, v1::KPI_REFERRAL_AVOIDED_SHARE, v1::KPI_UNIT_RATIO, v1::KPI_DIRECTION_MORE,
                                 v1::TARGET_STATUS_OFF_TRACK);
  share->set_value(0.42);
  share->set_numerator(21);
  share->set_denominator(50);
  share->set_previous_value(0.4);
  share->set_target(0.5);
  v1::KpiValue* ed = AddValue(&report, v1::KPI_ED_AVOIDED_SHARE, v1::KPI_UNIT_RATIO, v1::KPI_DIRECTION_MORE,
                              v1::TARGET_STATUS_ON_TRACK);
  ed->set_value(0.51);
  ed->set_target(0.45);
  v1::KpiValue* answer = AddValue(&report, v1::KPI_TIME_TO_ANSWER_MEDIAN, v1::KPI_UNIT_SECONDS, v1::KPI_DIRECTION_FEWER,
                                  v1::TARGET_STATUS_ON_TRACK);
  answer->set_value(200);
  answer->set_previous_value(3900);
  answer->set_target(240);

  view.track_options = {{"TRACK_ACUTE", "Akut"}, {"TRACK_SEMI_ACUTE", "Halvakut"}};
  view.unit_options = {{"regions/06/units/vc-falun", kHostileUnit}};
  view.selected_track = "TRACK_ACUTE";
  return view;
}

std::string WritePage(const TempDir& dir, const std::string& html) {
  const std::string path = dir.File("dashboard.html");
  std::ofstream(path, std::ios::binary) << html;
  return path;
}

std::string FileUrl(const std::string& path) { return absl::StrCat("file://", path); }

// The start tag of the first element that opens with `opening` (e.g. "<body")
// and carries `marker`; empty when there is none.
std::string StartTag(absl::string_view dom, absl::string_view opening, absl::string_view marker = "") {
  for (size_t at = dom.find(opening); at != absl::string_view::npos; at = dom.find(opening, at + 1)) {
    const size_t end = dom.find('>', at);
    if (end == absl::string_view::npos) break;
    absl::string_view tag = dom.substr(at, end - at + 1);
    if (absl::StrContains(tag, marker)) return std::string(tag);
  }
  return "";
}

// The DOM without the text of its scripts and style, which hold the page's
// own strings: what is left was drawn.
std::string Drawn(absl::string_view dom) {
  std::string drawn;
  for (;;) {
    size_t open = absl::string_view::npos;
    absl::string_view closing;
    for (auto [start, end] :
         {std::pair<absl::string_view, absl::string_view>{"<script", "</script>"}, {"<style", "</style>"}}) {
      size_t at = dom.find(start);
      if (at < open) {
        open = at;
        closing = end;
      }
    }
    if (open == absl::string_view::npos) break;
    absl::StrAppend(&drawn, dom.substr(0, open));
    size_t close = dom.find(closing, open);
    if (close == absl::string_view::npos) return drawn;
    dom.remove_prefix(close + closing.size());
  }
  absl::StrAppend(&drawn, dom);
  return drawn;
}

std::optional<std::string> Attribute(const std::string& tag, absl::string_view name) {
  const std::string key = absl::StrCat(" ", name, "=\"");
  const size_t at = tag.find(key);
  if (at == std::string::npos) return std::nullopt;
  const size_t start = at + key.size();
  return tag.substr(start, tag.find('"', start) - start);
}

std::optional<std::string> ChartPoints(const std::string& dom, absl::string_view goal) {
  const std::string tag = StartTag(dom, "<svg", absl::StrCat("data-goal=\"", goal, "\""));
  if (tag.empty() || !absl::StrContains(tag, "class=\"goal-chart\"")) return std::nullopt;
  return Attribute(tag, "data-points");
}

absl::StatusOr<BrowserPage> Load(const TempDir& dir, const DashboardView& view) {
  return LoadInChromium(FileUrl(WritePage(dir, DashboardPage(view))));
}

TEST_F(DashboardInChromiumTest, DrawsOneChartPerGoalWithoutErrors) {
  TempDir dir;
  const std::string html = DashboardPage(SampleView());
  absl::StatusOr<BrowserPage> page = LoadInChromium(FileUrl(WritePage(dir, html)));
  ASSERT_TRUE(page.ok()) << page.status();
  const std::string dom = Drawn(page->dom);

  EXPECT_TRUE(page->console_errors.empty()) << absl::StrJoin(page->console_errors, "\n");
  const std::string body = StartTag(dom, "<body");
  EXPECT_EQ(Attribute(body, "data-errors"), std::nullopt) << body;
  EXPECT_EQ(Attribute(body, "data-ready"), "true") << body;
  EXPECT_EQ(Attribute(body, "data-charts"), "3") << body;

  // Only the two counts share the referral goal's chart: 10 + 12 points.
  EXPECT_EQ(ChartPoints(dom, kReferralGoal), "22");
  EXPECT_EQ(ChartPoints(dom, kEdGoal), "12");
  EXPECT_EQ(ChartPoints(dom, kCollaborationGoal), "11");
  EXPECT_TRUE(absl::StrContains(dom, "\">Diagram: Färre akutbesök. Andel undvikna akutbesök, per månad"))
      << "each chart has a title";

  // The suppressed September point in the chart, the suppressed count on its card.
  const std::string marker = StartTag(dom, "<text", "suppressed-marker");
  ASSERT_FALSE(marker.empty());
  EXPECT_TRUE(absl::StartsWith(absl::string_view(dom).substr(dom.find(marker) + marker.size()), "&lt;5"));
  EXPECT_TRUE(absl::StrContains(dom, "<p class=\"value\">&lt;5</p>"));
  EXPECT_TRUE(absl::StrContains(dom, "Mål (streckad linje)"));

  // The hostile names are shown as text and ran nothing.
  EXPECT_TRUE(absl::StrContains(dom, "Undvikna remisser &lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_FALSE(absl::StrContains(page->dom, "<script>alert(1)"));
  EXPECT_TRUE(absl::StrContains(dom, "Vårdcentral Falun &lt;details open"));
  EXPECT_FALSE(absl::StrContains(page->dom, "<details"));
  EXPECT_FALSE(absl::StrContains(body, "data-injected"));

  // The header and the cards, in Swedish and as numbers are written in Sweden.
  EXPECT_TRUE(absl::StrContains(dom, "<title>Samspår — mål i siffror, region 06</title>"));
  EXPECT_TRUE(absl::StrContains(dom, "mars 2026 (2026-03-01 – 2026-03-31)"));
  EXPECT_TRUE(absl::StrContains(dom, "Senast inrapporterad händelse</dt><dd>2026-03-31 23:14</dd>"));
  EXPECT_TRUE(absl::StrContains(dom, "<p class=\"value\">42&nbsp;%</p>"));
  EXPECT_TRUE(absl::StrContains(dom, "21 av 50"));
  EXPECT_TRUE(absl::StrContains(dom, "<p class=\"value\">3&nbsp;min 20&nbsp;s</p>"));
  EXPECT_TRUE(absl::StrContains(dom, "<dd>1&nbsp;h 05&nbsp;min</dd>"));
  EXPECT_TRUE(absl::StrContains(dom, "<p class=\"value\">–</p>")) << "the 90th percentile has no data";
  EXPECT_TRUE(absl::StrContains(dom, "På väg mot målet"));
  EXPECT_TRUE(absl::StrContains(dom, "Inte på väg mot målet"));
  EXPECT_TRUE(absl::StrContains(dom, "Underlag saknas"));
  EXPECT_TRUE(absl::StrContains(dom, "Fler är bättre"));
  EXPECT_TRUE(absl::StrContains(dom, "Färre är bättre"));
  EXPECT_TRUE(absl::StrContains(dom, ">2026-03</text>")) << "the latest point is labelled";

  // The filter form reloads this page, keeping the token and the choices.
  const std::string form = StartTag(dom, "<form");
  EXPECT_EQ(Attribute(form, "method"), "get");
  EXPECT_EQ(Attribute(form, "action"), std::nullopt);
  EXPECT_TRUE(absl::StrContains(dom, "<input type=\"hidden\" name=\"token\" value=\"lank-token-123\">"));
  EXPECT_TRUE(absl::StrContains(dom,
                                "<select name=\"track\"><option value=\"\">Alla</option>"
                                "<option value=\"TRACK_ACUTE\" selected=\"\">Akut</option>"));
  EXPECT_TRUE(absl::StrContains(dom, "<select name=\"unit\"><option value=\"\" selected=\"\">Alla</option>"));
  EXPECT_TRUE(absl::StrContains(dom, "<option value=\"MONTH\" selected=\"\">Månad</option>"));
  EXPECT_TRUE(absl::StrContains(dom, "<button type=\"submit\">Visa</button>"));

  EXPECT_FALSE(absl::StrContains(html, "http://"));
  EXPECT_FALSE(absl::StrContains(html, "https://"));
}

TEST(DashboardPageTest, ReferencesNothingOutsideThePage) {
  const std::string html = DashboardPage(SampleView());
  const std::string lower = absl::AsciiStrToLower(html);
  for (absl::string_view attribute : {"src=", "href=", "action=", "srcset=", "xlink:href="}) {
    for (size_t at = absl::string_view(lower).find(attribute); at != std::string::npos;
         at = absl::string_view(lower).find(attribute, at + 1)) {
      absl::string_view value = absl::string_view(lower).substr(at + attribute.size());
      absl::ConsumePrefix(&value, "\"") || absl::ConsumePrefix(&value, "'");
      EXPECT_TRUE(absl::StartsWith(value, "#") || absl::StartsWith(value, "\"") || absl::StartsWith(value, "?"))
          << "an external reference: " << lower.substr(at, 60);
    }
  }
  EXPECT_FALSE(absl::StrContains(lower, "url(")) << "CSS loads nothing";
  EXPECT_FALSE(absl::StrContains(lower, "@import"));
  EXPECT_FALSE(absl::StrContains(lower, "://")) << "no URL of any scheme";
  // The browser itself refuses any load the page did not bring.
  EXPECT_TRUE(absl::StrContains(html, "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
  // The data cannot end its script element: the only "</script>" are the
  // page's own three (error hook, data, drawing).
  size_t closings = 0;
  for (size_t at = html.find("</script"); at != std::string::npos; at = html.find("</script", at + 1)) ++closings;
  EXPECT_EQ(closings, 3u);
}

TEST_F(DashboardInChromiumTest, EmptyViewSaysSoWithoutErrors) {
  TempDir dir;
  DashboardView view;
  view.region = "06";
  absl::StatusOr<BrowserPage> page = Load(dir, view);
  ASSERT_TRUE(page.ok()) << page.status();

  EXPECT_TRUE(page->console_errors.empty()) << absl::StrJoin(page->console_errors, "\n");
  const std::string body = StartTag(page->dom, "<body");
  EXPECT_EQ(Attribute(body, "data-errors"), std::nullopt) << body;
  EXPECT_EQ(Attribute(body, "data-ready"), "true") << body;
  EXPECT_EQ(Attribute(body, "data-charts"), "0") << body;
  const std::string dom = Drawn(page->dom);
  EXPECT_TRUE(absl::StrContains(dom, "Inga data"));
  EXPECT_TRUE(absl::StrContains(dom, "Senast inrapporterad händelse</dt><dd>ingen ännu</dd>"));
}

TEST_F(DashboardInChromiumTest, GoalsWithoutSeriesShowEmptyCharts) {
  TempDir dir;
  DashboardView view = SampleView();
  view.series.clear();
  view.current.clear_total();
  absl::StatusOr<BrowserPage> page = Load(dir, view);
  ASSERT_TRUE(page.ok()) << page.status();

  EXPECT_TRUE(page->console_errors.empty()) << absl::StrJoin(page->console_errors, "\n");
  const std::string body = StartTag(page->dom, "<body");
  EXPECT_EQ(Attribute(body, "data-errors"), std::nullopt) << body;
  EXPECT_EQ(Attribute(body, "data-charts"), "3") << body;
  EXPECT_EQ(ChartPoints(page->dom, kReferralGoal), "0");
  const std::string dom = Drawn(page->dom);
  EXPECT_TRUE(absl::StrContains(dom, ">Inga data</text>"));
  EXPECT_TRUE(absl::StrContains(dom, "Underlag saknas"));
  EXPECT_FALSE(absl::StrContains(dom, "På väg mot målet"));
}

// What the tests above rely on: a script error, a rejected promise and
// console.error output all reach the test.
TEST_F(DashboardInChromiumTest, ChromiumReportsThePagesConsoleErrors) {
  TempDir dir;
  const std::string path = dir.File("broken.html");
  std::ofstream(path) << "<!DOCTYPE html><html><body><p>sida</p><script>\n"
                         "console.error('first line\\nsecond line');\n"
                         "Promise.reject(new Error('nobody waits'));\n"
                         "undefinedFunction();\n"
                         "</script></body></html>\n";
  absl::StatusOr<BrowserPage> page = LoadInChromium(FileUrl(path));
  ASSERT_TRUE(page.ok()) << page.status();
  const std::string errors = absl::StrJoin(page->console_errors, "\n--\n");
  ASSERT_EQ(page->console_errors.size(), 3u) << errors;
  EXPECT_TRUE(absl::StrContains(errors, "\"first line\nsecond line\", source: file://")) << errors;
  EXPECT_TRUE(absl::StrContains(errors, "Uncaught ReferenceError: undefinedFunction is not defined")) << errors;
  EXPECT_TRUE(absl::StrContains(errors, "Uncaught (in promise) Error: nobody waits")) << errors;
  EXPECT_TRUE(absl::StrContains(page->dom, "<p>sida</p>"));
}

TEST_F(DashboardInChromiumTest, ChromiumIsStoppedAtTheTimeout) {
  TempDir dir;
  const std::string path = dir.File("busy.html");
  std::ofstream(path) << "<!DOCTYPE html><html><body><script>for (;;) {}</script></body></html>\n";
  absl::StatusOr<BrowserPage> page = LoadInChromium(FileUrl(path), absl::Seconds(3));
  EXPECT_EQ(page.status().code(), absl::StatusCode::kDeadlineExceeded) << page.status();
}

TEST_F(DashboardInChromiumTest, ScreenshotsThePage) {
  TempDir dir;
  const std::string url = FileUrl(WritePage(dir, DashboardPage(SampleView())));
  const std::string png = dir.File("dashboard.png");
  ASSERT_TRUE(ScreenshotInChromium(url, png).ok());

  std::ifstream in(png, std::ios::binary);
  std::string signature(8, '\0');
  in.read(signature.data(), static_cast<std::streamsize>(signature.size()));
  EXPECT_EQ(signature, std::string("\x89PNG\r\n\x1a\n", 8));

  // For a person to look at: the page at desktop width and on a phone.
  if (const char* out = std::getenv("SAMSPAR_SCREENSHOT_DIR"); out != nullptr && *out != '\0') {
    std::filesystem::create_directories(out);
    std::filesystem::copy_file(png, std::filesystem::path(out) / "dashboard-1280.png",
                               std::filesystem::copy_options::overwrite_existing);
    EXPECT_TRUE(ScreenshotInChromium(url, (std::filesystem::path(out) / "dashboard-390.png").string(), 390, 3600).ok());
  }
}

}  // namespace
}  // namespace samspar::metrics
