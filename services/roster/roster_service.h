#ifndef SAMSPAR_SERVICES_ROSTER_ROSTER_SERVICE_H_
#define SAMSPAR_SERVICES_ROSTER_ROSTER_SERVICE_H_

// samspar.v1.RosterService over gRPC: each RPC admits its caller through the
// CallGuard, names the region (and the caller's part) for auth::Authorize,
// then hands the request to the part of the roster that answers it. Errors
// leave only through ToGrpcStatus.

#include <string>
#include <vector>

#include "common/auth/authorize.h"
#include "common/http/http_route.h"
#include "common/identity/caller.h"
#include "common/server/call_guard.h"
#include "common/server/service_main.h"
#include "common/status/grpc_status.h"
#include "samspar/v1/roster.grpc.pb.h"
#include "services/roster/availability/lazy_presence_hub.h"
#include "services/roster/availability/presence_cache.h"
#include "services/roster/availability/presence_watch.h"
#include "services/roster/availability/presences.h"
#include "services/roster/calendar/calendar_export.h"
#include "services/roster/calendar/calendar_feeds.h"
#include "services/roster/calendar/calendar_import.h"
#include "services/roster/directory/directory_import.h"
#include "services/roster/directory/practitioners.h"
#include "services/roster/directory/units.h"
#include "services/roster/lines/lines.h"
#include "services/roster/oncall/on_call.h"
#include "services/roster/presence/presence_store.h"
#include "services/roster/roster_options.h"
#include "services/roster/schedules/line_overrides.h"
#include "services/roster/schedules/rotations.h"
#include "services/roster/schedules/shifts.h"
#include "services/roster/schedules/swap_requests.h"

namespace samspar::roster {

// Lets the caller make `rpc` on a resource of the facts' region, or says why
// not.
absl::Status Allow(const identity::Caller& caller, absl::string_view rpc, auth::ResourceFacts facts);

class RosterServiceImpl final : public v1::RosterService::CallbackService {
 public:
  RosterServiceImpl(server::ServiceContext& context, const RosterOptions& options);

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
  grpc::ServerUnaryReactor* ImportDirectory(grpc::CallbackServerContext* context,
                                            const v1::ImportDirectoryRequest* request,
                                            v1::ImportDirectoryResponse* response) override;

  grpc::ServerUnaryReactor* GetLine(grpc::CallbackServerContext* context, const v1::GetLineRequest* request,
                                    v1::Line* response) override;
  grpc::ServerUnaryReactor* ListLines(grpc::CallbackServerContext* context, const v1::ListLinesRequest* request,
                                      v1::ListLinesResponse* response) override;
  grpc::ServerUnaryReactor* CreateLine(grpc::CallbackServerContext* context, const v1::CreateLineRequest* request,
                                       v1::Line* response) override;
  grpc::ServerUnaryReactor* UpdateLine(grpc::CallbackServerContext* context, const v1::UpdateLineRequest* request,
                                       v1::Line* response) override;

  grpc::ServerUnaryReactor* GetRotation(grpc::CallbackServerContext* context, const v1::GetRotationRequest* request,
                                        v1::Rotation* response) override;
  grpc::ServerUnaryReactor* ListRotations(grpc::CallbackServerContext* context, const v1::ListRotationsRequest* request,
                                          v1::ListRotationsResponse* response) override;
  grpc::ServerUnaryReactor* CreateRotation(grpc::CallbackServerContext* context,
                                           const v1::CreateRotationRequest* request, v1::Rotation* response) override;
  grpc::ServerUnaryReactor* UpdateRotation(grpc::CallbackServerContext* context,
                                           const v1::UpdateRotationRequest* request, v1::Rotation* response) override;
  grpc::ServerUnaryReactor* DeleteRotation(grpc::CallbackServerContext* context,
                                           const v1::DeleteRotationRequest* request,
                                           google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* GetShift(grpc::CallbackServerContext* context, const v1::GetShiftRequest* request,
                                     v1::Shift* response) override;
  grpc::ServerUnaryReactor* ListShifts(grpc::CallbackServerContext* context, const v1::ListShiftsRequest* request,
                                       v1::ListShiftsResponse* response) override;
  grpc::ServerUnaryReactor* CreateShift(grpc::CallbackServerContext* context, const v1::CreateShiftRequest* request,
                                        v1::Shift* response) override;
  grpc::ServerUnaryReactor* UpdateShift(grpc::CallbackServerContext* context, const v1::UpdateShiftRequest* request,
                                        v1::Shift* response) override;
  grpc::ServerUnaryReactor* DeleteShift(grpc::CallbackServerContext* context, const v1::DeleteShiftRequest* request,
                                        google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* GetOverride(grpc::CallbackServerContext* context, const v1::GetOverrideRequest* request,
                                        v1::Override* response) override;
  grpc::ServerUnaryReactor* ListOverrides(grpc::CallbackServerContext* context, const v1::ListOverridesRequest* request,
                                          v1::ListOverridesResponse* response) override;
  grpc::ServerUnaryReactor* CreateOverride(grpc::CallbackServerContext* context,
                                           const v1::CreateOverrideRequest* request, v1::Override* response) override;
  grpc::ServerUnaryReactor* UpdateOverride(grpc::CallbackServerContext* context,
                                           const v1::UpdateOverrideRequest* request, v1::Override* response) override;
  grpc::ServerUnaryReactor* DeleteOverride(grpc::CallbackServerContext* context,
                                           const v1::DeleteOverrideRequest* request,
                                           google::protobuf::Empty* response) override;

  grpc::ServerUnaryReactor* CreateSwapRequest(grpc::CallbackServerContext* context,
                                              const v1::CreateSwapRequestRequest* request,
                                              v1::SwapRequest* response) override;
  grpc::ServerUnaryReactor* GetSwapRequest(grpc::CallbackServerContext* context,
                                           const v1::GetSwapRequestRequest* request,
                                           v1::SwapRequest* response) override;
  grpc::ServerUnaryReactor* ListSwapRequests(grpc::CallbackServerContext* context,
                                             const v1::ListSwapRequestsRequest* request,
                                             v1::ListSwapRequestsResponse* response) override;
  grpc::ServerUnaryReactor* AcceptSwapRequest(grpc::CallbackServerContext* context,
                                              const v1::AcceptSwapRequestRequest* request,
                                              v1::SwapRequest* response) override;
  grpc::ServerUnaryReactor* DeclineSwapRequest(grpc::CallbackServerContext* context,
                                               const v1::DeclineSwapRequestRequest* request,
                                               v1::SwapRequest* response) override;
  grpc::ServerUnaryReactor* CancelSwapRequest(grpc::CallbackServerContext* context,
                                              const v1::CancelSwapRequestRequest* request,
                                              v1::SwapRequest* response) override;
  grpc::ServerUnaryReactor* ApproveSwapRequest(grpc::CallbackServerContext* context,
                                               const v1::ApproveSwapRequestRequest* request,
                                               v1::SwapRequest* response) override;
  grpc::ServerUnaryReactor* RejectSwapRequest(grpc::CallbackServerContext* context,
                                              const v1::RejectSwapRequestRequest* request,
                                              v1::SwapRequest* response) override;

  grpc::ServerUnaryReactor* ResolveOnCall(grpc::CallbackServerContext* context, const v1::ResolveOnCallRequest* request,
                                          v1::ResolveOnCallResponse* response) override;
  grpc::ServerUnaryReactor* FindOnCall(grpc::CallbackServerContext* context, const v1::FindOnCallRequest* request,
                                       v1::FindOnCallResponse* response) override;
  grpc::ServerUnaryReactor* ListDuties(grpc::CallbackServerContext* context, const v1::ListDutiesRequest* request,
                                       v1::ListDutiesResponse* response) override;
  grpc::ServerUnaryReactor* ListCoverageGaps(grpc::CallbackServerContext* context,
                                             const v1::ListCoverageGapsRequest* request,
                                             v1::ListCoverageGapsResponse* response) override;
  grpc::ServerUnaryReactor* ComputeCoverageReport(grpc::CallbackServerContext* context,
                                                  const v1::ComputeCoverageReportRequest* request,
                                                  v1::CoverageReport* response) override;
  grpc::ServerUnaryReactor* UpdatePresence(grpc::CallbackServerContext* context,
                                           const v1::UpdatePresenceRequest* request, v1::Presence* response) override;
  grpc::ServerUnaryReactor* Heartbeat(grpc::CallbackServerContext* context, const v1::HeartbeatRequest* request,
                                      v1::Presence* response) override;
  grpc::ServerUnaryReactor* GetPresence(grpc::CallbackServerContext* context, const v1::GetPresenceRequest* request,
                                        v1::Presence* response) override;
  grpc::ServerUnaryReactor* BatchGetPresence(grpc::CallbackServerContext* context,
                                             const v1::BatchGetPresenceRequest* request,
                                             v1::BatchGetPresenceResponse* response) override;
  grpc::ServerWriteReactor<v1::WatchPresenceResponse>* WatchPresence(grpc::CallbackServerContext* context,
                                                                     const v1::WatchPresenceRequest* request) override;
  grpc::ServerUnaryReactor* ExportCalendar(grpc::CallbackServerContext* context,
                                           const v1::ExportCalendarRequest* request,
                                           v1::ExportCalendarResponse* response) override;
  grpc::ServerUnaryReactor* ImportShifts(grpc::CallbackServerContext* context, const v1::ImportShiftsRequest* request,
                                         v1::ImportShiftsResponse* response) override;

  // The calendar feeds, served on the HTTP side port.
  std::vector<http::HttpRoute> HttpRoutes();

 private:
  template <typename Handler>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, Handler&& handler) {
    return guard_.Serve(context, std::forward<Handler>(handler));
  }

  server::CallGuard& guard_;
  Units units_;
  Practitioners practitioners_;
  DirectoryImport directory_import_;
  Lines lines_;
  Rotations rotations_;
  Shifts shifts_;
  Overrides overrides_;
  PresenceStore presence_store_;
  LazyPresenceHub presence_hub_;
  PresenceCache presence_cache_;
  OnCall on_call_;
  SwapRequests swap_requests_;
  Presences presences_;
  PresenceWatches presence_watches_;
  CalendarExport calendar_export_;
  CalendarImport calendar_import_;
  CalendarFeeds calendar_feeds_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ROSTER_SERVICE_H_
