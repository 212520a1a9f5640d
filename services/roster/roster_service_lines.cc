// RosterService: on-call lines.

#include "common/status/macros.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/roster_service.h"

namespace samspar::roster {

grpc::ServerUnaryReactor* RosterServiceImpl::GetLine(grpc::CallbackServerContext* context,
                                                     const v1::GetLineRequest* request, v1::Line* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(request->name(), "lines", "name"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "GetLine", {.region = name.region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, lines_.Get(request->name()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ListLines(grpc::CallbackServerContext* context,
                                                       const v1::ListLinesRequest* request,
                                                       v1::ListLinesResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListLines", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, lines_.List(region, *request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::CreateLine(grpc::CallbackServerContext* context,
                                                        const v1::CreateLineRequest* request, v1::Line* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "CreateLine", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, lines_.Create(region, *request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::UpdateLine(grpc::CallbackServerContext* context,
                                                        const v1::UpdateLineRequest* request, v1::Line* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(request->line().name(), "lines", "line.name"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "UpdateLine", {.region = name.region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, lines_.Update(*request, absl::Now()));
    return absl::OkStatus();
  });
}

}  // namespace samspar::roster
