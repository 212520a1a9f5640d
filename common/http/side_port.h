#ifndef SAMSPAR_COMMON_HTTP_SIDE_PORT_H_
#define SAMSPAR_COMMON_HTTP_SIDE_PORT_H_

// The HTTP side port beside every gRPC server, for the tools that speak
// plain HTTP: Prometheus scrapes /metrics; Kubernetes probes /healthz
// (200 while the server is serving, 503 once it is shutting down). It is
// served over TLS whenever the gRPC port is.

#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "common/config/listen_address.h"
#include "common/http/http_route.h"
#include "common/http/metrics_registry.h"
#include "common/tls/certificate_files.h"

namespace httplib {
class Server;
}

namespace samspar::http {

class SidePort {
 public:
  // Binds `address` (port 0: any free port) and starts serving, over TLS
  // with `certificate` when given (re-read when its files change). `serving`
  // answers /healthz; `registry` must outlive the side port.
  // `routes` are the services' own GET routes beside /metrics and /healthz.
  static absl::StatusOr<std::unique_ptr<SidePort>> Start(
      const config::ListenAddress& address, const MetricsRegistry& registry,
      std::function<bool()> serving,
      std::shared_ptr<tls::CertificateFiles> certificate = nullptr,
      std::vector<HttpRoute> routes = {});
  ~SidePort();
  SidePort(const SidePort&) = delete;
  SidePort& operator=(const SidePort&) = delete;

  int port() const { return port_; }
  void Stop();

 private:
  SidePort(std::unique_ptr<httplib::Server> server, int port,
           std::shared_ptr<tls::CertificateFiles> certificate);

  std::shared_ptr<tls::CertificateFiles> certificate_;  // used by server_'s handshakes
  std::unique_ptr<httplib::Server> server_;
  int port_;
  std::thread thread_;
};

}  // namespace samspar::http

#endif  // SAMSPAR_COMMON_HTTP_SIDE_PORT_H_
