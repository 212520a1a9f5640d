#ifndef SAMSPAR_COMMON_SERVER_SERVICE_MAIN_H_
#define SAMSPAR_COMMON_SERVER_SERVICE_MAIN_H_

// The life of a service process, the same for every service of the suite:
// flags and environment → logging → database and its migrations → the
// service's gRPC implementations → serve until SIGTERM/SIGINT → graceful
// shutdown → exit 0. A service's main.cc only describes the service.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "common/http/http_route.h"
#include "common/http/metrics_registry.h"
#include "common/server/call_guard.h"
#include "common/sql/database.h"
#include "common/sql/migrations.h"
#include "grpcpp/impl/codegen/service_type.h"

namespace samspar::server {

// What a service's implementations are built from.
struct ServiceContext {
  sql::Database& database;
  http::MetricsRegistry& metrics;
  CallGuard& guard;  // every handler admits its caller through it first
};

// An implementation of one API service, owned, with the API's full name.
struct OwnedService {
  std::unique_ptr<grpc::Service> service;
  std::string name;
  std::vector<http::HttpRoute> http_routes = {};  // served on the HTTP side port
};
using ServiceList = std::vector<OwnedService>;

// `Impl` built from `args`, serving the API `Api` (a generated service class
// such as samspar::v1::RosterService).
template <typename Api, typename Impl, typename... Args>
OwnedService MakeService(Args&&... args) {
  return {std::make_unique<Impl>(std::forward<Args>(args)...), Api::service_full_name(), {}};
}

struct ServiceDefinition {
  std::string name;   // "roster": names the process in logs
  std::string usage;  // the first line of --help
  absl::Span<const sql::Migration> migrations;
  std::function<absl::StatusOr<ServiceList>(ServiceContext&)> make_services;
};

// For a service whose RPCs are still to be written: its generated API, every
// method answering UNIMPLEMENTED, so that health checks and server
// reflection already show what it will serve.
template <typename... Api>
absl::StatusOr<ServiceList> GeneratedApiOnly(ServiceContext&) {
  ServiceList services;
  (services.push_back(MakeService<Api, typename Api::CallbackService>()), ...);
  return services;
}

// Runs the service and returns the process's exit status: 0 after a clean
// shutdown; 1, after one log line saying what is wrong, when it cannot start
// (2 for bad flags).
int RunService(int argc, char** argv, const ServiceDefinition& definition);

}  // namespace samspar::server

#endif  // SAMSPAR_COMMON_SERVER_SERVICE_MAIN_H_
