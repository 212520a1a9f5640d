#include "tools/samspar/kpi_commands.h"

#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/client/channel.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "samspar/v1/metrics.grpc.pb.h"
#include "tools/samspar/kpi_demo_events.h"
#include "tools/samspar/kpi_requests.h"
#include "tools/samspar/kpi_tables.h"
#include "tools/samspar/kpi_views.h"
#include "tools/samspar/rpc_call.h"
#include "tools/samspar/token_commands.h"

namespace samspar::cli {
namespace {

constexpr char kUsage[] =
    "usage: samspar kpi report | series | export | definitions [KPI] | targets | set-target KPI | dashboard\n"
    "  (see samspar --help; callers need --roles=analyst or region_admin)\n";

std::string Region(const CliOptions& options) { return absl::StrCat("regions/", options.region); }

// A call that failed: its status and reason.
int Fail(std::ostream& err, absl::string_view command, const absl::Status& status) {
  err << "samspar kpi " << command << ": " << status.message() << "\n";
  return 1;
}

// Flags or arguments that make no request.
int Misused(std::ostream& err, absl::string_view command, const absl::Status& status) {
  err << "samspar kpi " << command << ": " << status.message() << "\n";
  return 2;
}

absl::StatusOr<KpiCatalogue> Catalogue(const CliOptions& options) {
  KpiCatalogue catalogue;
  v1::ListKpiDefinitionsRequest request;
  request.set_page_size(100);
  do {
    v1::ListKpiDefinitionsResponse page;
    if (absl::Status status = CallRpc(options, "MetricsService.ListKpiDefinitions", request, page); !status.ok()) {
      return status;
    }
    for (const v1::KpiDefinition& definition : page.definitions()) catalogue[definition.kpi()] = definition;
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return catalogue;
}

int RunReport(const CliOptions& options, std::ostream& out, std::ostream& err) {
  absl::StatusOr<v1::QueryKpiReportRequest> request = ReportRequestFromFlags(Region(options));
  if (!request.ok()) return Misused(err, "report", request.status());
  absl::StatusOr<KpiCatalogue> catalogue = Catalogue(options);
  if (!catalogue.ok()) return Fail(err, "report", catalogue.status());
  v1::KpiReport report;
  if (absl::Status status = CallRpc(options, "MetricsService.QueryKpiReport", *request, report); !status.ok()) {
    return Fail(err, "report", status);
  }
  PrintKpiReport(report, *catalogue, out);
  return 0;
}

int RunSeries(const CliOptions& options, std::ostream& out, std::ostream& err) {
  absl::StatusOr<v1::ListKpiSeriesRequest> request = SeriesRequestFromFlags(Region(options));
  if (!request.ok()) return Misused(err, "series", request.status());
  absl::StatusOr<KpiCatalogue> catalogue = Catalogue(options);
  if (!catalogue.ok()) return Fail(err, "series", catalogue.status());
  std::vector<v1::KpiSeries> series;
  v1::ListKpiSeriesRequest page_request = *request;
  page_request.set_page_size(100);
  do {
    v1::ListKpiSeriesResponse page;
    if (absl::Status status = CallRpc(options, "MetricsService.ListKpiSeries", page_request, page); !status.ok()) {
      return Fail(err, "series", status);
    }
    series.insert(series.end(), page.series().begin(), page.series().end());
    page_request.set_page_token(page.next_page_token());
  } while (!page_request.page_token().empty());
  PrintKpiSeries(series, *request, *catalogue, out);
  return 0;
}

// The whole CSV of a streamed export and its suggested file name.
absl::Status ReadExport(const CliOptions& options, const v1::ExportKpiCsvRequest& request, std::string& file_name,
                        std::string& csv) {
  std::string address;
  for (const Endpoint& endpoint : options.endpoints) {
    if (endpoint.service == "metrics") address = endpoint.address;
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = client::MakeChannel(address, options.channel);
  if (!channel.ok()) return channel.status();
  absl::StatusOr<std::string> token = MintToken();
  if (!token.ok()) return token.status();
  std::unique_ptr<grpc::ClientContext> context = client::ContextWithTimeout(options.timeout);
  context->AddMetadata("authorization", absl::StrCat("Bearer ", *token));
  std::unique_ptr<v1::MetricsService::Stub> stub = v1::MetricsService::NewStub(*channel);
  std::unique_ptr<grpc::ClientReader<v1::ExportKpiCsvResponse>> reader = stub->ExportKpiCsv(context.get(), request);
  v1::ExportKpiCsvResponse message;
  while (reader->Read(&message)) {
    if (!message.file_name().empty()) file_name = message.file_name();
    csv += message.chunk();
  }
  if (grpc::Status status = reader->Finish(); !status.ok()) {
    absl::Status error = FromGrpcStatus(status);
    return absl::Status(error.code(), absl::StrCat(absl::StatusCodeToString(error.code()), " (", ReasonOrCode(error),
                                                   "): ", error.message()));
  }
  return absl::OkStatus();
}

int RunExport(const CliOptions& options, const std::string& out_file, std::ostream& out, std::ostream& err) {
  absl::StatusOr<v1::ExportKpiCsvRequest> request = ExportRequestFromFlags(Region(options));
  if (!request.ok()) return Misused(err, "export", request.status());
  std::string suggested, csv;
  if (absl::Status status = ReadExport(options, *request, suggested, csv); !status.ok()) {
    return Fail(err, "export", status);
  }
  // Only the name of the server's suggestion: the file goes in the current
  // directory whatever the name says.
  std::string path = out_file.empty() ? suggested.substr(suggested.rfind('/') + 1) : out_file;
  if (path.empty()) path = "samspar-kpi.csv";
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(csv.data(), static_cast<std::streamsize>(csv.size()));
  file.close();
  if (!file) return Fail(err, "export", absl::UnavailableError(absl::StrCat("cannot write ", path)));
  out << path << "  " << csv.size() << " bytes\n";
  return 0;
}

int RunDefinitions(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                   std::ostream& err) {
  absl::StatusOr<v1::Kpi> kpi = args.size() == 4 ? ParseKpi(args[3]) : v1::KPI_UNSPECIFIED;
  if (!kpi.ok()) return Misused(err, "definitions", kpi.status());
  absl::StatusOr<KpiCatalogue> catalogue = Catalogue(options);
  if (!catalogue.ok()) return Fail(err, "definitions", catalogue.status());
  if (*kpi != v1::KPI_UNSPECIFIED) {
    auto found = catalogue->find(*kpi);
    if (found == catalogue->end()) return Fail(err, "definitions", absl::NotFoundError("the service has no such KPI"));
    PrintKpiDefinition(found->second, out);
    return 0;
  }
  PrintKpiDefinitions(*catalogue, out);
  return 0;
}

int RunTargets(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const bool set = args[2] == "set-target";
  if (set != (args.size() == 4) || args.size() > 4) {
    err << "usage: samspar kpi targets | samspar kpi set-target KPI [--target_value=N | --relative_change=0.1] "
           "[--direction=more|fewer] | --clear\n";
    return 2;
  }
  absl::StatusOr<v1::Kpi> kpi = set ? ParseKpi(args[3]) : v1::KPI_UNSPECIFIED;
  if (!kpi.ok()) return Misused(err, args[2], kpi.status());
  absl::StatusOr<KpiCatalogue> catalogue = Catalogue(options);
  if (!catalogue.ok()) return Fail(err, args[2], catalogue.status());
  v1::GetKpiTargetsRequest get;
  get.set_name(absl::StrCat(Region(options), "/kpiTargets"));
  v1::KpiTargets targets;
  if (absl::Status status = CallRpc(options, "MetricsService.GetKpiTargets", get, targets); !status.ok()) {
    return Fail(err, args[2], status);
  }
  if (set) {
    // Read, change, write back under the etag read: a concurrent change
    // makes the update fail (ETAG_MISMATCH) rather than be lost.
    v1::UpdateKpiTargetsRequest update;
    *update.mutable_kpi_targets() = targets;
    if (absl::Status status = ApplyTargetFlags(*kpi, *update.mutable_kpi_targets()); !status.ok()) {
      return Misused(err, args[2], status);
    }
    update.mutable_update_mask()->add_paths("targets");
    if (absl::Status status = CallRpc(options, "MetricsService.UpdateKpiTargets", update, targets); !status.ok()) {
      return Fail(err, args[2], status);
    }
  }
  PrintKpiTargets(targets, *catalogue, out);
  return 0;
}

int RunDashboard(const CliOptions& options, std::ostream& out, std::ostream& err) {
  v1::CreateDashboardLinkRequest request;
  request.set_parent(Region(options));
  v1::DashboardLink link;
  if (absl::Status status = CallRpc(options, "MetricsService.CreateDashboardLink", request, link); !status.ok()) {
    return Fail(err, "dashboard", status);
  }
  out << link.url() << "\n";
  out << "valid until " << FormatLocalTime(link.expire_time())
      << "; the link gives anyone this dashboard: share it as such\n";
  return 0;
}

}  // namespace

int RunKpiCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                  std::ostream& err) {
  const std::string verb = args.size() >= 3 ? args[2] : "";
  const bool plain = args.size() == 3;
  if (verb == "report" && plain) return RunReport(options, out, err);
  if (verb == "series" && plain) return RunSeries(options, out, err);
  if (verb == "export" && plain) return RunExport(options, ExportFileFromFlags(), out, err);
  if (verb == "definitions" && args.size() <= 4) return RunDefinitions(options, args, out, err);
  if (verb == "targets" || verb == "set-target") return RunTargets(options, args, out, err);
  if (verb == "dashboard" && plain) return RunDashboard(options, out, err);
  if (verb == "demo-events") return RunKpiDemoEvents(args, out, err);
  err << kUsage;
  return 2;
}

}  // namespace samspar::cli
