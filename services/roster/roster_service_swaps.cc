// RosterService: swap requests.

#include <string>

#include "common/audit/access_log_proto.h"
#include "common/audit/access_record.h"
#include "common/status/macros.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/roster_service.h"

namespace samspar::roster {
namespace {

// Whether the person the caller is (or a system acts for) is `practitioner`.
bool Is(const identity::Caller& caller, const v1::PractitionerRef& practitioner) {
  return caller.person.has_value() && caller.person->hsa_id == practitioner.hsa_id();
}

v1::Actor ActorOf(const identity::Caller& caller, const std::string& region) {
  return audit::ToProto(audit::ActorOf(caller), region);
}

}  // namespace

grpc::ServerUnaryReactor* RosterServiceImpl::CreateSwapRequest(grpc::CallbackServerContext* context,
                                                               const v1::CreateSwapRequestRequest* request,
                                                               v1::SwapRequest* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), false, "parent"));
    const std::string& region = parent.region;
    const std::string me = caller.person.has_value() ? caller.person->hsa_id : "";
    const std::string& named = request->swap_request().requester().name();
    const bool own = !me.empty() && (named.empty() || named == PractitionerName(region, me));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "CreateSwapRequest", {.region = region, .self = own}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, swap_requests_.Create(*request, me, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::GetSwapRequest(grpc::CallbackServerContext* context,
                                                            const v1::GetSwapRequestRequest* request,
                                                            v1::SwapRequest* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "swapRequests", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "GetSwapRequest", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, swap_requests_.Get(request->name(), absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ListSwapRequests(grpc::CallbackServerContext* context,
                                                              const v1::ListSwapRequestsRequest* request,
                                                              v1::ListSwapRequestsResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), true, "parent"));
    const std::string& region = parent.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListSwapRequests", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, swap_requests_.List(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::AcceptSwapRequest(grpc::CallbackServerContext* context,
                                                               const v1::AcceptSwapRequestRequest* request,
                                                               v1::SwapRequest* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "swapRequests", "name"));
    const std::string& region = name.region;
    // Another region's callers learn nothing, not even whether it exists.
    if (region != caller.region) return Allow(caller, "AcceptSwapRequest", {.region = region, .participant = false});
    SAMSPAR_ASSIGN_OR_RETURN(v1::SwapRequest current, swap_requests_.Get(request->name(), absl::Now()));
    SAMSPAR_RETURN_IF_ERROR(
        Allow(caller, "AcceptSwapRequest", {.region = region, .participant = Is(caller, current.counterpart())}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, swap_requests_.Accept(*request, ActorOf(caller, region), absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::DeclineSwapRequest(grpc::CallbackServerContext* context,
                                                                const v1::DeclineSwapRequestRequest* request,
                                                                v1::SwapRequest* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "swapRequests", "name"));
    const std::string& region = name.region;
    // Another region's callers learn nothing, not even whether it exists.
    if (region != caller.region) return Allow(caller, "DeclineSwapRequest", {.region = region, .participant = false});
    SAMSPAR_ASSIGN_OR_RETURN(v1::SwapRequest current, swap_requests_.Get(request->name(), absl::Now()));
    SAMSPAR_RETURN_IF_ERROR(
        Allow(caller, "DeclineSwapRequest", {.region = region, .participant = Is(caller, current.counterpart())}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, swap_requests_.Decline(*request, ActorOf(caller, region), absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::CancelSwapRequest(grpc::CallbackServerContext* context,
                                                               const v1::CancelSwapRequestRequest* request,
                                                               v1::SwapRequest* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "swapRequests", "name"));
    const std::string& region = name.region;
    // Another region's callers learn nothing, not even whether it exists.
    if (region != caller.region) return Allow(caller, "CancelSwapRequest", {.region = region, .participant = false});
    SAMSPAR_ASSIGN_OR_RETURN(v1::SwapRequest current, swap_requests_.Get(request->name(), absl::Now()));
    SAMSPAR_RETURN_IF_ERROR(
        Allow(caller, "CancelSwapRequest", {.region = region, .participant = Is(caller, current.requester())}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, swap_requests_.Cancel(*request, ActorOf(caller, region), absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ApproveSwapRequest(grpc::CallbackServerContext* context,
                                                                const v1::ApproveSwapRequestRequest* request,
                                                                v1::SwapRequest* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "swapRequests", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ApproveSwapRequest", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, swap_requests_.Approve(*request, ActorOf(caller, region), absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::RejectSwapRequest(grpc::CallbackServerContext* context,
                                                               const v1::RejectSwapRequestRequest* request,
                                                               v1::SwapRequest* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "swapRequests", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "RejectSwapRequest", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, swap_requests_.Reject(*request, ActorOf(caller, region), absl::Now()));
    return absl::OkStatus();
  });
}

}  // namespace samspar::roster
