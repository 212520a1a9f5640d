#include "common/http/side_port.h"

#include <sys/socket.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "httplib.h"

namespace samspar::http {

absl::StatusOr<std::unique_ptr<SidePort>> SidePort::Start(
    const config::ListenAddress& address, const MetricsRegistry& registry,
    std::function<bool()> serving, std::shared_ptr<tls::CertificateFiles> certificate,
    std::vector<HttpRoute> routes) {
  std::unique_ptr<httplib::Server> server;
  if (certificate != nullptr) {
    server = std::make_unique<httplib::SSLServer>([raw = certificate.get()](SSL_CTX& context) {
      raw->InstallOn(context);
      return true;
    });
  } else {
    server = std::make_unique<httplib::Server>();
  }
  // httplib also sets SO_REUSEPORT by default, which would let a second
  // process bind the same port and take half the scrapes.
  server->set_socket_options([](socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server->Get("/metrics", [&registry](const httplib::Request&, httplib::Response& response) {
    response.set_content(registry.Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  server->Get("/healthz", [serving = std::move(serving)](const httplib::Request&,
                                                         httplib::Response& response) {
    bool ok = serving();
    response.status = ok ? 200 : 503;
    response.set_content(ok ? "ok\n" : "shutting down\n", "text/plain; charset=utf-8");
  });
  for (HttpRoute& route : routes) {
    server->Get(route.path_pattern, [handler = std::move(route.handler)](const httplib::Request& request,
                                                                        httplib::Response& response) {
      HttpRequest asked;
      for (size_t i = 1; i < request.matches.size(); ++i) asked.path_groups.push_back(request.matches[i].str());
      for (const auto& [name, value] : request.params) asked.query.emplace(name, value);
      HttpAnswer answer = handler(asked);
      response.status = answer.status;
      response.set_content(answer.body, answer.content_type);
    });
  }

  int port = address.port;
  bool bound = port == 0 ? (port = server->bind_to_any_port(address.host)) > 0
                         : server->bind_to_port(address.host, port);
  if (!bound) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", address.ToString(),
                                               " (HTTP side port): address in use or not local"));
  }
  std::unique_ptr<SidePort> side_port(
      new SidePort(std::move(server), port, std::move(certificate)));
  httplib::Server* raw = side_port->server_.get();
  side_port->thread_ = std::thread([raw] { raw->listen_after_bind(); });
  // A stop() that came before the accept loop started would be lost and
  // the join in Stop() would wait forever: return only once it runs.
  while (!raw->is_running()) std::this_thread::yield();
  return side_port;
}

SidePort::SidePort(std::unique_ptr<httplib::Server> server, int port,
                   std::shared_ptr<tls::CertificateFiles> certificate)
    : certificate_(std::move(certificate)), server_(std::move(server)), port_(port) {}

SidePort::~SidePort() { Stop(); }

void SidePort::Stop() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace samspar::http
