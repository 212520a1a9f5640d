#ifndef SAMSPAR_COMMON_TLS_GRPC_CREDENTIALS_H_
#define SAMSPAR_COMMON_TLS_GRPC_CREDENTIALS_H_

// gRPC credentials from PEM files, watched by gRPC's own file watcher so
// that a rotated certificate is used for new connections without a restart.

#include <memory>

#include "absl/status/statusor.h"
#include "common/tls/tls_files.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace samspar::tls {

// A server's credentials: cert_file and key_file required. With ca_file,
// client certificates are requested and, when presented, must be signed by
// it (mutual TLS); with `require_client_cert` every client must present one.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(
    const TlsFiles& files, bool require_client_cert);

// A client's credentials: the server's certificate is verified against
// ca_file (the system's roots when empty) and its name against the target;
// with cert_file and key_file the client presents its own certificate.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(
    const TlsFiles& files);

}  // namespace samspar::tls

#endif  // SAMSPAR_COMMON_TLS_GRPC_CREDENTIALS_H_
