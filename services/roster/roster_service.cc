#include "services/roster/roster_service.h"

#include "absl/strings/str_cat.h"
#include "common/auth/authorize.h"
#include "common/auth/rpc_rule.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "services/roster/api/resource_names.h"

namespace samspar::roster {

absl::Status Allow(const identity::Caller& caller, absl::string_view rpc, auth::ResourceFacts facts) {
  const auth::RpcRule* rule = auth::FindRule(absl::StrCat("/samspar.v1.RosterService/", rpc));
  if (rule == nullptr) return absl::InternalError(absl::StrCat("no access rule for ", rpc));
  return auth::Authorize(caller, *rule, facts).status();
}

RosterServiceImpl::RosterServiceImpl(server::ServiceContext& context, const RosterOptions& options)
    : guard_(context.guard),
      units_(context.database),
      practitioners_(context.database),
      directory_import_(context.database),
      lines_(context.database),
      rotations_(context.database),
      shifts_(context.database),
      overrides_(context.database),
      presence_store_(options.redis),
      presence_hub_(options.redis),
      presence_cache_(presence_store_, presence_hub_),
      on_call_(context.database, presence_cache_, options.zone),
      swap_requests_(context.database, on_call_.schedules()),
      presences_(context.database, presence_store_, presence_cache_),
      presence_watches_(context.database, on_call_, presence_store_, presence_hub_),
      calendar_export_(context.database, on_call_.schedules(), options.zone),
      calendar_import_(context.database),
      calendar_feeds_(calendar_export_, options.feed_tokens, options.calendar_feed_base_url) {}

std::vector<http::HttpRoute> RosterServiceImpl::HttpRoutes() { return {calendar_feeds_.Route()}; }

grpc::ServerUnaryReactor* RosterServiceImpl::GetUnit(grpc::CallbackServerContext* context,
                                                     const v1::GetUnitRequest* request, v1::Unit* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(request->name(), "units", "name"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "GetUnit", {.region = name.region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, units_.Get(request->name()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ListUnits(grpc::CallbackServerContext* context,
                                                       const v1::ListUnitsRequest* request,
                                                       v1::ListUnitsResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListUnits", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, units_.List(region, *request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::CreateUnit(grpc::CallbackServerContext* context,
                                                        const v1::CreateUnitRequest* request, v1::Unit* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "CreateUnit", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, units_.Create(region, *request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::UpdateUnit(grpc::CallbackServerContext* context,
                                                        const v1::UpdateUnitRequest* request, v1::Unit* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(request->unit().name(), "units", "unit.name"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "UpdateUnit", {.region = name.region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, units_.Update(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::GetPractitioner(grpc::CallbackServerContext* context,
                                                             const v1::GetPractitionerRequest* request,
                                                             v1::Practitioner* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name, ParseRegional(request->name(), "practitioners", "name"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "GetPractitioner", {.region = name.region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, practitioners_.Get(request->name()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ListPractitioners(grpc::CallbackServerContext* context,
                                                               const v1::ListPractitionersRequest* request,
                                                               v1::ListPractitionersResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListPractitioners", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, practitioners_.List(region, *request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::CreatePractitioner(grpc::CallbackServerContext* context,
                                                                const v1::CreatePractitionerRequest* request,
                                                                v1::Practitioner* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "CreatePractitioner", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, practitioners_.Create(region, *request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::UpdatePractitioner(grpc::CallbackServerContext* context,
                                                                const v1::UpdatePractitionerRequest* request,
                                                                v1::Practitioner* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(RegionalName name,
                             ParseRegional(request->practitioner().name(), "practitioners", "practitioner.name"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "UpdatePractitioner", {.region = name.region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, practitioners_.Update(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ImportDirectory(grpc::CallbackServerContext* context,
                                                             const v1::ImportDirectoryRequest* request,
                                                             v1::ImportDirectoryResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(std::string region, ParseRegion(request->parent(), "parent"));
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ImportDirectory", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, directory_import_.Run(region, *request, absl::Now()));
    return absl::OkStatus();
  });
}

}  // namespace samspar::roster
