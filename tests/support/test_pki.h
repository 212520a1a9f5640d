#ifndef SAMSPAR_TESTS_SUPPORT_TEST_PKI_H_
#define SAMSPAR_TESTS_SUPPORT_TEST_PKI_H_

// Certificates and keys for tests, made by the same machinery as the local
// run's: deploy/make-local-pki.sh (a CA, a server certificate for localhost
// and 127.0.0.1, a client certificate for mutual TLS, the token signing
// key) and `samspar jwks` (jwks.json, the public keys the services verify
// tokens against). Tests use the real machinery, not a bypass.

#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "tests/support/service_process.h"

namespace samspar::testing {

inline absl::Status MakeTestPki(const std::string& dir) {
  absl::StatusOr<RunResult> made =
      RunToCompletion("/bin/bash", {absl::StrCat(SAMSPAR_SOURCE_DIR, "/deploy/make-local-pki.sh"), dir},
                      absl::StrCat(dir, "-pki"), absl::Seconds(60));
  if (!made.ok()) return made.status();
  if (made->exit_code != 0) return absl::InternalError("make-local-pki.sh failed: " + made->err);
  absl::StatusOr<RunResult> jwks = RunToCompletion(
      absl::StrCat(SAMSPAR_BINARY_DIR, "/tools/samspar/samspar"),
      {absl::StrCat("--signing_key_file=", dir, "/token-signing-key.pem"), "jwks"},
      absl::StrCat(dir, "-jwks"), absl::Seconds(30));
  if (!jwks.ok()) return jwks.status();
  if (jwks->exit_code != 0) return absl::InternalError("samspar jwks failed: " + jwks->err);
  std::ofstream(absl::StrCat(dir, "/jwks.json")) << jwks->out;
  return absl::OkStatus();
}

}  // namespace samspar::testing

#endif  // SAMSPAR_TESTS_SUPPORT_TEST_PKI_H_
