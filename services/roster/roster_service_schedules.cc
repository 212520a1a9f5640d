// RosterService: the schedules of lines (rotations, explicit shifts,
// overrides).

#include <string>

#include "common/audit/access_log_proto.h"
#include "common/audit/access_record.h"
#include "common/status/macros.h"
#include "services/roster/api/resource_names.h"
#include "services/roster/roster_service.h"

namespace samspar::roster {

grpc::ServerUnaryReactor* RosterServiceImpl::GetRotation(grpc::CallbackServerContext* context,
                                                         const v1::GetRotationRequest* request,
                                                         v1::Rotation* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "rotations", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "GetRotation", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, rotations_.Get(request->name()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ListRotations(grpc::CallbackServerContext* context,
                                                           const v1::ListRotationsRequest* request,
                                                           v1::ListRotationsResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), true, "parent"));
    const std::string& region = parent.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListRotations", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, rotations_.List(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::CreateRotation(grpc::CallbackServerContext* context,
                                                            const v1::CreateRotationRequest* request,
                                                            v1::Rotation* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), false, "parent"));
    const std::string& region = parent.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "CreateRotation", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, rotations_.Create(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::UpdateRotation(grpc::CallbackServerContext* context,
                                                            const v1::UpdateRotationRequest* request,
                                                            v1::Rotation* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name,
                             ParseLineChild(request->rotation().name(), "rotations", "rotation.name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "UpdateRotation", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, rotations_.Update(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::DeleteRotation(grpc::CallbackServerContext* context,
                                                            const v1::DeleteRotationRequest* request,
                                                            google::protobuf::Empty* /*response*/) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "rotations", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "DeleteRotation", {.region = region}));
    return rotations_.Delete(*request, absl::Now());
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::GetShift(grpc::CallbackServerContext* context,
                                                      const v1::GetShiftRequest* request, v1::Shift* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "shifts", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "GetShift", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, shifts_.Get(request->name()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ListShifts(grpc::CallbackServerContext* context,
                                                        const v1::ListShiftsRequest* request,
                                                        v1::ListShiftsResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), true, "parent"));
    const std::string& region = parent.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListShifts", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, shifts_.List(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::CreateShift(grpc::CallbackServerContext* context,
                                                         const v1::CreateShiftRequest* request, v1::Shift* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), false, "parent"));
    const std::string& region = parent.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "CreateShift", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, shifts_.Create(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::UpdateShift(grpc::CallbackServerContext* context,
                                                         const v1::UpdateShiftRequest* request, v1::Shift* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->shift().name(), "shifts", "shift.name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "UpdateShift", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, shifts_.Update(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::DeleteShift(grpc::CallbackServerContext* context,
                                                         const v1::DeleteShiftRequest* request,
                                                         google::protobuf::Empty* /*response*/) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "shifts", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "DeleteShift", {.region = region}));
    return shifts_.Delete(*request, absl::Now());
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::GetOverride(grpc::CallbackServerContext* context,
                                                         const v1::GetOverrideRequest* request,
                                                         v1::Override* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "overrides", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "GetOverride", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, overrides_.Get(request->name()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::ListOverrides(grpc::CallbackServerContext* context,
                                                           const v1::ListOverridesRequest* request,
                                                           v1::ListOverridesResponse* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), true, "parent"));
    const std::string& region = parent.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "ListOverrides", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, overrides_.List(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::CreateOverride(grpc::CallbackServerContext* context,
                                                            const v1::CreateOverrideRequest* request,
                                                            v1::Override* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineParent parent, ParseLineParent(request->parent(), false, "parent"));
    const std::string& region = parent.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "CreateOverride", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response,
                             overrides_.Create(*request, audit::ToProto(audit::ActorOf(caller), region), absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::UpdateOverride(grpc::CallbackServerContext* context,
                                                            const v1::UpdateOverrideRequest* request,
                                                            v1::Override* response) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name,
                             ParseLineChild(request->override().name(), "overrides", "override.name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "UpdateOverride", {.region = region}));
    SAMSPAR_ASSIGN_OR_RETURN(*response, overrides_.Update(*request, absl::Now()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RosterServiceImpl::DeleteOverride(grpc::CallbackServerContext* context,
                                                            const v1::DeleteOverrideRequest* request,
                                                            google::protobuf::Empty* /*response*/) {
  return Serve(context, [&](const identity::Caller& caller) -> absl::Status {
    SAMSPAR_ASSIGN_OR_RETURN(LineChildName name, ParseLineChild(request->name(), "overrides", "name"));
    const std::string& region = name.region;
    SAMSPAR_RETURN_IF_ERROR(Allow(caller, "DeleteOverride", {.region = region}));
    return overrides_.Delete(*request, absl::Now());
  });
}

}  // namespace samspar::roster
