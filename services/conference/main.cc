// samspar-conference: multidisciplinary conferences, from the pulled cord to
// the agreed plan and its follow-up.

#include "common/server/service_main.h"
#include "samspar/v1/access_log.grpc.pb.h"
#include "samspar/v1/conference.grpc.pb.h"
#include "services/conference/conference_schema.h"

int main(int argc, char** argv) {
  return samspar::server::RunService(
      argc, argv,
      {.name = "conference",
       .usage = "samspar-conference --database=PATH [flags]: the conference service",
       .migrations = samspar::conference::kConferenceMigrations,
       .make_services =
           samspar::server::GeneratedApiOnly<samspar::v1::ConferenceService,
                                            samspar::v1::AccessLogService>});
}
