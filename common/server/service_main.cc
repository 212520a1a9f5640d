#include "common/server/service_main.h"

#include <csignal>

#include "absl/synchronization/mutex.h"
#include "common/config/flags.h"
#include "common/logging/log.h"
#include "common/server/grpc_server.h"
#include "common/server/server_options.h"
#include "common/server/termination_signals.h"
#include "common/sql/open_database.h"

namespace samspar::server {
namespace {

// Everything up to "serving"; any error here ends the process before it
// has accepted a call.
absl::Status Serve(const ServiceDefinition& definition) {
  absl::StatusOr<ServerOptions> options = ServerOptionsFromFlags();
  if (!options.ok()) return options.status();
  absl::StatusOr<AccessOptions> access = AccessOptionsFromFlags();
  if (!access.ok()) return access.status();
  absl::StatusOr<std::string> path = DatabasePathFromFlags();
  if (!path.ok()) return path.status();
  absl::StatusOr<std::unique_ptr<CallGuard>> guard = CallGuard::Create(*access);
  if (!guard.ok()) return guard.status();

  auto database = sql::OpenDatabase(*path);
  if (!database.ok()) return database.status();
  absl::StatusOr<int> applied =
      sql::ApplyMigrations(**database, definition.name, definition.migrations);
  if (!applied.ok()) return applied.status();

  http::MetricsRegistry registry;
  ServiceContext context{**database, registry, **guard};
  absl::StatusOr<ServiceList> services = definition.make_services(context);
  if (!services.ok()) return services.status();
  std::vector<HostedService> hosted;
  for (const OwnedService& owned : *services) {
    hosted.push_back({owned.service.get(), owned.name, owned.http_routes});
  }

  auto server = GrpcServer::Start(*options, hosted, registry);
  if (!server.ok()) return server.status();
  log::Info("server.serving", {{"grpc_address", options->grpc_address.host},
                               {"grpc_port", (*server)->grpc_port()},
                               {"http_port", (*server)->http_port()},
                               {"database", *path},
                               {"migrations_applied", *applied}});

  int signal_number = WaitForTerminationSignal();
  log::Info("server.stopping", {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"},
                                {"grace_seconds", absl::ToDoubleSeconds(options->shutdown_grace)}});
  (*server)->Shutdown(options->shutdown_grace);
  log::Info("server.stopped");
  return absl::OkStatus();
}

}  // namespace

int RunService(int argc, char** argv, const ServiceDefinition& definition) {
  BlockTerminationSignals();
  // Debian's Abseil checks every mutex acquisition for lock-order cycles, a
  // debugging aid that costs each call of a busy server; the tests run with
  // it on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // A peer that closed its end (Redis restarting, a client gone) must fail a
  // write with EPIPE, which the caller handles, not end the process.
  std::signal(SIGPIPE, SIG_IGN);
  config::ParseFlagsOrExit(argc, argv, definition.usage);
  if (absl::Status status = ConfigureLoggingFromFlags(definition.name); !status.ok()) {
    log::Error("startup.failed", {{"error", status.message()}});
    return 2;
  }
  RouteGrpcLogsToLog();
  if (absl::Status status = Serve(definition); !status.ok()) {
    log::Error("startup.failed", {{"error", status.message()}});
    return 1;
  }
  return 0;
}

}  // namespace samspar::server
