// samspar-roster: the directory of care units and practitioners, on-call
// lines, their rosters and presence; the one answer to "who is on call".

#include "common/server/service_main.h"
#include "samspar/v1/roster.grpc.pb.h"
#include "services/roster/roster_options.h"
#include "services/roster/roster_schema.h"
#include "services/roster/roster_service.h"

int main(int argc, char** argv) {
  return samspar::server::RunService(
      argc, argv,
      {.name = "roster",
       .usage = "samspar-roster --database=PATH [flags]: the roster service",
       .migrations = samspar::roster::kRosterMigrations,
       .make_services = [](samspar::server::ServiceContext& context) -> absl::StatusOr<samspar::server::ServiceList> {
         absl::StatusOr<samspar::roster::RosterOptions> options = samspar::roster::RosterOptionsFromFlags();
         if (!options.ok()) return options.status();
         samspar::server::ServiceList services;
         auto roster = std::make_unique<samspar::roster::RosterServiceImpl>(context, *options);
         std::vector<samspar::http::HttpRoute> routes = roster->HttpRoutes();
         services.push_back({std::move(roster), samspar::v1::RosterService::service_full_name(), std::move(routes)});
         return services;
       }});
}
