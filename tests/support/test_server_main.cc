// samspar-test-server: the slow test service behind the same bootstrap as
// the real services, for the end-to-end tests of start-up and shutdown.

#include "common/server/service_main.h"
#include "tests/support/slow_service.h"

int main(int argc, char** argv) {
  return samspar::server::RunService(
      argc, argv,
      {.name = "test-server",
       .usage = "samspar-test-server --database=PATH [flags]",
       .migrations = {},
       .make_services = [](samspar::server::ServiceContext&)
           -> absl::StatusOr<samspar::server::ServiceList> {
         samspar::server::ServiceList services;
         services.push_back(samspar::server::MakeService<samspar::testing::SlowService,
                                                         samspar::testing::SlowServiceImpl>());
         return services;
       }});
}
