// samspar-consult: consults on the four tracks, routed to the on-call and
// escalated until answered, with their outcomes.

#include "common/audit/access_log_service.h"
#include "common/server/service_main.h"
#include "samspar/v1/access_log.grpc.pb.h"
#include "samspar/v1/consult.grpc.pb.h"
#include "services/consult/api/consult_service.h"
#include "services/consult/consult_options.h"
#include "services/consult/consult_schema.h"

namespace {

using samspar::server::MakeService;
using samspar::server::ServiceContext;
using samspar::server::ServiceList;

absl::StatusOr<ServiceList> MakeServices(ServiceContext& context) {
  absl::StatusOr<samspar::consult::ConsultOptions> options = samspar::consult::ConsultOptionsFromFlags();
  if (!options.ok()) return options.status();
  ServiceList services;
  services.push_back(
      MakeService<samspar::v1::ConsultService, samspar::consult::ConsultServiceImpl>(context, *std::move(options)));
  services.push_back(
      MakeService<samspar::v1::AccessLogService, samspar::audit::AccessLogServiceImpl>(context, "consult"));
  return services;
}

}  // namespace

int main(int argc, char** argv) {
  return samspar::server::RunService(
      argc, argv,
      {.name = "consult",
       .usage = "samspar-consult --database=PATH --service_signing_key_file=PEM --subject_key_file=FILE [flags]: "
                "the consult service",
       .migrations = samspar::consult::kConsultMigrations,
       .make_services = MakeServices});
}
