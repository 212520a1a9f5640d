#ifndef SAMSPAR_COMMON_TLS_CERTIFICATE_FILES_H_
#define SAMSPAR_COMMON_TLS_CERTIFICATE_FILES_H_

// A certificate chain and its key from PEM files, re-read when the files
// change, for the TLS servers that are not gRPC (the HTTP side port). gRPC
// servers use gRPC's own file watcher (grpc_credentials.h).

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/tls/tls_files.h"

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace samspar::tls {

class CertificateFiles {
 public:
  // Reads cert_file and key_file now; the error names the bad file.
  static absl::StatusOr<std::shared_ptr<CertificateFiles>> Load(const TlsFiles& files);

  // Makes every handshake on `context` present the current certificate,
  // re-reading the files when they have changed (checked at most once per
  // refresh interval). `this` must outlive the context.
  void InstallOn(SSL_CTX& context);

  // The current certificate's subject, e.g. for a log line after rotation.
  std::string Subject();

  struct Material;

 private:
  explicit CertificateFiles(TlsFiles files) : files_(std::move(files)) {}
  // Re-reads the files if their modification times changed; keeps the
  // current material when the new files do not parse (a half-written
  // rotation) and tries again at the next check.
  void RefreshIfChanged();
  std::shared_ptr<const Material> Current();
  static int UseOnHandshake(SSL* ssl, void* self);

  const TlsFiles files_;
  absl::Mutex mutex_;
  std::shared_ptr<const Material> material_ ABSL_GUARDED_BY(mutex_);
  absl::Time next_check_ ABSL_GUARDED_BY(mutex_);
  std::string fingerprint_ ABSL_GUARDED_BY(mutex_);  // mtimes and sizes of the files read
};

}  // namespace samspar::tls

#endif  // SAMSPAR_COMMON_TLS_CERTIFICATE_FILES_H_
