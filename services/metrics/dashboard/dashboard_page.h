#ifndef SAMSPAR_SERVICES_METRICS_DASHBOARD_DASHBOARD_PAGE_H_
#define SAMSPAR_SERVICES_METRICS_DASHBOARD_DASHBOARD_PAGE_H_

// The region's KPI dashboard: the HTML page that the metrics service serves on
// its HTTP side port (CreateDashboardLink), for analysts and managers who
// follow the region's goals in numbers.
//
// The page is one self-contained document, because it is opened inside
// hospital networks that reach nothing else: its CSS, its scripts and its SVG
// charts are inline, it names no URL and makes no request. Its
// Content-Security-Policy allows only its own scripts and style (by hash), so
// the browser refuses any load or script the page did not bring. The data
// travels as JSON in a non-executed script element; the page's script draws
// from it and inserts every text that comes from data (display names of KPIs,
// units and tracks, which come from other systems) as text, never as markup.
//
// What the page shows: the region, the current period and the latest event
// reported (events arrive late through an outbox), a filter form (track,
// unit, week or month points) that reloads the page with GET keeping the
// link's token, and one chart per goal: the goal's KPIs of the unit of its
// first KPI as lines over the series' points, targets as dashed lines,
// suppressed points ("<5") and missing values as gaps; under each chart a
// card per KPI of the goal with the current value, the previous period's, the
// target, whether it is on track (in words, not colour alone) and which way is
// better. Texts are Swedish, numbers formatted as in Sweden ("42 %",
// "3 min 20 s").
//
// For tests in a browser, the body carries data-errors (the page's script
// errors, absent when there were none), and after drawing data-charts (the
// number of charts) and data-ready="true". Each chart is an
// <svg class="goal-chart" data-goal="<goal>" data-points="<n>"> where n counts
// the points drawn with a value (not the suppressed or missing ones).

#include <string>
#include <utility>
#include <vector>

#include "samspar/v1/metrics.pb.h"

namespace samspar::metrics {

struct DashboardView {
  // The region's code, e.g. "06".
  std::string region;
  // The page's link token, kept by the filter form.
  std::string token;
  // The KPI catalogue: names, goal, unit, default direction. Goals are shown
  // in the order they first appear here.
  std::vector<v1::KpiDefinition> definitions;
  // The current period; its `total` row has one KpiValue per KPI.
  v1::KpiReport current;
  // One ungrouped series per KPI, oldest point first.
  std::vector<v1::KpiSeries> series;
  // The series' points: PERIOD_KIND_WEEK or PERIOD_KIND_MONTH.
  v1::PeriodKind granularity = v1::PERIOD_KIND_MONTH;
  // The filter's choices as (value, display name): tracks by enum name
  // ("TRACK_ACUTE"), units by resource name.
  std::vector<std::pair<std::string, std::string>> track_options;
  std::vector<std::pair<std::string, std::string>> unit_options;
  // The chosen filter values; empty means all.
  std::string selected_track;
  std::string selected_unit;
};

// The whole HTML document (UTF-8) for `view`.
std::string DashboardPage(const DashboardView& view);

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_DASHBOARD_DASHBOARD_PAGE_H_
