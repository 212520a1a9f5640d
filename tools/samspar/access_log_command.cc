#include "tools/samspar/access_log_command.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/client/bearer_token.h"
#include "common/client/channel.h"
#include "common/ids/personnummer.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "samspar/v1/access_log.grpc.pb.h"
#include "tools/samspar/token_commands.h"

ABSL_FLAG(std::string, patient, "",
          "access-log: the patient's personnummer or samordningsnummer (the log extract)");
ABSL_FLAG(std::string, user, "", "access-log: the HSA-id of the person whose accesses to list");

namespace samspar::cli {
namespace {

using samspar::v1::AccessLogEntry;
using samspar::v1::AccessLogService;
using samspar::v1::SearchAccessLogRequest;
using samspar::v1::SearchAccessLogResponse;

// The largest extract printed: a patient's log over years stays far below.
constexpr size_t kMaxEntries = 100'000;

absl::Status SetSubject(SearchAccessLogRequest& request) {
  std::string patient = absl::GetFlag(FLAGS_patient);
  std::string user = absl::GetFlag(FLAGS_user);
  if (patient.empty() == user.empty()) {
    return absl::InvalidArgumentError("give one of --patient or --user");
  }
  if (!user.empty()) {
    request.set_user_hsa_id(user);
    return absl::OkStatus();
  }
  absl::StatusOr<ids::Personnummer> parsed = ids::Personnummer::Parse(patient);
  if (!parsed.ok()) return absl::InvalidArgumentError(absl::StrCat("--patient: ", parsed.status().message()));
  request.mutable_patient()->set_kind(parsed->kind() == ids::PersonnummerKind::kSamordningsnummer
                                          ? v1::PATIENT_IDENTIFIER_KIND_SAMORDNINGSNUMMER
                                          : v1::PATIENT_IDENTIFIER_KIND_PERSONNUMMER);
  request.mutable_patient()->set_value(parsed->canonical());
  return absl::OkStatus();
}

// Every page of one service's log.
absl::Status Collect(const Endpoint& endpoint, const CliOptions& options,
                     SearchAccessLogRequest request, std::vector<AccessLogEntry>& entries) {
  auto channel = client::MakeChannel(endpoint.address, options.channel);
  if (!channel.ok()) return channel.status();
  auto stub = AccessLogService::NewStub(*channel);
  request.set_parent(absl::StrCat("regions/", options.region, "/services/", endpoint.service));
  request.set_page_size(1000);
  do {
    auto context = client::ContextWithTimeout(options.timeout);
    context->set_credentials(client::BearerTokenCredentials(MintToken));
    SearchAccessLogResponse response;
    grpc::Status status = stub->SearchAccessLog(context.get(), request, &response);
    if (!status.ok()) {
      absl::Status error = FromGrpcStatus(status);
      return absl::Status(error.code(),
                          absl::StrCat(endpoint.service, ": ", absl::StatusCodeToString(error.code()),
                                       " (", ReasonOrCode(error), "): ", error.message()));
    }
    entries.insert(entries.end(), response.entries().begin(), response.entries().end());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && entries.size() < kMaxEntries);
  return absl::OkStatus();
}

// "consult" from regions/06/services/consult/accessLogEntries/...
std::string ServiceOf(const AccessLogEntry& entry) {
  std::vector<std::string> parts = absl::StrSplit(entry.name(), '/');
  return parts.size() > 3 ? parts[3] : entry.service();
}

std::string Who(const AccessLogEntry& entry) {
  std::string who = entry.actor().practitioner().hsa_id();
  if (!entry.actor().client_id().empty()) {
    absl::StrAppend(&who, who.empty() ? "" : " via ", entry.actor().client_id());
  }
  return who;
}

}  // namespace

int RunAccessLogCommand(const CliOptions& options, std::ostream& out, std::ostream& err) {
  SearchAccessLogRequest request;
  if (absl::Status status = SetSubject(request); !status.ok()) {
    err << "samspar: " << status.message() << "\n";
    return 2;
  }
  std::vector<AccessLogEntry> entries;
  for (const Endpoint& endpoint : options.endpoints) {
    // Only the services that hold patient data keep an access log.
    if (endpoint.service != "consult" && endpoint.service != "conference") continue;
    if (absl::Status status = Collect(endpoint, options, request, entries); !status.ok()) {
      err << "samspar: " << status.message() << "\n";
      return 1;
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.access_time().seconds(), a.access_time().nanos()) >
           std::make_pair(b.access_time().seconds(), b.access_time().nanos());
  });
  out << absl::StrFormat("%-20s %-10s %-24s %-30s %-8s %s\n", "TIME (UTC)", "SERVICE", "ACTION",
                         "WHO", "OUTCOME", "RESOURCE");
  for (const AccessLogEntry& entry : entries) {
    absl::Time time = absl::FromUnixSeconds(entry.access_time().seconds());
    out << absl::StrFormat(
        "%-20s %-10s %-24s %-30s %-8s %s\n",
        absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone()), ServiceOf(entry),
        v1::AccessAction_Name(entry.action()).substr(sizeof("ACCESS_ACTION_") - 1), Who(entry),
        v1::AccessOutcome_Name(entry.outcome()).substr(sizeof("ACCESS_OUTCOME_") - 1),
        entry.resource());
  }
  return 0;
}

}  // namespace samspar::cli
