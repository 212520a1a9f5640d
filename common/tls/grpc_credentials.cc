#include "common/tls/grpc_credentials.h"

#include <cstdint>

#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"

namespace samspar::tls {
namespace {

using grpc::experimental::CertificateProviderInterface;
using grpc::experimental::FileWatcherCertificateProvider;

unsigned int RefreshSeconds(const TlsFiles& files) {
  int64_t seconds = absl::ToInt64Seconds(files.refresh_interval);
  return seconds < 1 ? 1u : static_cast<unsigned int>(seconds);
}

// Checks every named file now (one clear error at start-up), then hands the
// paths to gRPC's watcher.
absl::StatusOr<std::shared_ptr<CertificateProviderInterface>> WatchFiles(const TlsFiles& files) {
  for (const auto& [path, what] : {std::pair{files.cert_file, "certificate"},
                                   std::pair{files.key_file, "private key"},
                                   std::pair{files.ca_file, "CA certificate"}}) {
    if (path.empty()) continue;
    if (auto read = ReadTlsFile(path, what); !read.ok()) return read.status();
  }
  if (files.cert_file.empty() != files.key_file.empty()) {
    return absl::InvalidArgumentError("a TLS certificate and its key must be given together");
  }
  if (files.cert_file.empty()) {
    return std::make_shared<FileWatcherCertificateProvider>(files.ca_file, RefreshSeconds(files));
  }
  if (files.ca_file.empty()) {
    return std::make_shared<FileWatcherCertificateProvider>(files.key_file, files.cert_file,
                                                            RefreshSeconds(files));
  }
  return std::make_shared<FileWatcherCertificateProvider>(files.key_file, files.cert_file,
                                                          files.ca_file, RefreshSeconds(files));
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(
    const TlsFiles& files, bool require_client_cert) {
  if (files.cert_file.empty()) {
    return absl::InvalidArgumentError("a TLS server needs a certificate and its key");
  }
  auto provider = WatchFiles(files);
  if (!provider.ok()) return provider.status();
  grpc::experimental::TlsServerCredentialsOptions options(*provider);
  options.watch_identity_key_cert_pairs();
  if (files.ca_file.empty()) {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  } else {
    options.watch_root_certs();
    options.set_cert_request_type(require_client_cert
                                      ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                      : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
  }
  return grpc::experimental::TlsServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(
    const TlsFiles& files) {
  if (files.ca_file.empty() && files.cert_file.empty()) {
    return grpc::SslCredentials(grpc::SslCredentialsOptions());  // the system's roots
  }
  auto provider = WatchFiles(files);
  if (!provider.ok()) return provider.status();
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(*provider);
  if (!files.ca_file.empty()) options.watch_root_certs();
  if (!files.cert_file.empty()) options.watch_identity_key_cert_pairs();
  options.set_verify_server_certs(true);
  return grpc::experimental::TlsCredentials(options);
}

}  // namespace samspar::tls
