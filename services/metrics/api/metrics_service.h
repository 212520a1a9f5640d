#ifndef SAMSPAR_SERVICES_METRICS_API_METRICS_SERVICE_H_
#define SAMSPAR_SERVICES_METRICS_API_METRICS_SERVICE_H_

// MetricsService (metrics.proto): events in from consult and conference,
// the regions' goals out as reports, series, CSV and a dashboard.

#include <thread>
#include <vector>

#include "common/http/http_route.h"
#include "common/http/metrics_registry.h"
#include "common/identity/caller.h"
#include "common/server/call_guard.h"
#include "common/server/service_main.h"
#include "common/status/grpc_status.h"
#include "samspar/v1/metrics.grpc.pb.h"
#include "services/metrics/api/kpi_dashboard.h"
#include "services/metrics/events/event_store.h"
#include "services/metrics/kpi/kpi_targets_store.h"
#include "services/metrics/kpi/region_facts_cache.h"
#include "services/metrics/metrics_options.h"

namespace samspar::metrics {

class MetricsServiceImpl : public v1::MetricsService::CallbackService {
 public:
  MetricsServiceImpl(server::ServiceContext& context, MetricsOptions options);
  ~MetricsServiceImpl() override;

  std::vector<http::HttpRoute> HttpRoutes() { return {dashboard_.Route()}; }

  grpc::ServerUnaryReactor* IngestEvents(grpc::CallbackServerContext* context, const v1::IngestEventsRequest* request,
                                         v1::IngestEventsResponse* response) override;
  grpc::ServerUnaryReactor* QueryKpiReport(grpc::CallbackServerContext* context,
                                           const v1::QueryKpiReportRequest* request, v1::KpiReport* response) override;
  grpc::ServerUnaryReactor* ListKpiSeries(grpc::CallbackServerContext* context, const v1::ListKpiSeriesRequest* request,
                                          v1::ListKpiSeriesResponse* response) override;
  grpc::ServerWriteReactor<v1::ExportKpiCsvResponse>* ExportKpiCsv(grpc::CallbackServerContext* context,
                                                                   const v1::ExportKpiCsvRequest* request) override;
  grpc::ServerUnaryReactor* ListKpiDefinitions(grpc::CallbackServerContext* context,
                                               const v1::ListKpiDefinitionsRequest* request,
                                               v1::ListKpiDefinitionsResponse* response) override;
  grpc::ServerUnaryReactor* GetKpiTargets(grpc::CallbackServerContext* context, const v1::GetKpiTargetsRequest* request,
                                          v1::KpiTargets* response) override;
  grpc::ServerUnaryReactor* UpdateKpiTargets(grpc::CallbackServerContext* context,
                                             const v1::UpdateKpiTargetsRequest* request,
                                             v1::KpiTargets* response) override;
  grpc::ServerUnaryReactor* CreateDashboardLink(grpc::CallbackServerContext* context,
                                                const v1::CreateDashboardLinkRequest* request,
                                                v1::DashboardLink* response) override;

 private:
  template <typename Handler>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, Handler&& handler) {
    return guard_.Serve(context, std::forward<Handler>(handler));
  }

  absl::StatusOr<v1::KpiReport> Report(const identity::Caller& caller, absl::string_view rpc,
                                       const v1::QueryKpiReportRequest& request);
  absl::StatusOr<std::vector<v1::KpiSeries>> AllSeries(const identity::Caller& caller, absl::string_view rpc,
                                                       const v1::ListKpiSeriesRequest& request);
  absl::StatusOr<v1::ExportKpiCsvResponse> CsvFile(const identity::Caller& caller,
                                                   const v1::ExportKpiCsvRequest& request, std::string& csv);

  const MetricsOptions options_;
  server::CallGuard& guard_;
  EventStore events_;
  RegionFactsCache facts_;
  KpiTargetsStore targets_;
  KpiDashboard dashboard_;
  // The business events, for operations: per region, track and type only.
  http::CounterFamily& business_events_;
  // Reads the regions' events into memory at start (a year takes a second).
  std::thread warm_up_;
};

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_API_METRICS_SERVICE_H_
