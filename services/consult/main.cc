// samspar-consult: consults on the four tracks, routed to the on-call and
// escalated until answered, with their outcomes.

#include "common/server/service_main.h"
#include "samspar/v1/access_log.grpc.pb.h"
#include "samspar/v1/consult.grpc.pb.h"
#include "services/consult/consult_schema.h"

int main(int argc, char** argv) {
  return samspar::server::RunService(
      argc, argv,
      {.name = "consult",
       .usage = "samspar-consult --database=PATH [flags]: the consult service",
       .migrations = samspar::consult::kConsultMigrations,
       .make_services =
           samspar::server::GeneratedApiOnly<samspar::v1::ConsultService,
                                            samspar::v1::AccessLogService>});
}
