#include "common/audit/access_log_service.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "common/audit/access_log_proto.h"
#include "common/status/grpc_status.h"
#include "samspar/v1/conference.grpc.pb.h"
#include "samspar/v1/consult.grpc.pb.h"

namespace samspar::audit {
namespace {

// The API service whose data the log records, as its entries name it.
std::string RecordingService(const std::string& log) {
  return log == "conference" ? v1::ConferenceService::service_full_name()
                             : v1::ConsultService::service_full_name();
}

// The trace id of a W3C `traceparent` header (version-traceid-parentid-flags),
// when the client sent a well-formed one.
std::string TraceIdOf(const grpc::CallbackServerContext& context) {
  auto header = context.client_metadata().find("traceparent");
  if (header == context.client_metadata().end()) return "";
  std::vector<absl::string_view> parts =
      absl::StrSplit(absl::string_view(header->second.data(), header->second.size()), '-');
  if (parts.size() != 4 || parts[1].size() != 32) return "";
  for (char c : parts[1]) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c)) ||
        absl::ascii_isupper(static_cast<unsigned char>(c))) {
      return "";
    }
  }
  if (parts[1] == std::string(32, '0')) return "";
  return std::string(parts[1]);
}

}  // namespace

AccessLogServiceImpl::AccessLogServiceImpl(server::ServiceContext& context, std::string log)
    : guard_(context.guard),
      log_(std::move(log)),
      search_(context.database, log_, RecordingService(log_)) {}

grpc::ServerUnaryReactor* AccessLogServiceImpl::SearchAccessLog(
    grpc::CallbackServerContext* context, const v1::SearchAccessLogRequest* request,
    v1::SearchAccessLogResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(Search(*context, *request, *response)));
  return reactor;
}

absl::Status AccessLogServiceImpl::Search(const grpc::CallbackServerContext& context,
                                          const v1::SearchAccessLogRequest& request,
                                          v1::SearchAccessLogResponse& response) {
  absl::StatusOr<identity::Caller> caller = guard_.Admit(context);
  if (!caller.ok()) return caller.status();
  absl::StatusOr<SearchResult> result = search_.Search(
      *caller, FromProto(request), {.peer = context.peer(), .trace_id = TraceIdOf(context)});
  if (!result.ok()) return result.status();
  for (const AccessRecord& record : result->entries) {
    *response.add_entries() = ToProto(record, log_);
  }
  response.set_next_page_token(result->next_page_token);
  return absl::OkStatus();
}

}  // namespace samspar::audit
