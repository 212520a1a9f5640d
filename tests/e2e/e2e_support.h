#ifndef SAMSPAR_TESTS_E2E_E2E_SUPPORT_H_
#define SAMSPAR_TESTS_E2E_E2E_SUPPORT_H_

// What the end-to-end tests share: the paths of this build's binaries, and
// the services started as processes the way the local run starts them.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tests/support/service_process.h"

namespace samspar::testing {

// A binary of this build, by its path under the build directory.
inline std::string BuiltBinary(absl::string_view relative) {
  return absl::StrCat(SAMSPAR_BINARY_DIR, "/", relative);
}

inline std::string ServiceBinary(absl::string_view service) {
  return BuiltBinary(absl::StrCat("services/", service, "/samspar-", service));
}

struct RunningService {
  std::unique_ptr<ServiceProcess> process;
  int grpc_port = 0;
  int http_port = 0;
};

// Starts `service` as deploy/run.sh does: loopback ports, TLS and token keys
// from the test PKI in `dir`/pki (MakeTestPki), its database and output
// files in `dir` (`tag` tells repeated starts apart); `extra` are the
// service's own flags (the roster's --redis, the consult service's
// --roster_address).
inline absl::StatusOr<RunningService> StartSecuredService(const std::string& service,
                                                           const TempDir& dir,
                                                           const std::string& tag,
                                                           const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0",
                                   absl::StrCat("--database=", dir.File(service + ".db")),
                                   absl::StrCat("--tls_cert_file=", dir.File("pki/server.pem")),
                                   absl::StrCat("--tls_key_file=", dir.File("pki/server-key.pem")),
                                   absl::StrCat("--tls_client_ca_file=", dir.File("pki/ca.pem")),
                                   absl::StrCat("--jwks_file=", dir.File("pki/jwks.json"))};
  // The consult service calls roster and metrics as itself, and names
  // consults in events by the regions' subject keys.
  if (service == "consult") {
    args.insert(args.end(), {absl::StrCat("--upstream_tls_ca_file=", dir.File("pki/ca.pem")),
                             absl::StrCat("--upstream_tls_cert_file=", dir.File("pki/client.pem")),
                             absl::StrCat("--upstream_tls_key_file=", dir.File("pki/client-key.pem")),
                             absl::StrCat("--service_signing_key_file=", dir.File("pki/token-signing-key.pem")),
                             "--service_key_id=local-1",
                             absl::StrCat("--subject_key_file=", dir.File("pki/subject-keys.txt")),
                             "--switchboard_phones=06=+46101010000"});
  }
  args.insert(args.end(), extra.begin(), extra.end());
  auto process = ServiceProcess::Start(ServiceBinary(service), args,
                                       dir.File(absl::StrCat(service, "-", tag)));
  if (!process.ok()) return process.status();
  auto serving = (*process)->WaitForEvent("server.serving", absl::Seconds(30));
  if (!serving.ok()) return serving.status();
  return RunningService{std::move(*process), (*serving)["grpc_port"].get<int>(),
                        (*serving)["http_port"].get<int>()};
}

// The `samspar` client's flags that reach `services` (by name: "roster", ...)
// over TLS and sign tokens with the test PKI's key.
inline std::vector<std::string> ClientFlags(
    const TempDir& dir, const std::vector<std::pair<std::string, int>>& services) {
  std::vector<std::string> flags = {
      absl::StrCat("--tls_ca_file=", dir.File("pki/ca.pem")),
      absl::StrCat("--signing_key_file=", dir.File("pki/token-signing-key.pem"))};
  for (const auto& [name, port] : services) {
    flags.push_back(absl::StrCat("--", name, "_address=127.0.0.1:", port));
  }
  return flags;
}

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_E2E_E2E_SUPPORT_H_
