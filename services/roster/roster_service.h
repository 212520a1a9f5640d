#ifndef SAMSPAR_SERVICES_ROSTER_ROSTER_SERVICE_H_
#define SAMSPAR_SERVICES_ROSTER_ROSTER_SERVICE_H_

// samspar.v1.RosterService over gRPC: each RPC admits its caller through the
// CallGuard, names the region (and the caller's part) for auth::Authorize,
// then hands the request to the part of the roster that answers it. Errors
// leave only through ToGrpcStatus.

#include <string>

#include "common/identity/caller.h"
#include "common/server/call_guard.h"
#include "common/server/service_main.h"
#include "samspar/v1/roster.grpc.pb.h"
#include "services/roster/directory/practitioners.h"
#include "services/roster/directory/units.h"

namespace samspar::roster {

class RosterServiceImpl final : public v1::RosterService::CallbackService {
 public:
  explicit RosterServiceImpl(server::ServiceContext& context);

  grpc::ServerUnaryReactor* GetUnit(grpc::CallbackServerContext* context, const v1::GetUnitRequest* request,
                                    v1::Unit* response) override;
  grpc::ServerUnaryReactor* ListUnits(grpc::CallbackServerContext* context, const v1::ListUnitsRequest* request,
                                      v1::ListUnitsResponse* response) override;
  grpc::ServerUnaryReactor* CreateUnit(grpc::CallbackServerContext* context, const v1::CreateUnitRequest* request,
                                       v1::Unit* response) override;
  grpc::ServerUnaryReactor* UpdateUnit(grpc::CallbackServerContext* context, const v1::UpdateUnitRequest* request,
                                       v1::Unit* response) override;
  grpc::ServerUnaryReactor* GetPractitioner(grpc::CallbackServerContext* context,
                                            const v1::GetPractitionerRequest* request,
                                            v1::Practitioner* response) override;
  grpc::ServerUnaryReactor* ListPractitioners(grpc::CallbackServerContext* context,
                                              const v1::ListPractitionersRequest* request,
                                              v1::ListPractitionersResponse* response) override;
  grpc::ServerUnaryReactor* CreatePractitioner(grpc::CallbackServerContext* context,
                                               const v1::CreatePractitionerRequest* request,
                                               v1::Practitioner* response) override;
  grpc::ServerUnaryReactor* UpdatePractitioner(grpc::CallbackServerContext* context,
                                               const v1::UpdatePractitionerRequest* request,
                                               v1::Practitioner* response) override;

 private:
  // Runs `handler` for the admitted caller and finishes the call with its
  // status.
  template <typename Handler>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, Handler handler);

  server::CallGuard& guard_;
  Units units_;
  Practitioners practitioners_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ROSTER_SERVICE_H_
