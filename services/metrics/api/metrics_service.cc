#include "services/metrics/api/metrics_service.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/page.h"
#include "common/api/region_names.h"
#include "common/api/update_mask.h"
#include "common/auth/authorize.h"
#include "common/auth/rpc_rule.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/metrics/catalogue/kpi_catalogue.h"
#include "services/metrics/events/event_validation.h"
#include "services/metrics/export/kpi_csv.h"
#include "services/metrics/kpi/kpi_queries.h"

namespace samspar::metrics {
namespace {

constexpr int kMaxBatch = 1000;

absl::Status Allow(const identity::Caller& caller, absl::string_view rpc, auth::ResourceFacts facts) {
  const auth::RpcRule* rule = auth::FindRule(absl::StrCat("/samspar.v1.MetricsService/", rpc));
  if (rule == nullptr) return absl::InternalError(absl::StrCat("no access rule for ", rpc));
  return auth::Authorize(caller, *rule, facts).status();
}

absl::Status CheckDialect(int dialect) {
  if (v1::CsvDialect_IsValid(dialect)) return absl::OkStatus();
  return FieldError("dialect", "FIELD_INVALID", "is not a CSV dialect");
}

// The CSV's chunks, written one after the other.
class CsvStream : public grpc::ServerWriteReactor<v1::ExportKpiCsvResponse> {
 public:
  CsvStream(v1::ExportKpiCsvResponse first, const std::string& csv) : chunks_(CsvChunks(csv)) {
    message_ = std::move(first);
    WriteNext();
  }
  explicit CsvStream(const absl::Status& refused) { Finish(ToGrpcStatus(refused)); }

  void OnWriteDone(bool ok) override {
    if (!ok) return Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
    message_.Clear();
    WriteNext();
  }
  void OnDone() override { delete this; }

 private:
  void WriteNext() {
    // The first message goes out even for an empty file: it names it.
    if (next_ >= chunks_.size() && next_ > 0) return Finish(grpc::Status::OK);
    if (next_ < chunks_.size()) message_.set_chunk(std::move(chunks_[next_]));
    ++next_;
    StartWrite(&message_);
  }

  std::vector<std::string> chunks_;
  size_t next_ = 0;
  v1::ExportKpiCsvResponse message_;
};

}  // namespace

MetricsServiceImpl::MetricsServiceImpl(server::ServiceContext& context, MetricsOptions options)
    : options_(std::move(options)),
      guard_(context.guard),
      events_(context.database),
      facts_(events_),
      targets_(context.database),
      dashboard_(facts_, targets_, options_),
      business_events_(context.metrics.AddCounter(
          "samspar_business_events_total",
          "Business events ingested (consults and conferences by state change), per region, track and type",
          {"region", "track", "type"})),
      warm_up_([this] { facts_.WarmUp(); }) {}

MetricsServiceImpl::~MetricsServiceImpl() { warm_up_.join(); }

grpc::ServerUnaryReactor* MetricsServiceImpl::IngestEvents(grpc::CallbackServerContext* context,
                                                           const v1::IngestEventsRequest* request,
                                                           v1::IngestEventsResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "IngestEvents", {}));
    if (request->events().empty()) return FieldError("events", "FIELD_REQUIRED", "send at least one event");
    if (request->events_size() > kMaxBatch) {
      return FieldError("events", "FIELD_INVALID", absl::StrCat("send at most ", kMaxBatch, " events per batch"));
    }
    const absl::Time now = absl::Now();
    std::vector<v1::EventResult> results(request->events_size());
    std::vector<const v1::Event*> valid;
    std::vector<int> valid_index;
    for (int i = 0; i < request->events_size(); ++i) {
      const v1::Event& event = request->events(i);
      v1::EventResult& result = results[i];
      result.set_index(i);
      result.set_event_id(event.event_id());
      if (absl::optional<EventRejection> rejected = ValidateEvent(event, caller.region, now)) {
        result.set_status(v1::EVENT_RESULT_STATUS_REJECTED);
        result.set_reason(rejected->reason);
        result.set_field(rejected->field);
        result.set_description(rejected->description);
        // An id shaped like a personnummer is not echoed either.
        if (rejected->field == "event_id") result.clear_event_id();
        continue;
      }
      valid.push_back(&event);
      valid_index.push_back(i);
    }
    std::vector<StoreResult> stored;
    if (!valid.empty()) {
      SAMSPAR_ASSIGN_OR_RETURN(stored, events_.Store(valid, now));
    }
    for (size_t j = 0; j < valid.size(); ++j) {
      v1::EventResult& result = results[valid_index[j]];
      switch (stored[j]) {
        case StoreResult::kAdded:
          result.set_status(v1::EVENT_RESULT_STATUS_ACCEPTED);
          business_events_.Increment(
              {caller.region, v1::Track_Name(valid[j]->track()), v1::EventType_Name(valid[j]->type())});
          break;
        case StoreResult::kDuplicate:
          result.set_status(v1::EVENT_RESULT_STATUS_DUPLICATE);
          break;
        case StoreResult::kConflict:
          result.set_status(v1::EVENT_RESULT_STATUS_REJECTED);
          result.set_reason("EVENT_ID_CONFLICT");
          result.set_field("event_id");
          result.set_description("an event with this id was ingested before with other content");
          break;
      }
    }
    for (v1::EventResult& result : results) {
      switch (result.status()) {
        case v1::EVENT_RESULT_STATUS_ACCEPTED:
          response->set_accepted_count(response->accepted_count() + 1);
          break;
        case v1::EVENT_RESULT_STATUS_DUPLICATE:
          response->set_duplicate_count(response->duplicate_count() + 1);
          break;
        default:
          response->set_rejected_count(response->rejected_count() + 1);
      }
      *response->add_results() = std::move(result);
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::KpiReport> MetricsServiceImpl::Report(const identity::Caller& caller, absl::string_view rpc,
                                                         const v1::QueryKpiReportRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(const std::string region, api::ParseRegion(request.parent(), "parent"));
  SAMSPAR_RETURN_IF_ERROR(Allow(caller, rpc, {.region = region}));
  const absl::Time now = absl::Now();
  SAMSPAR_ASSIGN_OR_RETURN(const ReportQuery query, ReadReportQuery(request, now, options_.zone));
  SAMSPAR_ASSIGN_OR_RETURN(const v1::KpiTargets targets, targets_.Get(region));
  v1::KpiReport report;
  SAMSPAR_RETURN_IF_ERROR(facts_.Read(
      request.parent(), [&](const RegionFacts& facts) { report = ComputeReport(facts, targets, query, now); }));
  return report;
}

absl::StatusOr<std::vector<v1::KpiSeries>> MetricsServiceImpl::AllSeries(const identity::Caller& caller,
                                                                         absl::string_view rpc,
                                                                         const v1::ListKpiSeriesRequest& request) {
  SAMSPAR_ASSIGN_OR_RETURN(const std::string region, api::ParseRegion(request.parent(), "parent"));
  SAMSPAR_RETURN_IF_ERROR(Allow(caller, rpc, {.region = region}));
  SAMSPAR_ASSIGN_OR_RETURN(const SeriesQuery query, ReadSeriesQuery(request, options_.zone));
  SAMSPAR_ASSIGN_OR_RETURN(const v1::KpiTargets targets, targets_.Get(region));
  std::vector<v1::KpiSeries> series;
  SAMSPAR_RETURN_IF_ERROR(
      facts_.Read(request.parent(), [&](const RegionFacts& facts) { series = ComputeSeries(facts, targets, query); }));
  return series;
}

grpc::ServerUnaryReactor* MetricsServiceImpl::QueryKpiReport(grpc::CallbackServerContext* context,
                                                             const v1::QueryKpiReportRequest* request,
                                                             v1::KpiReport* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(*response, Report(caller, "QueryKpiReport", *request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MetricsServiceImpl::ListKpiSeries(grpc::CallbackServerContext* context,
                                                            const v1::ListKpiSeriesRequest* request,
                                                            v1::ListKpiSeriesResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::vector<v1::KpiSeries> series, AllSeries(caller, "ListKpiSeries", *request));
    const std::string fingerprint = api::RequestFingerprint(*request);
    SAMSPAR_ASSIGN_OR_RETURN(const api::Page page,
                             api::ResolvePage(request->page_size(), request->page_token(), fingerprint));
    const size_t end = std::min(series.size(), static_cast<size_t>(page.offset) + static_cast<size_t>(page.size));
    for (size_t i = static_cast<size_t>(page.offset); i < end; ++i) *response->add_series() = std::move(series[i]);
    if (end < series.size()) response->set_next_page_token(api::NextPageToken(fingerprint, static_cast<int>(end)));
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::ExportKpiCsvResponse> MetricsServiceImpl::CsvFile(const identity::Caller& caller,
                                                                     const v1::ExportKpiCsvRequest& request,
                                                                     std::string& csv) {
  v1::ExportKpiCsvResponse first;
  first.set_content_type("text/csv; charset=utf-8");
  switch (request.source_case()) {
    case v1::ExportKpiCsvRequest::kReport: {
      SAMSPAR_ASSIGN_OR_RETURN(const v1::KpiReport report, Report(caller, "ExportKpiCsv", request.report()));
      SAMSPAR_RETURN_IF_ERROR(CheckDialect(request.dialect()));
      csv = KpiReportCsv(report, request.dialect());
      first.set_file_name(KpiCsvFileName(report.region().substr(report.region().rfind('/') + 1), report.dates(),
                                         report.period().kind()));
      return first;
    }
    case v1::ExportKpiCsvRequest::kSeries: {
      const v1::ListKpiSeriesRequest& asked = request.series();
      SAMSPAR_ASSIGN_OR_RETURN(const std::vector<v1::KpiSeries> series, AllSeries(caller, "ExportKpiCsv", asked));
      SAMSPAR_RETURN_IF_ERROR(CheckDialect(request.dialect()));
      const std::string region = asked.parent().substr(asked.parent().rfind('/') + 1);
      csv = KpiSeriesCsv(asked.parent(), asked.group_by(), series, request.dialect());
      first.set_file_name(KpiCsvFileName(region, asked.range(), v1::PERIOD_KIND_CUSTOM));
      return first;
    }
    default:
      return FieldError("source", "FIELD_REQUIRED", "name a report or series to export");
  }
}

grpc::ServerWriteReactor<v1::ExportKpiCsvResponse>* MetricsServiceImpl::ExportKpiCsv(
    grpc::CallbackServerContext* context, const v1::ExportKpiCsvRequest* request) {
  absl::StatusOr<identity::Caller> caller = guard_.Admit(*context);
  if (!caller.ok()) return new CsvStream(caller.status());
  std::string csv;
  absl::StatusOr<v1::ExportKpiCsvResponse> first = CsvFile(*caller, *request, csv);
  if (!first.ok()) return new CsvStream(first.status());
  return new CsvStream(*std::move(first), csv);
}

grpc::ServerUnaryReactor* MetricsServiceImpl::ListKpiDefinitions(grpc::CallbackServerContext* context,
                                                                 const v1::ListKpiDefinitionsRequest* request,
                                                                 v1::ListKpiDefinitionsResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListKpiDefinitions", {}));
    const std::string fingerprint = api::RequestFingerprint(*request);
    SAMSPAR_ASSIGN_OR_RETURN(const api::Page page,
                             api::ResolvePage(request->page_size(), request->page_token(), fingerprint));
    const absl::Span<const v1::KpiDefinition> catalogue = KpiCatalogue();
    const size_t end = std::min(catalogue.size(), static_cast<size_t>(page.offset) + static_cast<size_t>(page.size));
    for (size_t i = static_cast<size_t>(page.offset); i < end; ++i) *response->add_definitions() = catalogue[i];
    if (end < catalogue.size()) {
      response->set_next_page_token(api::NextPageToken(fingerprint, static_cast<int>(end)));
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MetricsServiceImpl::GetKpiTargets(grpc::CallbackServerContext* context,
                                                            const v1::GetKpiTargetsRequest* request,
                                                            v1::KpiTargets* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(const std::string region, ParseKpiTargetsName(request->name(), "name"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "GetKpiTargets", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, targets_.Get(region));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MetricsServiceImpl::UpdateKpiTargets(grpc::CallbackServerContext* context,
                                                               const v1::UpdateKpiTargetsRequest* request,
                                                               v1::KpiTargets* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    const v1::KpiTargets& asked = request->kpi_targets();
    SAMSPAR_ASSIGN_OR_RETURN(const std::string region, ParseKpiTargetsName(asked.name(), "kpi_targets.name"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "UpdateKpiTargets", {.region = region}));
    SAMSPAR_RETURN_IF_ERROR(CheckTargets(asked));
    SAMSPAR_ASSIGN_OR_RETURN(v1::KpiTargets merged, targets_.Get(region));
    SAMSPAR_RETURN_IF_ERROR(api::ApplyUpdate(asked, request->update_mask(),
                                             {.output_only = {"updated_by", "update_time"}}, "kpi_targets", merged));
    merged.set_etag(asked.etag());
    SAMSPAR_ASSIGN_OR_RETURN(*response, targets_.Replace(region, merged, caller, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MetricsServiceImpl::CreateDashboardLink(grpc::CallbackServerContext* context,
                                                                  const v1::CreateDashboardLinkRequest* request,
                                                                  v1::DashboardLink* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(const std::string region, api::ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "CreateDashboardLink", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, dashboard_.Link(region, absl::Now()));
    return absl::OkStatus();
  });
}

}  // namespace samspar::metrics
