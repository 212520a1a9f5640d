// samspar-conference: multidisciplinary conferences, from the pulled cord to
// the agreed plan and its follow-up.

#include "common/audit/access_log_service.h"
#include "common/server/service_main.h"
#include "samspar/v1/access_log.grpc.pb.h"
#include "samspar/v1/conference.grpc.pb.h"
#include "services/conference/conference_schema.h"

namespace {

using samspar::server::MakeService;
using samspar::server::ServiceContext;
using samspar::server::ServiceList;

// Its own API is still to be written (every method answers UNIMPLEMENTED);
// the access log of the patient data it will hold is served already.
absl::StatusOr<ServiceList> MakeServices(ServiceContext& context) {
  ServiceList services;
  services.push_back(MakeService<samspar::v1::ConferenceService,
                                 samspar::v1::ConferenceService::CallbackService>());
  services.push_back(
      MakeService<samspar::v1::AccessLogService, samspar::audit::AccessLogServiceImpl>(
          context, "conference"));
  return services;
}

}  // namespace

int main(int argc, char** argv) {
  return samspar::server::RunService(
      argc, argv,
      {.name = "conference",
       .usage = "samspar-conference --database=PATH [flags]: the conference service",
       .migrations = samspar::conference::kConferenceMigrations,
       .make_services = MakeServices});
}
