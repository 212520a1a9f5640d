#ifndef SAMSPAR_COMMON_TLS_TLS_FILES_H_
#define SAMSPAR_COMMON_TLS_TLS_FILES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace samspar::tls {

// The PEM files of one side of a TLS connection. All paths may be empty.
struct TlsFiles {
  std::string cert_file;  // our certificate chain
  std::string key_file;   // its private key
  std::string ca_file;    // the CAs we trust to sign the other side's certificate
  // How often the files are checked for a rotated certificate.
  absl::Duration refresh_interval = absl::Seconds(60);
};

// The contents of a file, or FailedPrecondition naming `what` (e.g. the
// flag that gave it) and the path: read at start-up, so that a missing or
// unreadable file stops a server before it serves rather than failing every
// handshake later.
absl::StatusOr<std::string> ReadTlsFile(const std::string& path, absl::string_view what);

}  // namespace samspar::tls

#endif  // SAMSPAR_COMMON_TLS_TLS_FILES_H_
