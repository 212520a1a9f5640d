// RosterService: who is on call, coverage, and presence.

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "common/status/macros.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/roster_service.h"

namespace samspar::roster {
namespace {

// Whether the person the caller is (or a system acts for) is practitioner
// `hsa_id`.
bool IsSelf(const identity::Caller& caller, const std::string& hsa_id) {
  return caller.person.has_value() && caller.person->hsa_id == hsa_id;
}

// The region a request is about, for authorization: the first resource it
// names of another region than `region` (its parent's), so that naming one
// is REGION_MISMATCH rather than a sign of whether it exists.
std::string RegionOfRequest(const std::string& region, const std::vector<std::string>& names) {
  constexpr absl::string_view kPrefix = "regions/";
  for (const std::string& name : names) {
    if (absl::StartsWith(name, kPrefix) && name.size() >= kPrefix.size() + 2) {
      std::string named = name.substr(kPrefix.size(), 2);
      if (named != region) return named;
    }
  }
  return region;
}

}  // namespace

grpc::ServerUnaryReactor* RosterServiceImpl::ResolveOnCall(grpc::CallbackServerContext* context,
                                                           const v1::ResolveOnCallRequest* request,
                                                           v1::ResolveOnCallResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(request->name(), "lines", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ResolveOnCall", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, on_call_.Resolve(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::FindOnCall(grpc::CallbackServerContext* context,
                                                        const v1::FindOnCallRequest* request,
                                                        v1::FindOnCallResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "FindOnCall", {.region = RegionOfRequest(region, {request->unit()})}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, on_call_.Find(region, *request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ListDuties(grpc::CallbackServerContext* context,
                                                        const v1::ListDutiesRequest* request,
                                                        v1::ListDutiesResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), true, "parent"));
    const std::string& region = parent.region;
    const std::vector<std::string> practitioners(request->practitioners().begin(), request->practitioners().end());
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListDuties", {.region = RegionOfRequest(region, practitioners)}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, on_call_.ListDuties(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ListCoverageGaps(grpc::CallbackServerContext* context,
                                                              const v1::ListCoverageGapsRequest* request,
                                                              v1::ListCoverageGapsResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), true, "parent"));
    const std::string& region = parent.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListCoverageGaps", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, on_call_.ListCoverageGaps(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ComputeCoverageReport(grpc::CallbackServerContext* context,
                                                                   const v1::ComputeCoverageReportRequest* request,
                                                                   v1::CoverageReport* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ComputeCoverageReport", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, on_call_.ComputeCoverageReport(region, *request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::UpdatePresence(grpc::CallbackServerContext* context,
                                                            const v1::UpdatePresenceRequest* request,
                                                            v1::Presence* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParsePresenceName(request->presence().name(), "presence.name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "UpdatePresence", {.region = region, .self = IsSelf(caller, name.id)}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, presences_.Update(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::Heartbeat(grpc::CallbackServerContext* context,
                                                       const v1::HeartbeatRequest* request, v1::Presence* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParsePresenceName(request->name(), "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "Heartbeat", {.region = region, .self = IsSelf(caller, name.id)}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, presences_.Heartbeat(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::GetPresence(grpc::CallbackServerContext* context,
                                                         const v1::GetPresenceRequest* request,
                                                         v1::Presence* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParsePresenceName(request->name(), "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "GetPresence", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, presences_.Get(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::BatchGetPresence(grpc::CallbackServerContext* context,
                                                              const v1::BatchGetPresenceRequest* request,
                                                              v1::BatchGetPresenceResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    const std::vector<std::string> names(request->names().begin(), request->names().end());
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "BatchGetPresence", {.region = RegionOfRequest(region, names)}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, presences_.BatchGet(region, *request));
    return absl::OkStatus();
  });
}

grpc::ServerWriteReactor<v1::WatchPresenceResponse>* RosterServiceImpl::WatchPresence(
    grpc::CallbackServerContext* context, const v1::WatchPresenceRequest* request) {
  absl::StatusOr<identity::Caller> caller = guard_.Admit(*context);
  absl::StatusOr<std::string> region = caller.ok() ? ParseRegion(request->parent(), "parent") : caller.status();
  std::vector<std::string> named(request->practitioners().practitioners().begin(),
                                 request->practitioners().practitioners().end());
  named.push_back(request->line());
  absl::Status allowed =
      region.ok() ? Allow(*caller, "WatchPresence", {.region = RegionOfRequest(*region, named)}) : region.status();
  if (!allowed.ok()) {
    // The watches refuse the stream with this status, the same way as one
    // whose scope does not exist.
    return presence_watches_.Refuse(allowed);
  }
  return presence_watches_.Open(*caller, *region, *request);
}

grpc::ServerUnaryReactor* RosterServiceImpl::ExportCalendar(grpc::CallbackServerContext* context,
                                                            const v1::ExportCalendarRequest* request,
                                                            v1::ExportCalendarResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    const bool of_line = request->subject_case() == v1::ExportCalendarRequest::kLine;
    const std::string& subject = of_line ? request->line() : request->practitioner();
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(subject, of_line ? "lines" : "practitioners",
                                                              of_line ? "line" : "practitioner"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ExportCalendar", {.region = name.region}));
    const absl::Time now = absl::Now();
    SAMSPAR_ASSIGN_OR_RETURN(*response, calendar_export_.Export(name.region, *request, now));
    calendar_feeds_.AddFeedUrl(subject, now, *response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ImportShifts(grpc::CallbackServerContext* context,
                                                          const v1::ImportShiftsRequest* request,
                                                          v1::ImportShiftsResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), false, "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ImportShifts", {.region = parent.region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, calendar_import_.Import(*request, absl::Now()));
    return absl::OkStatus();
  });
}

}  // namespace samspar::roster
